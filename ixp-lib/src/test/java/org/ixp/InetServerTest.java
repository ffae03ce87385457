package org.ixp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InetServerTest {
    private static final String PASSWORD = "Tr0ub4dor&3-secret";
    private static final String TOKEN = "ya29.a0AfH6SMBx-oauth-token-value";

    private static InetServer.Builder minimal() {
        return InetServer.builder().serverName("mail.example.com");
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void builderDefaults() {
        InetServer s = minimal().build();
        assertThat(s.serverName()).isEqualTo("mail.example.com");
        assertThat(s.security()).isEqualTo(Security.STARTTLS);
        assertThat(s.ssl()).isFalse();
        assertThat(s.tls()).isEqualTo(TlsSettings.DEFAULT);
        assertThat(s.tls().insecure()).isFalse();
        assertThat(s.tls().caFile()).isNull();
        assertThat(s.timeouts()).isEqualTo(Timeouts.DEFAULT);
        assertThat(s.timeoutSeconds()).isEqualTo(60);
        assertThat(s.port()).isZero();
        assertThat(s.account()).isEmpty();
        assertThat(s.connectoid()).isEmpty();
        assertThat(s.userName()).isNull();
        assertThat(s.password()).isNull();
        assertThat(s.hasPassword()).isFalse();
        assertThat(s.oauthToken()).isNull();
        assertThat(s.trySicily()).isFalse();
        assertThat(s.allowPlaintextAuth()).isFalse();
        assertThat(s.flags()).isEmpty();
        assertThat(s.saslMechanisms()).isEmpty();
        assertThat(s.limits()).isEqualTo(Limits.DEFAULT);
        assertThat(s.localHostName()).isNull();
    }

    @Test
    void implicitTlsIsSsl() {
        assertThat(minimal().security(Security.IMPLICIT_TLS).build().ssl()).isTrue();
        assertThat(minimal().security(Security.NONE).build().ssl()).isFalse();
        assertThat(Security.NONE.usesTls()).isFalse();
        assertThat(Security.STARTTLS.usesTls()).isTrue();
        assertThat(Security.IMPLICIT_TLS.usesTls()).isTrue();
    }

    @Test
    void flagsAreCopiedAndUnmodifiable() {
        EnumSet<ServerFlag> flags = EnumSet.of(ServerFlag.QUERYDSNSUPPORT);
        InetServer s = minimal().flags(flags).flag(ServerFlag.QUERYAUTHSUPPORT).build();
        flags.add(ServerFlag.SMTP_USEIPFORHELO);
        assertThat(s.flags()).containsExactlyInAnyOrder(ServerFlag.QUERYDSNSUPPORT, ServerFlag.QUERYAUTHSUPPORT);
        assertThat(s.has(ServerFlag.SMTP_USEIPFORHELO)).isFalse();
        assertThatThrownBy(() -> s.flags().add(ServerFlag.SSLONSAMEPORT))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(ServerFlag.SMTP_USEIPFORHELO.value()).isEqualTo(0x01);
        assertThat(ServerFlag.ALWAYSPROMPTFORPASSWORD.value()).isEqualTo(0x02);
        assertThat(ServerFlag.SSLONSAMEPORT.value()).isEqualTo(0x04);
        assertThat(ServerFlag.QUERYDSNSUPPORT.value()).isEqualTo(0x08);
        assertThat(ServerFlag.QUERYAUTHSUPPORT.value()).isEqualTo(0x10);
    }

    // ---------------------------------------------------------------- secrets stay secret

    @Test
    void toStringNeverShowsThePasswordOrToken() {
        InetServer s = minimal().account("work").userName("alice").password(PASSWORD).oauthToken(() -> TOKEN)
                .port(587).build();
        String text = s.toString();
        assertThat(text).contains("alice").contains("mail.example.com").contains("587");
        assertNoSecret(text);
        assertNoSecret(s.toBuilder().build().toString());
        assertNoSecret(s.withCredentials("bob", Secret.of(PASSWORD)).toString());
    }

    @Test
    void toStringSaysWhetherSecretsAreSet() {
        assertThat(minimal().build().toString()).contains("password=none").contains("oauthToken=none");
        assertThat(minimal().password(PASSWORD).oauthToken(() -> TOKEN).build().toString())
                .contains("password=****").contains("oauthToken=****");
    }

    @Test
    void secretToStringIsStars() {
        assertThat(Secret.of(PASSWORD).toString()).isEqualTo("****");
        assertThat(Secret.of(PASSWORD.toCharArray()).toString()).isEqualTo("****");
        assertThat(Secret.of("").toString()).isEqualTo("****");
        assertThat(Secret.of(PASSWORD).reveal()).isEqualTo(PASSWORD);
        assertThat(Secret.of("").isEmpty()).isTrue();
        assertThat(Secret.of(PASSWORD)).isEqualTo(Secret.of(PASSWORD)).hasSameHashCodeAs(Secret.of(PASSWORD));
    }

    @Test
    void secretCopiesItsCharArray() {
        char[] chars = PASSWORD.toCharArray();
        Secret s = Secret.of(chars);
        chars[0] = 'X';
        assertThat(s.reveal()).isEqualTo(PASSWORD);
    }

    private static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(PASSWORD).doesNotContain(TOKEN)
                .doesNotContain(b64(PASSWORD)).doesNotContain(b64(TOKEN))
                .doesNotContain(b64("\0alice\0" + PASSWORD)).doesNotContain(b64("\0bob\0" + PASSWORD))
                .doesNotContain(b64("user=alice\u0001auth=Bearer " + TOKEN + "\u0001\u0001"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
    }

    // ---------------------------------------------------------------- copies

    @Test
    void withCredentialsCopies() {
        InetServer original = minimal().account("work").userName("alice").password("old-pw").port(587)
                .security(Security.IMPLICIT_TLS).trySicily(true).flag(ServerFlag.QUERYAUTHSUPPORT)
                .tls(TlsSettings.trusting(Path.of("/etc/ca.pem"))).allowPlaintextAuth(true)
                .saslMechanisms(List.of("SCRAM-SHA-256")).localHostName("client.example.org")
                .timeouts(Timeouts.all(Duration.ofSeconds(7))).build();
        InetServer changed = original.withCredentials("bob", Secret.of("new-pw"));

        assertThat(changed).isNotSameAs(original);
        assertThat(changed.userName()).isEqualTo("bob");
        assertThat(changed.password().reveal()).isEqualTo("new-pw");
        assertThat(original.userName()).as("original untouched").isEqualTo("alice");
        assertThat(original.password().reveal()).as("original untouched").isEqualTo("old-pw");

        assertThat(changed.account()).isEqualTo("work");
        assertThat(changed.serverName()).isEqualTo("mail.example.com");
        assertThat(changed.port()).isEqualTo(587);
        assertThat(changed.security()).isEqualTo(Security.IMPLICIT_TLS);
        assertThat(changed.trySicily()).isTrue();
        assertThat(changed.flags()).containsExactly(ServerFlag.QUERYAUTHSUPPORT);
        assertThat(changed.tls()).isEqualTo(TlsSettings.trusting(Path.of("/etc/ca.pem")));
        assertThat(changed.allowPlaintextAuth()).isTrue();
        assertThat(changed.saslMechanisms()).containsExactly("SCRAM-SHA-256");
        assertThat(changed.localHostName()).isEqualTo("client.example.org");
        assertThat(changed.timeouts()).isEqualTo(Timeouts.all(Duration.ofSeconds(7)));
    }

    @Test
    void withCredentialsChecksTheNewCredentials() {
        InetServer s = minimal().userName("alice").build();
        IxpException e = catchThrowableOfType(IxpException.class,
                () -> s.withCredentials("bob", Secret.of("pw\r\nQUIT")));
        assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(e.getMessage()).doesNotContain("pw").doesNotContain("QUIT");
        assertThat(catchThrowableOfType(IxpException.class, () -> s.withCredentials("bob\nRSET", null)).code())
                .isEqualTo(IxpCode.E_INVALIDARG);
    }

    @Test
    void toBuilderChangesOnlyTheCopy() {
        InetServer a = minimal().port(25).flag(ServerFlag.QUERYDSNSUPPORT).build();
        InetServer b = a.toBuilder().port(587).flag(ServerFlag.SSLONSAMEPORT).build();
        assertThat(a.port()).isEqualTo(25);
        assertThat(a.flags()).containsExactly(ServerFlag.QUERYDSNSUPPORT);
        assertThat(b.port()).isEqualTo(587);
        assertThat(b.flags()).containsExactlyInAnyOrder(ServerFlag.QUERYDSNSUPPORT, ServerFlag.SSLONSAMEPORT);
    }

    // ---------------------------------------------------------------- build() refusals

    @Test
    void refusesMissingServerName() {
        assertInvalid(InetServer.builder());
        assertInvalid(InetServer.builder().serverName(""));
        assertInvalid(InetServer.builder().serverName("   "));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, 70000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void refusesPortOutOfRange(int port) {
        assertInvalid(minimal().port(port));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 25, 465, 587, 65535})
    void acceptsPortInRange(int port) {
        assertThat(minimal().port(port).build().port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail\r.example.com", "mail.example.com\n", "\0mail.example.com",
            "mail.example.com\r\nRCPT TO:<x>", "a\0b"})
    void refusesControlCharactersInServerName(String name) {
        assertInvalid(InetServer.builder().serverName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ralice", "al\nice", "alice\0", "alice\r\nQUIT", "\n"})
    void refusesControlCharactersInUserName(String user) {
        assertInvalid(minimal().userName(user));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r" + PASSWORD, PASSWORD + "\n", "Tr0ub\0dor&3-secret", "Tr0ub\r\ndor&3-secret"})
    void refusesControlCharactersInPasswordWithoutEchoingIt(String password) {
        IxpException e = catchThrowableOfType(IxpException.class, () -> minimal().password(password).build());
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(e.getMessage()).contains("password").doesNotContain("Tr0ub").doesNotContain("dor&3")
                .doesNotContain(b64(password));
        assertThat(String.valueOf(e.result().problem())).doesNotContain("Tr0ub").doesNotContain("dor&3");
        assertThat(e.result().response()).isNull();
    }

    @Test
    void refusesControlCharactersInLocalHostName() {
        assertInvalid(minimal().localHostName("client\r\nMAIL FROM:<x>"));
    }

    @Test
    void acceptsNullUserAndPassword() {
        assertThatCode(() -> minimal().userName(null).password((String) null).build()).doesNotThrowAnyException();
    }

    private static void assertInvalid(InetServer.Builder b) {
        IxpException e = catchThrowableOfType(IxpException.class, b::build);
        assertThat(e).as("build() must refuse").isNotNull();
        assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG);
    }

    // ---------------------------------------------------------------- Arguments

    @Test
    void requireSafeAcceptsPlainText() {
        assertThat(Arguments.requireSafe("x", "alice@example.com")).isEqualTo("alice@example.com");
        assertThat(Arguments.requireSafe("x", "")).isEmpty();
        assertThat(Arguments.requireSafe("x", null)).isNull();
        assertThat(Arguments.requireSafe("x", "tab\tand unicode ✓ are fine")).isEqualTo("tab\tand unicode ✓ are fine");
    }

    @Test
    void requireSafeRefusesCrLfNulAtEveryPosition() {
        for (char bad : new char[] {'\r', '\n', '\0'}) {
            for (String v : List.of(bad + "abc", "a" + bad + "bc", "ab" + bad + "c", "abc" + bad, String.valueOf(bad),
                    "abc" + bad + bad)) {
                IxpException e = catchThrowableOfType(IxpException.class, () -> Arguments.requireSafe("MAIL FROM", v));
                assertThat(e).as("%s refused", v.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0"))
                        .isNotNull();
                assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG);
                assertThat(e.getMessage()).contains("MAIL FROM").contains("index " + Arguments.firstUnsafe(v));
            }
        }
    }

    @Test
    void firstUnsafeFindsTheFirst() {
        assertThat(Arguments.firstUnsafe("abc")).isEqualTo(-1);
        assertThat(Arguments.firstUnsafe("")).isEqualTo(-1);
        assertThat(Arguments.firstUnsafe("\rabc")).isZero();
        assertThat(Arguments.firstUnsafe("ab\nc\r")).isEqualTo(2);
        assertThat(Arguments.firstUnsafe("abc\0")).isEqualTo(3);
    }

    @Test
    void requireSafeSecretNeverEchoesTheSecret() {
        assertThatCode(() -> Arguments.requireSafeSecret("password", Secret.of(PASSWORD))).doesNotThrowAnyException();
        IxpException e = catchThrowableOfType(IxpException.class,
                () -> Arguments.requireSafeSecret("password", Secret.of("hunter2\r\nQUIT")));
        assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(e.getMessage()).contains("password").doesNotContain("hunter2").doesNotContain("QUIT");
    }

    // ---------------------------------------------------------------- Timeouts and Limits

    @Test
    void timeoutsRejectZeroAndNegative() {
        Duration one = Duration.ofSeconds(1);
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(-30))) {
            assertThatThrownBy(() -> new Timeouts(bad, one, one, one, one)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("connect");
            assertThatThrownBy(() -> new Timeouts(one, bad, one, one, one)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tlsHandshake");
            assertThatThrownBy(() -> new Timeouts(one, one, bad, one, one)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("response");
            assertThatThrownBy(() -> new Timeouts(one, one, one, bad, one)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("write");
            assertThatThrownBy(() -> new Timeouts(one, one, one, one, bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("goodbye");
            assertThatThrownBy(() -> Timeouts.all(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Timeouts.DEFAULT.withResponse(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Timeouts.DEFAULT.withGoodbye(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Timeouts(null, one, one, one, one)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void timeoutsDefaultsAndCopies() {
        assertThat(Timeouts.DEFAULT.connect()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Timeouts.DEFAULT.tlsHandshake()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Timeouts.DEFAULT.response()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Timeouts.DEFAULT.write()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Timeouts.DEFAULT.goodbye()).isEqualTo(Duration.ofSeconds(10));
        Timeouts t = Timeouts.DEFAULT.withResponse(Duration.ofSeconds(5)).withGoodbye(Duration.ofMillis(1));
        assertThat(t.response()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.goodbye()).isEqualTo(Duration.ofMillis(1));
        assertThat(t.connect()).isEqualTo(Timeouts.DEFAULT.connect());
        assertThat(Timeouts.DEFAULT.response()).as("DEFAULT untouched").isEqualTo(Duration.ofSeconds(60));
        assertThat(Timeouts.all(Duration.ofNanos(1)).goodbye()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void limitsBounds() {
        assertThat(Limits.DEFAULT.maxLineLength()).isEqualTo(64 * 1024);
        assertThat(Limits.DEFAULT.maxLiteralSize()).isEqualTo(1L << 31);
        assertThat(Limits.DEFAULT.maxReplyLines()).isEqualTo(1000);

        assertThatCode(() -> new Limits(512, 0, 1)).doesNotThrowAnyException();
        assertThatCode(() -> new Limits(Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Limits(511, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512");
        assertThatThrownBy(() -> new Limits(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(512, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(512, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(512, 0, -5)).isInstanceOf(IllegalArgumentException.class);
    }
}
