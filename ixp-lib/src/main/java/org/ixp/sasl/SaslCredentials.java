package org.ixp.sasl;

import java.util.function.Supplier;
import org.ixp.Arguments;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Secret;

/**
 * Who logs on, and with what: a password, an OAuth 2.0 access token, or both.
 *
 * <p>{@link #toString()} shows the user name and which secrets are present, never their values.
 *
 * @param userName        the authentication identity (for NTLM, <code>DOMAIN&#92;user</code> names the domain too)
 * @param password        the password, or {@code null}; an empty password counts as none
 * @param oauthToken      supplies a current OAuth access token when a mechanism needs one, or {@code null}
 * @param authorizationId the identity to act as, or {@code null} (an empty string counts as none)
 */
public record SaslCredentials(String userName, Secret password, Supplier<String> oauthToken, String authorizationId) {

    /** @throws IxpException E_INVALIDARG when the user name is missing or a value contains CR, LF or NUL */
    public SaslCredentials {
        if (userName == null || userName.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the SASL user name is missing");
        }
        Arguments.requireSafe("the SASL user name", userName);
        if (authorizationId != null && authorizationId.isEmpty()) {
            authorizationId = null;
        }
        Arguments.requireSafe("the SASL authorization id", authorizationId);
        if (password != null) {
            Arguments.requireSafeSecret("the password", password);
        }
    }

    /** Credentials with a password only. */
    public static SaslCredentials ofPassword(String userName, Secret password) {
        return new SaslCredentials(userName, password, null, null);
    }

    /** Credentials with an OAuth token supplier only. */
    public static SaslCredentials ofToken(String userName, Supplier<String> oauthToken) {
        return new SaslCredentials(userName, null, oauthToken, null);
    }

    /** Whether a non-empty password was given. */
    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    /** Whether an OAuth token supplier was given. */
    public boolean hasToken() {
        return oauthToken != null;
    }

    @Override
    public String toString() {
        return "SaslCredentials[userName=" + userName
                + ", password=" + (hasPassword() ? "****" : "none")
                + ", oauthToken=" + (hasToken() ? "****" : "none")
                + ", authorizationId=" + authorizationId + ']';
    }
}
