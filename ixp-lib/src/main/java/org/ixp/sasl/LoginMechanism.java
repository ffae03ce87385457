package org.ixp.sasl;

import org.ixp.Secret;

/**
 * LOGIN (draft-murchison-sasl-login): the server prompts {@code Username:} then {@code Password:} and
 * the client answers each in UTF-8. No library provides it.
 *
 * <p>The answers follow the order of the challenges, not their text: servers word the prompts
 * differently ({@code Username:}, {@code User Name\0}, localised text), but every one asks for the
 * user name first. No initial response is sent, because some servers reject one.
 */
final class LoginMechanism implements SaslMechanism {
    static final String NAME = "LOGIN";

    private final String userName;
    private final Secret password;
    private int step;

    LoginMechanism(SaslCredentials credentials) {
        if (!credentials.hasPassword()) {
            throw SaslErrors.invalidArg(NAME, "a password is required");
        }
        this.userName = credentials.userName();
        this.password = credentials.password();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hasInitialResponse() {
        return false;
    }

    @Override
    public byte[] initialResponse() {
        throw SaslErrors.invalidState(NAME, "has no initial response");
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
        return switch (step++) {
            case 0 -> SaslErrors.utf8(userName);
            case 1 -> SaslErrors.utf8(password.reveal());
            default -> {
                step = 2;
                throw SaslErrors.afterCompletion(NAME);
            }
        };
    }

    @Override
    public boolean isComplete() {
        return step >= 2;
    }

    @Override
    public boolean revealsPassword() {
        return true;
    }

    @Override
    public String toString() {
        return "SaslMechanism[" + NAME + ", complete=" + isComplete() + ']';
    }
}
