package org.ixp.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ixp.IxpException;
import org.ixp.Secret;
import org.junit.jupiter.api.Test;

/** No toString() and no failure message shows the password, the token, or their base64 forms. */
class SaslSecretsTest {
    static final String PASSWORD = "S3cr3t-Pa55w0rd";
    static final String TOKEN = "ya29.T0k3n-V4lu3";
    static final SaslCredentials BOTH = new SaslCredentials("bob", Secret.of(PASSWORD), () -> TOKEN, null);

    private static List<String> forbidden() {
        List<String> f = new ArrayList<>();
        for (String s : List.of(PASSWORD, TOKEN, "\0bob\0" + PASSWORD, "user=bob\u0001auth=Bearer " + TOKEN + "\u0001\u0001",
                "n,a=bob,\u0001auth=Bearer " + TOKEN + "\u0001\u0001")) {
            f.add(s);
            f.add(Base64.getEncoder().encodeToString(s.getBytes(UTF_8)));
        }
        f.add(Base64.getEncoder().encodeToString(PASSWORD.getBytes(UTF_8)).replace("=", ""));
        f.add(Base64.getEncoder().encodeToString(TOKEN.getBytes(UTF_8)).replace("=", ""));
        return f;
    }

    private static void assertClean(String what, String text) {
        for (String secret : forbidden()) {
            assertThat(text).as(what).doesNotContain(secret);
        }
    }

    private static IxpException failure(Runnable r) {
        try {
            r.run();
        } catch (IxpException e) {
            return e;
        }
        throw new AssertionError("expected an IxpException");
    }

    private static void assertCleanFailure(IxpException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertClean("failure", String.valueOf(t.getMessage()));
            assertClean("failure", t.toString());
        }
        assertClean("result", e.result().describe());
    }

    @Test
    void credentialsAndMechanismsDoNotShowSecrets() {
        assertClean("credentials", BOTH.toString());
        assertClean("credentials", SaslCredentials.ofToken("bob", () -> TOKEN).toString());
        assertClean("handler", new CredentialsCallbackHandler("bob", PASSWORD, "DOM").toString());
        for (String name : SaslMechanisms.known()) {
            SaslMechanism m = SaslMechanisms.create(name, BOTH, true, false, "imap", "mail.example.com");
            assertClean(name, m.toString());
            if (m.hasInitialResponse()) {
                m.initialResponse();
            } else {
                m.evaluateChallenge("<1.2@example.com>".getBytes(UTF_8));
            }
            assertClean(name, m.toString());
        }
    }

    @Test
    void failureMessagesDoNotShowSecrets() {
        List<IxpException> failures = new ArrayList<>();
        List<String> all = SaslMechanisms.known();
        failures.add(failure(() -> SaslMechanisms.choose(List.of("GSSAPI"), BOTH, List.of(), true, false, false, "smtp", "h")));
        failures.add(failure(() -> SaslMechanisms.choose(List.of("PLAIN", "XOAUTH2"), BOTH, List.of(), false, false, false,
                "smtp", "h")));
        failures.add(failure(() -> SaslMechanisms.create("NOPE", BOTH, true, false, "smtp", "h")));
        failures.add(failure(() -> SaslMechanisms.create("PLAIN", BOTH, false, false, "smtp", "h")));
        failures.add(failure(() -> SaslMechanisms.choose(all, SaslCredentials.ofToken("bob", () -> TOKEN), List.of(), true,
                false, true, "smtp", "h")));

        SaslCredentials rfc = SaslCredentials.ofPassword("user", Secret.of(PASSWORD));
        for (String serverFinal : List.of("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", "e=invalid-proof", "x=junk")) {
            ScramSaslMechanism scram = new ScramSaslMechanism("SCRAM-SHA-256", rfc, () -> ScramSaslMechanismTest.NONCE_256);
            scram.initialResponse();
            scram.evaluateChallenge(ScramSaslMechanismTest.SERVER_FIRST_256.getBytes(UTF_8));
            failures.add(failure(() -> scram.evaluateChallenge(serverFinal.getBytes(UTF_8))));
        }
        ScramSaslMechanism scram = new ScramSaslMechanism("SCRAM-SHA-256", rfc, () -> ScramSaslMechanismTest.NONCE_256);
        scram.initialResponse();
        failures.add(failure(() -> scram.evaluateChallenge("r=x,s=%%%,i=1".getBytes(UTF_8))));
        failures.add(failure(scram::initialResponse));

        SaslMechanism plain = SaslMechanisms.create("PLAIN", BOTH, true, false, "smtp", "h");
        plain.initialResponse();
        failures.add(failure(() -> plain.evaluateChallenge(new byte[] {1})));
        failures.add(failure(() -> SaslMechanisms.create("CRAM-MD5", BOTH, true, false, "smtp", "h")
                .evaluateChallenge(new byte[0])));
        SaslMechanism ntlm = SaslMechanisms.create("NTLM", BOTH, true, false, "smtp", "h");
        ntlm.initialResponse();
        failures.add(failure(() -> ntlm.evaluateChallenge("NTLMSSP\0garbage".getBytes(UTF_8))));
        SaslMechanism login = SaslMechanisms.create("LOGIN", BOTH, true, false, "smtp", "h");
        login.evaluateChallenge(new byte[0]);
        login.evaluateChallenge(new byte[0]);
        failures.add(failure(() -> login.evaluateChallenge(new byte[0])));
        SaslMechanism xoauth = SaslMechanisms.create("XOAUTH2", BOTH, true, false, "smtp", "h");
        xoauth.initialResponse();
        xoauth.evaluateChallenge("{\"status\":\"400\"}".getBytes(UTF_8));
        failures.add(failure(() -> xoauth.evaluateChallenge(new byte[0])));
        failures.add(failure(() -> BearerTokenMechanism.oauthBearer(
                SaslCredentials.ofToken("bob", () -> TOKEN + "\r\n")).initialResponse()));
        failures.add(failure(() -> SaslCredentials.ofPassword("bob", Secret.of(PASSWORD + "\0"))));

        assertThat(failures).hasSize(17);
        failures.forEach(SaslSecretsTest::assertCleanFailure);
    }

    @Test
    void aFailingTokenSupplierIsNamedNotQuoted() {
        IxpException e = failure(() -> BearerTokenMechanism.xoauth2(SaslCredentials.ofToken("bob", () -> {
            throw new IllegalStateException("could not refresh " + TOKEN);
        })).initialResponse());
        assertClean("supplier failure", e.getMessage());
        assertThat(e.getMessage()).contains("IllegalStateException");
    }
}
