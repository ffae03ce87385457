package org.ixp.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Secret;
import org.junit.jupiter.api.Test;

class LoginMechanismTest {

    private final SaslMechanism login = new LoginMechanism(SaslCredentials.ofPassword("bob", Secret.of("hunter2")));

    @Test
    void answersUserNameThenPassword() {
        assertThat(login.name()).isEqualTo("LOGIN");
        assertThat(login.hasInitialResponse()).isFalse();
        assertThat(login.revealsPassword()).isTrue();
        assertThat(login.evaluateChallenge("Username:".getBytes(UTF_8))).isEqualTo("bob".getBytes(UTF_8));
        assertThat(login.isComplete()).isFalse();
        assertThat(login.evaluateChallenge("Password:".getBytes(UTF_8))).isEqualTo("hunter2".getBytes(UTF_8));
        assertThat(login.isComplete()).isTrue();
    }

    @Test
    void followsTheOrderNotTheWordingOfThePrompts() {
        assertThat(login.evaluateChallenge("User Name\0".getBytes(UTF_8))).isEqualTo("bob".getBytes(UTF_8));
        assertThat(login.evaluateChallenge(null)).isEqualTo("hunter2".getBytes(UTF_8));
    }

    @Test
    void refusesAThirdChallengeAndAnInitialResponseRequest() {
        login.evaluateChallenge("Username:".getBytes(UTF_8));
        login.evaluateChallenge("Password:".getBytes(UTF_8));
        assertThatThrownBy(() -> login.evaluateChallenge("Password:".getBytes(UTF_8)))
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
        assertThatThrownBy(login::initialResponse)
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_INVALID_STATE);
    }

    @Test
    void needsAPassword() {
        assertThatThrownBy(() -> new LoginMechanism(new SaslCredentials("bob", Secret.of(""), null, null)))
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.E_INVALIDARG);
    }
}
