package org.ixp.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/** XOAUTH2 (Google's documented example) and OAUTHBEARER (RFC 7628 §4). */
class BearerTokenMechanismTest {
    static final String GOOGLE_TOKEN = "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg";
    static final String RFC_TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
    static final String ERROR_JSON = "{\"status\":\"invalid_token\",\"scope\":\"example_scope\","
            + "\"openid-configuration\":\"https://example.com/.well-known/openid-configuration\"}";

    private static IxpCode codeOf(Throwable t) {
        return ((IxpException) t).code();
    }

    @Test
    void xoauth2MatchesGooglesExample() {
        SaslMechanism m = BearerTokenMechanism.xoauth2(SaslCredentials.ofToken("someuser@example.com", () -> GOOGLE_TOKEN));
        assertThat(m.name()).isEqualTo("XOAUTH2");
        assertThat(m.hasInitialResponse()).isTrue();
        assertThat(m.revealsPassword()).isTrue();
        assertThat(Base64.getEncoder().encodeToString(m.initialResponse())).isEqualTo(
                "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==");
        assertThat(m.isComplete()).isTrue();
        assertThat(m.serverError()).isNull();
    }

    @Test
    void xoauth2AnswersAnErrorChallengeWithAnEmptyResponse() {
        SaslMechanism m = BearerTokenMechanism.xoauth2(SaslCredentials.ofToken("someuser@example.com", () -> GOOGLE_TOKEN));
        m.initialResponse();
        assertThat(m.evaluateChallenge(ERROR_JSON.getBytes(UTF_8))).isEmpty();
        assertThat(m.serverError()).isEqualTo(ERROR_JSON);
        assertThatThrownBy(() -> m.evaluateChallenge(new byte[0]))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR));
    }

    @Test
    void oauthBearerSendsGs2HeaderAndToken() {
        SaslMechanism m = BearerTokenMechanism.oauthBearer(SaslCredentials.ofToken("user@example.com", () -> RFC_TOKEN));
        assertThat(m.name()).isEqualTo("OAUTHBEARER");
        assertThat(new String(m.initialResponse(), UTF_8))
                .isEqualTo("n,a=user@example.com,\u0001auth=Bearer " + RFC_TOKEN + "\u0001\u0001");
    }

    @Test
    void oauthBearerAnswersAnErrorChallengeWithControlA() {
        SaslMechanism m = BearerTokenMechanism.oauthBearer(SaslCredentials.ofToken("user@example.com", () -> RFC_TOKEN));
        m.initialResponse();
        assertThat(m.evaluateChallenge(ERROR_JSON.getBytes(UTF_8))).containsExactly(1);
        assertThat(Base64.getEncoder().encodeToString(new byte[] {1})).isEqualTo("AQ==");
        assertThat(m.serverError()).isEqualTo(ERROR_JSON);
        assertThat(m.isComplete()).isTrue();
    }

    @Test
    void oauthBearerEscapesTheNameAndPrefersTheAuthorizationId() {
        SaslCredentials c = new SaslCredentials("u,x=y", null, () -> "t", null);
        assertThat(new String(BearerTokenMechanism.oauthBearer(c).initialResponse(), UTF_8)).startsWith("n,a=u=2Cx=3Dy,\u0001");
        SaslCredentials az = new SaslCredentials("u", null, () -> "t", "boss");
        assertThat(new String(BearerTokenMechanism.oauthBearer(az).initialResponse(), UTF_8)).startsWith("n,a=boss,\u0001");
    }

    @Test
    void asksForTheTokenOnlyWhenTheInitialResponseIsMade() {
        AtomicInteger calls = new AtomicInteger();
        SaslMechanism m = BearerTokenMechanism.xoauth2(SaslCredentials.ofToken("u", () -> "t" + calls.incrementAndGet()));
        assertThat(calls).hasValue(0);
        assertThat(new String(m.evaluateChallenge(new byte[0]), UTF_8)).contains("auth=Bearer t1\u0001");
        assertThat(calls).hasValue(1);
    }

    @Test
    void refusesBadTokensAndFailingSuppliers() {
        assertThatThrownBy(() -> BearerTokenMechanism.xoauth2(SaslCredentials.ofToken("u", () -> "a\u0001b")).initialResponse())
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.E_INVALIDARG));
        assertThatThrownBy(() -> BearerTokenMechanism.xoauth2(SaslCredentials.ofToken("u", () -> null)).initialResponse())
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.E_INVALIDARG));
        assertThatThrownBy(() -> BearerTokenMechanism.oauthBearer(SaslCredentials.ofToken("u", () -> {
            throw new IllegalStateException("refresh failed");
        })).initialResponse()).satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.E_FAIL));
        assertThatThrownBy(() -> BearerTokenMechanism.xoauth2(SaslCredentials.ofPassword("u", org.ixp.Secret.of("p"))))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.E_INVALIDARG));
    }

    @Test
    void refusesASeparatorInTheUserName() {
        assertThatThrownBy(() -> BearerTokenMechanism.xoauth2(SaslCredentials.ofToken("u\u0001auth=x", () -> "t")))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.E_INVALIDARG));
    }

    @Test
    void refusesAChallengeBeforeTheInitialResponse() {
        SaslMechanism m = BearerTokenMechanism.oauthBearer(SaslCredentials.ofToken("u", () -> "t"));
        assertThatThrownBy(() -> m.evaluateChallenge(ERROR_JSON.getBytes(UTF_8)))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR));
    }
}
