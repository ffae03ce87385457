package org.ixp.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Secret;
import org.junit.jupiter.api.Test;

/** SCRAM known answers from RFC 7677 §3 (SHA-256) and RFC 5802 §5 (SHA-1), and refusals. */
class ScramSaslMechanismTest {
    static final String NONCE_256 = "rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST_256 =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL_256 = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_FINAL_256 = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    static ScramSaslMechanism rfc7677() {
        return new ScramSaslMechanism("SCRAM-SHA-256", SaslCredentials.ofPassword("user", Secret.of("pencil")),
                () -> NONCE_256);
    }

    private static String answer(SaslMechanism m, String challenge) {
        return new String(m.evaluateChallenge(challenge.getBytes(UTF_8)), UTF_8);
    }

    private static IxpCode codeOf(Throwable t) {
        return ((IxpException) t).code();
    }

    @Test
    void sha256MatchesRfc7677() {
        SaslMechanism m = rfc7677();
        assertThat(m.name()).isEqualTo("SCRAM-SHA-256");
        assertThat(m.hasInitialResponse()).isTrue();
        assertThat(m.revealsPassword()).isFalse();
        assertThat(new String(m.initialResponse(), UTF_8)).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(answer(m, SERVER_FIRST_256)).isEqualTo(CLIENT_FINAL_256);
        assertThat(m.isComplete()).isFalse();
        assertThat(m.evaluateChallenge(SERVER_FINAL_256.getBytes(UTF_8))).isEmpty();
        assertThat(m.isComplete()).isTrue();
    }

    @Test
    void sha1MatchesRfc5802() {
        SaslMechanism m = new ScramSaslMechanism("SCRAM-SHA-1", SaslCredentials.ofPassword("user", Secret.of("pencil")),
                () -> "fyko+d2lbbFgONRv9qkxdawL");
        assertThat(new String(m.initialResponse(), UTF_8)).isEqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        assertThat(answer(m, "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"))
                .isEqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        answer(m, "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
        assertThat(m.isComplete()).isTrue();
    }

    @Test
    void answersAnEmptyFirstChallengeWithClientFirst() {
        SaslMechanism m = rfc7677();
        assertThat(answer(m, "")).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(answer(m, SERVER_FIRST_256)).isEqualTo(CLIENT_FINAL_256);
    }

    @Test
    void escapesTheUserNameAndSendsTheAuthorizationId() {
        SaslMechanism m = new ScramSaslMechanism("SCRAM-SHA-256",
                new SaslCredentials("a,b=c", Secret.of("pencil"), null, "admin"), () -> "abc");
        assertThat(new String(m.initialResponse(), UTF_8)).isEqualTo("n,a=admin,n=a=2Cb=3Dc,r=abc");
    }

    @Test
    void wrongServerSignatureFailsTheLogon() {
        SaslMechanism m = rfc7677();
        m.initialResponse();
        answer(m, SERVER_FIRST_256);
        assertThatThrownBy(() -> answer(m, "v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_AUTH_FAILED))
                .hasMessageContaining("signature");
        assertThat(m.isComplete()).isFalse();
    }

    @Test
    void serverErrorInFinalMessageFailsTheLogon() {
        SaslMechanism m = rfc7677();
        m.initialResponse();
        answer(m, SERVER_FIRST_256);
        assertThatThrownBy(() -> answer(m, "e=invalid-proof"))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_AUTH_FAILED))
                .hasMessageContaining("invalid-proof");
    }

    @Test
    void serverNonceNotExtendingOursIsAProtocolError() {
        SaslMechanism m = rfc7677();
        m.initialResponse();
        assertThatThrownBy(() -> answer(m, "r=someoneElsesNonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR));
    }

    @Test
    void malformedServerFirstIsAProtocolError() {
        SaslMechanism m = rfc7677();
        m.initialResponse();
        assertThatThrownBy(() -> answer(m, "garbage"))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR));
    }

    @Test
    void excessiveIterationCountIsRefused() {
        SaslMechanism m = rfc7677();
        m.initialResponse();
        assertThatThrownBy(() -> answer(m, SERVER_FIRST_256.replace("i=4096", "i=2000000000")))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR))
                .hasMessageContaining("iterations");
    }

    @Test
    void challengesOutOfOrderAreRefused() {
        SaslMechanism early = rfc7677();
        assertThatThrownBy(() -> answer(early, SERVER_FIRST_256))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR));
        SaslMechanism done = rfc7677();
        done.initialResponse();
        answer(done, SERVER_FIRST_256);
        answer(done, SERVER_FINAL_256);
        assertThatThrownBy(() -> answer(done, SERVER_FINAL_256))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR));
        assertThatThrownBy(done::initialResponse)
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_INVALID_STATE));
    }

    @Test
    void randomNonceDiffersEachTime() {
        SaslCredentials c = SaslCredentials.ofPassword("user", Secret.of("pencil"));
        String a = new String(new ScramSaslMechanism("SCRAM-SHA-256", c).initialResponse(), UTF_8);
        String b = new String(new ScramSaslMechanism("SCRAM-SHA-256", c).initialResponse(), UTF_8);
        assertThat(a).startsWith("n,,n=user,r=").isNotEqualTo(b);
    }
}
