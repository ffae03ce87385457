package org.ixp.sasl;

import java.util.function.Supplier;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/**
 * OAUTHBEARER (RFC 7628) and XOAUTH2 (Google's earlier form): an OAuth 2.0 bearer token in the initial
 * response. No library provides either.
 *
 * <ul>
 *   <li>OAUTHBEARER sends {@code n,a=<authzid or user>,^Aauth=Bearer <token>^A^A} (RFC 7628 §3.1; the
 *       optional {@code host} and {@code port} pairs are left out).</li>
 *   <li>XOAUTH2 sends {@code user=<user>^Aauth=Bearer <token>^A^A}.</li>
 * </ul>
 *
 * <p>On failure the server answers with a challenge instead of a failure reply; the challenge is a JSON
 * error ({@code {"status":"invalid_token",...}}). The mechanism keeps it for {@link #serverError()} and
 * answers as required so that the server sends its failure reply: OAUTHBEARER with a single {@code ^A}
 * byte (RFC 7628 §3.2.3), XOAUTH2 with an empty response. The token is asked for when the initial
 * response is made, so a supplier that refreshes tokens is asked at the last moment.
 */
final class BearerTokenMechanism implements SaslMechanism {
    static final String OAUTHBEARER = "OAUTHBEARER";
    static final String XOAUTH2 = "XOAUTH2";

    private static final char CTRL_A = '\u0001';

    private enum State { NEW, SENT, ERROR_ANSWERED }

    private final String name;
    private final String userName;
    private final String authzid;
    private final Supplier<String> token;
    private State state = State.NEW;
    private String serverError;

    private BearerTokenMechanism(String name, SaslCredentials c) {
        if (!c.hasToken()) {
            throw SaslErrors.invalidArg(name, "an OAuth token supplier is required");
        }
        if (c.userName().indexOf(CTRL_A) >= 0
                || (c.authorizationId() != null && c.authorizationId().indexOf(CTRL_A) >= 0)) {
            throw SaslErrors.invalidArg(name, "the user name or authorization id contains a ^A (0x01) separator");
        }
        this.name = name;
        this.userName = c.userName();
        this.authzid = c.authorizationId() != null ? c.authorizationId() : c.userName();
        this.token = c.oauthToken();
    }

    static BearerTokenMechanism oauthBearer(SaslCredentials c) {
        return new BearerTokenMechanism(OAUTHBEARER, c);
    }

    static BearerTokenMechanism xoauth2(SaslCredentials c) {
        return new BearerTokenMechanism(XOAUTH2, c);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasInitialResponse() {
        return true;
    }

    @Override
    public byte[] initialResponse() {
        if (state != State.NEW) {
            throw SaslErrors.invalidState(name, "the initial response was already produced");
        }
        String t = currentToken();
        String kv = CTRL_A + "auth=Bearer " + t + CTRL_A + CTRL_A;
        String message = OAUTHBEARER.equals(name)
                ? "n,a=" + saslName(authzid) + "," + kv
                : "user=" + userName + kv;
        state = State.SENT;
        return SaslErrors.utf8(message);
    }

    private String currentToken() {
        String t;
        try {
            t = token.get();
        } catch (IxpException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IxpException(IxpResult.of(IxpCode.E_FAIL,
                    name + ": the OAuth token supplier failed (" + e.getClass().getName() + ")"), e);
        }
        if (t == null || t.isEmpty()) {
            throw SaslErrors.invalidArg(name, "the OAuth token supplier returned no token");
        }
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch < 0x20 || ch == 0x7F) {
                throw SaslErrors.invalidArg(name, "the OAuth token contains a control character at index " + i);
            }
        }
        return t;
    }

    /** RFC 5801 saslname: ',' and '=' are escaped as =2C and =3D. */
    static String saslName(String s) {
        return s.replace("=", "=3D").replace(",", "=2C");
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
        byte[] c = SaslErrors.nonNull(challenge);
        return switch (state) {
            case NEW -> {
                if (c.length != 0) {
                    throw SaslErrors.protocol(name, "the server sent a challenge before the client's first message");
                }
                yield initialResponse();
            }
            case SENT -> {
                serverError = SaslErrors.utf8(c);
                state = State.ERROR_ANSWERED;
                yield OAUTHBEARER.equals(name) ? new byte[] {1} : new byte[0];
            }
            case ERROR_ANSWERED -> throw SaslErrors.afterCompletion(name);
        };
    }

    @Override
    public boolean isComplete() {
        return state != State.NEW;
    }

    @Override
    public String serverError() {
        return serverError;
    }

    @Override
    public boolean revealsPassword() {
        return true;
    }

    @Override
    public String toString() {
        return "SaslMechanism[" + name + ", state=" + state + ']';
    }
}
