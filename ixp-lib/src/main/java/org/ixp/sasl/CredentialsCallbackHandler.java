package org.ixp.sasl;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.RealmCallback;

/**
 * Answers the JDK SASL clients' questions (user name, password, NTLM domain) from fixed values.
 * The password is handed out as a fresh copy each time; {@link #toString()} shows nothing secret.
 */
final class CredentialsCallbackHandler implements CallbackHandler {
    private final String name;
    private final String password;
    private final String realm;

    /** @param realm the NTLM domain, or {@code null} to leave the JDK's default */
    CredentialsCallbackHandler(String name, String password, String realm) {
        this.name = name;
        this.password = password;
        this.realm = realm;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback cb : callbacks) {
            if (cb instanceof NameCallback n) {
                n.setName(name);
            } else if (cb instanceof PasswordCallback p) {
                p.setPassword(password.toCharArray());
            } else if (cb instanceof RealmCallback r) {
                if (realm != null) {
                    r.setText(realm);
                }
            } else {
                throw new UnsupportedCallbackException(cb, "ixp answers only name, password and realm");
            }
        }
    }

    @Override
    public String toString() {
        return "CredentialsCallbackHandler[name=" + name + ", realm=" + realm + ']';
    }
}
