package org.ixp.nntp;

import org.ixp.IxpResult;
import org.ixp.nntp.NntpDecoder.Expect;

/** AUTHINFO as one exchange: the {@link NntpLogin} steps until 281 (or a failure). Succeeds with the last reply. */
final class LoginExchange extends NntpExchange<NntpReply> {
    private final NntpLogin login;

    LoginExchange(NntpTransport t, NntpLogin login) {
        super(t, NntpState.AUTHINFO);
        this.login = login;
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
