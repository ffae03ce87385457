package org.ixp.nntp;

import org.ixp.IxpResult;
import org.ixp.nntp.NntpDecoder.Expect;

/** AUTHINFO as one exchange: the {@link NntpLogin} steps until 281 (or a failure). Succeeds with the last reply. */
final class LoginExchange extends NntpExchange<NntpReply> {
    private final NntpLogin login;
    private final Runnable onSuccess;

    LoginExchange(NntpTransport t, NntpLogin login) {
        this(t, login, null);
    }

    /** @param onSuccess runs on the I/O thread at the 281, before the outcome is delivered */
    LoginExchange(NntpTransport t, NntpLogin login, Runnable onSuccess) {
        super(t, NntpState.AUTHINFO);
        this.login = login;
        this.onSuccess = onSuccess;
    }

    @Override
    void begin() {
        login.start((line, logged) -> send(line, logged, Expect.SINGLE));
    }

    @Override
    boolean retryAllowed() {
        return false;
    }

    @Override
    boolean handle(NntpEvent event) {
        NntpReply reply = (NntpReply) event;
        switch (login.onReply(reply)) {
            case CONTINUE:
                return false;
            case SUCCEEDED:
                if (onSuccess != null) {
                    onSuccess.run();
                }
                succeed(reply);
                return true;
            default:
                fail(login.failure());
                return true;
        }
    }

    @Override
    IxpResult successResult(NntpReply value) {
        return NntpCodes.result(value);
    }

    @Override
    public String toString() {
        return login.toString();
    }
}
