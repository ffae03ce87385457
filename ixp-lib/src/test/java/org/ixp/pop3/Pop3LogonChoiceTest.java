package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/** The choice of logon method, sans I/O: strongest first, nothing revealing without TLS unless allowed. */
class Pop3LogonChoiceTest {
    private static final String TS = "<1.2@x>";

    private static Pop3Capabilities caps(String... lines) {
        return Pop3Capabilities.fromCapa(List.of(lines));
    }

    private static InetServer.Builder server() {
        return InetServer.builder().serverName("pop.example").userName("u").password("p");
    }

    private static String choose(Pop3Capabilities caps, String ts, InetServer s, boolean tls) {
        return Pop3LogonChoice.choose(caps, ts, s, tls).name();
    }

    private static IxpCode refused(Pop3Capabilities caps, String ts, InetServer s, boolean tls) {
        try {
            Pop3LogonChoice.choose(caps, ts, s, tls);
            throw new AssertionError("expected a refusal");
        } catch (IxpException e) {
            return e.code();
        }
    }

    @Test
    void scramBeatsEverythingElse() {
        Pop3Capabilities all = caps("USER", "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256");
        assertThat(choose(all, TS, server().build(), true)).isEqualTo("SCRAM-SHA-256");
        assertThat(choose(all, TS, server().build(), false)).isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void apopComesAfterCramMd5AndBeforeAnythingThatRevealsThePassword() {
        assertThat(choose(caps("USER", "SASL PLAIN CRAM-MD5"), TS, server().build(), true)).isEqualTo("CRAM-MD5");
        assertThat(choose(caps("USER", "SASL PLAIN"), TS, server().build(), true)).isEqualTo("APOP");
        assertThat(choose(caps("USER", "SASL PLAIN"), null, server().build(), true)).isEqualTo("PLAIN");
        assertThat(choose(caps("USER"), null, server().build(), true)).isEqualTo("USER");
        assertThat(choose(caps("USER"), TS, server().build(), false)).isEqualTo("APOP");
    }

    @Test
    void withoutTlsRevealingMethodsNeedPermission() {
        assertThat(refused(caps("USER", "SASL PLAIN LOGIN"), null, server().build(), false))
                .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
        assertThat(choose(caps("USER", "SASL PLAIN"), null, server().allowPlaintextAuth(true).build(), false))
                .isEqualTo("PLAIN");
    }

    @Test
    void withoutCapaUserIsAssumed() {
        assertThat(choose(Pop3Capabilities.UNKNOWN, null, server().build(), true)).isEqualTo("USER");
        assertThat(caps("SASL PLAIN").user()).isFalse();
        assertThat(refused(caps("SASL X-UNKNOWN"), null, server().build(), true))
                .isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM);
    }

    @Test
    void theUsersListDecidesTheOrder() {
        Pop3Capabilities all = caps("USER", "SASL PLAIN SCRAM-SHA-256");
        InetServer s = server().saslMechanisms(List.of("user", "PLAIN")).build();
        assertThat(choose(all, TS, s, true)).isEqualTo("USER");
        assertThat(choose(all, TS, server().saslMechanisms(List.of("APOP", "SCRAM-SHA-256")).build(), true))
                .isEqualTo("APOP");
        assertThat(refused(all, TS, server().saslMechanisms(List.of("BOGUS")).build(), true))
                .isEqualTo(IxpCode.E_INVALIDARG);
    }

    @Test
    void spaMeansNtlmOnly() {
        InetServer spa = server().trySicily(true).build();
        assertThat(refused(caps("USER", "SASL PLAIN"), TS, spa, true)).isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM);
    }

    @Test
    void aTokenPrefersOauth() {
        InetServer s = server().password((String) null).oauthToken(() -> "tok").build();
        assertThat(choose(caps("USER", "SASL PLAIN XOAUTH2 OAUTHBEARER"), TS, s, true)).isEqualTo("OAUTHBEARER");
        assertThat(refused(caps("USER", "SASL PLAIN"), TS, s, true)).isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM);
    }
}
