package org.ixp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Secret;
import org.junit.jupiter.api.Test;

/** The chooser and the factory. */
class SaslMechanismsTest {
    static final SaslCredentials PASSWORD = SaslCredentials.ofPassword("bob", Secret.of("hunter2"));
    static final SaslCredentials TOKEN = SaslCredentials.ofToken("bob", () -> "tok");
    static final SaslCredentials BOTH = new SaslCredentials("bob", Secret.of("hunter2"), () -> "tok", null);
    static final List<String> ALL = List.of("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "NTLM",
            "XOAUTH2", "OAUTHBEARER");

    private static String pick(List<String> offered, SaslCredentials c, List<String> allowed, boolean tls) {
        return SaslMechanisms.choose(offered, c, allowed, tls, false, false, "smtp", "mail.example.com").name();
    }

    private static IxpCode failure(Runnable r) {
        try {
            r.run();
        } catch (IxpException e) {
            return e.code();
        }
        throw new AssertionError("no IxpException");
    }

    @Test
    void knownListsEveryMechanismInPreferenceOrder() {
        assertThat(SaslMechanisms.known()).containsExactly("OAUTHBEARER", "XOAUTH2", "SCRAM-SHA-256", "SCRAM-SHA-1",
                "NTLM", "CRAM-MD5", "PLAIN", "LOGIN");
    }

    @Test
    void prefersScramOverPlain() {
        assertThat(pick(List.of("PLAIN", "LOGIN", "SCRAM-SHA-1", "SCRAM-SHA-256"), PASSWORD, List.of(), true))
                .isEqualTo("SCRAM-SHA-256");
        assertThat(pick(List.of("PLAIN", "SCRAM-SHA-1"), PASSWORD, List.of(), true)).isEqualTo("SCRAM-SHA-1");
        assertThat(pick(List.of("PLAIN", "LOGIN"), PASSWORD, List.of(), true)).isEqualTo("PLAIN");
        assertThat(pick(List.of("LOGIN"), PASSWORD, List.of(), true)).isEqualTo("LOGIN");
    }

    @Test
    void serverNamesAreCaseInsensitive() {
        assertThat(pick(List.of("plain", " scram-sha-256 "), PASSWORD, List.of("Scram-Sha-256", "plain"), true))
                .isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void refusesPasswordRevealingMechanismsWithoutTls() {
        assertThat(failure(() -> pick(List.of("PLAIN", "LOGIN"), PASSWORD, List.of(), false)))
                .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
        assertThat(failure(() -> pick(List.of("XOAUTH2"), TOKEN, List.of(), false)))
                .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
        assertThat(SaslMechanisms.choose(List.of("PLAIN"), PASSWORD, List.of(), false, true, false, "smtp", "h").name())
                .isEqualTo("PLAIN");
    }

    @Test
    void picksChallengeResponseWithoutTls() {
        assertThat(pick(List.of("PLAIN", "LOGIN", "CRAM-MD5"), PASSWORD, List.of(), false)).isEqualTo("CRAM-MD5");
        assertThat(pick(List.of("PLAIN", "SCRAM-SHA-256"), PASSWORD, List.of(), false)).isEqualTo("SCRAM-SHA-256");
        // the user prefers PLAIN, but without TLS the next allowed one is used
        assertThat(pick(List.of("PLAIN", "CRAM-MD5"), PASSWORD, List.of("PLAIN", "CRAM-MD5"), false)).isEqualTo("CRAM-MD5");
    }

    @Test
    void respectsTheUsersListAndOrder() {
        assertThat(pick(ALL, PASSWORD, List.of("PLAIN", "SCRAM-SHA-256"), true)).isEqualTo("PLAIN");
        assertThat(pick(ALL, PASSWORD, List.of("LOGIN"), true)).isEqualTo("LOGIN");
        assertThat(failure(() -> pick(List.of("PLAIN"), PASSWORD, List.of("SCRAM-SHA-256"), true)))
                .isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM);
        assertThat(failure(() -> pick(ALL, PASSWORD, List.of("GSSAPI"), true))).isEqualTo(IxpCode.E_INVALIDARG);
    }

    @Test
    void noOverlapNamesBothSides() {
        assertThatThrownBy(() -> pick(List.of("GSSAPI", "EXTERNAL"), PASSWORD, List.of(), true))
                .isInstanceOf(IxpException.class)
                .satisfies(e -> assertThat(((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM))
                .hasMessageContaining("GSSAPI").hasMessageContaining("EXTERNAL")
                .hasMessageContaining("SCRAM-SHA-256").hasMessageContaining("PLAIN");
        assertThat(failure(() -> pick(List.of(), PASSWORD, List.of(), true))).isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM);
    }

    @Test
    void oauthOnlyWithATokenAndThenFirst() {
        assertThat(pick(ALL, PASSWORD, List.of(), true)).isEqualTo("SCRAM-SHA-256");
        assertThat(pick(ALL, TOKEN, List.of(), true)).isEqualTo("OAUTHBEARER");
        assertThat(pick(ALL, BOTH, List.of(), true)).isEqualTo("OAUTHBEARER");
        assertThat(pick(List.of("XOAUTH2", "PLAIN"), BOTH, List.of(), true)).isEqualTo("XOAUTH2");
        assertThat(pick(List.of("XOAUTH2", "PLAIN"), PASSWORD, List.of(), true)).isEqualTo("PLAIN");
        assertThat(pick(List.of("SCRAM-SHA-256", "PLAIN"), BOTH, List.of(), true)).isEqualTo("SCRAM-SHA-256");
        assertThat(failure(() -> pick(List.of("SCRAM-SHA-256", "PLAIN"), TOKEN, List.of(), true)))
                .isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM);
    }

    @Test
    void ntlmOnlyWithSpaAndThenOnlyNtlm() {
        assertThat(pick(ALL, PASSWORD, List.of("NTLM", "PLAIN"), true)).isEqualTo("PLAIN");
        SaslMechanism m = SaslMechanisms.choose(ALL, PASSWORD, List.of(), false, false, true, "smtp", "h");
        assertThat(m.name()).isEqualTo("NTLM");
        assertThat(failure(() -> SaslMechanisms.choose(List.of("SCRAM-SHA-256", "PLAIN"), PASSWORD, List.of(), true,
                false, true, "smtp", "h"))).isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM);
    }

    @Test
    void createMakesOneNamedMechanism() {
        assertThat(SaslMechanisms.create("cram-md5", PASSWORD, false, false, "pop", "h").name()).isEqualTo("CRAM-MD5");
        assertThat(SaslMechanisms.create("NTLM", PASSWORD, false, false, "pop", "h").name()).isEqualTo("NTLM");
        assertThat(SaslMechanisms.create("plain", PASSWORD, true, false, "pop", "h").name()).isEqualTo("PLAIN");
        assertThat(failure(() -> SaslMechanisms.create("PLAIN", PASSWORD, false, false, "pop", "h")))
                .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
        assertThat(failure(() -> SaslMechanisms.create("KERBEROS_V4", PASSWORD, true, false, "pop", "h")))
                .isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(failure(() -> SaslMechanisms.create("XOAUTH2", PASSWORD, true, false, "pop", "h")))
                .isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(failure(() -> SaslMechanisms.create("SCRAM-SHA-256", TOKEN, true, false, "pop", "h")))
                .isEqualTo(IxpCode.E_INVALIDARG);
    }

    @Test
    void revealsPasswordByName() {
        assertThat(SaslMechanisms.revealsPassword("plain")).isTrue();
        assertThat(SaslMechanisms.revealsPassword("XOAUTH2")).isTrue();
        assertThat(SaslMechanisms.revealsPassword("SCRAM-SHA-256")).isFalse();
        assertThat(SaslMechanisms.revealsPassword(null)).isFalse();
        for (String name : SaslMechanisms.known()) {
            SaslCredentials c = name.contains("OAUTH") ? TOKEN : PASSWORD;
            assertThat(SaslMechanisms.create(name, c, true, false, "imap", "h").revealsPassword())
                    .as(name).isEqualTo(SaslMechanisms.revealsPassword(name));
        }
    }

    @Test
    void missingArgumentsAreInvalidButANullAllowedListMeansAll() {
        assertThat(failure(() -> SaslMechanisms.choose(null, PASSWORD, List.of(), true, false, false, "smtp", "h")))
                .isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(failure(() -> SaslMechanisms.choose(ALL, null, List.of(), true, false, false, "smtp", "h")))
                .isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(failure(() -> SaslMechanisms.create("PLAIN", PASSWORD, true, false, null, "h")))
                .isEqualTo(IxpCode.E_INVALIDARG);
        // a null allowed list means the same as an empty one: every known mechanism
        assertThat(SaslMechanisms.choose(ALL, PASSWORD, null, true, false, false, "smtp", "h").name())
                .isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void credentialsRefuseControlCharacters() {
        assertThat(failure(() -> SaslCredentials.ofPassword("bob\r\nQUIT", Secret.of("x")))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(failure(() -> SaslCredentials.ofPassword("bob", Secret.of("a\0b")))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(failure(() -> SaslCredentials.ofPassword("", Secret.of("x")))).isEqualTo(IxpCode.E_INVALIDARG);
    }
}
