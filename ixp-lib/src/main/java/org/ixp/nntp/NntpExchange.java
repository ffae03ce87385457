package org.ixp.nntp;

import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * An NNTP command and its reply (and data block), as an entry of the engine's in-flight FIFO. Every line it sends
 * first tells the session's decoder what the reply looks like ({@link #send}).
 *
 * <p>A 480 ("authentication required", RFC 4643 §2.1) may come at any point: when credentials are known, the
 * exchange logs on once ({@link NntpLogin}) and sends its command once more; a second 480, a rejected logon or no
 * credentials end the command with the failure. AUTHINFO is never sent without credentials.
 *
 * @param <R> the result type
 */
abstract class NntpExchange<R> extends Exchange<NntpEvent, R> {
    final NntpTransport transport;
    final NntpState state;
    Wire wire;
    private NntpLogin login;
    private boolean retried;

    NntpExchange(NntpTransport transport, NntpState state) {
        this.transport = transport;
        this.state = state;
    }

    @Override
    protected final void start(Wire wire) {
        this.wire = wire;
        begin();
    }

    /** Sends the command of the current step: at the start, and again after a 480 and a successful logon. */
    abstract void begin();

    /** One event of the reply; true when complete (after succeed or fail). */
    abstract boolean handle(NntpEvent event);

    /** Whether a 480 now may be answered by logging on and sending again (false once POST's article is out). */
    boolean retryAllowed() {
        return true;
    }

    /** The result of the final response on success. */
    IxpResult successResult(R value) {
        return IxpResult.ok();
    }

    /** Writes a line whose reply is {@code expect}; logged as {@code logged}. */
    final void send(String line, String logged, Expect expect) {
        transport.decoder().expect(expect);
        wire.line(line, logged);
    }

    final void send(String line, Expect expect) {
        send(line, line, expect);
    }

    @Override
    protected final boolean onEvent(NntpEvent event) {
        if (login != null) {
            return loginStep((NntpReply) event);
        }
        if (event instanceof NntpReply r && r.code() == 480 && !retried && retryAllowed()) {
            NntpLogin l;
            try {
                l = NntpLogin.forRetry(transport, wire.server(), wire.encrypted());
            } catch (IxpException e) {
                fail(e);
                return true;
            }
            if (l != null) {
                retried = true;
                login = l;
                transport.note("480 to " + this + ": logging on, then sending it once more");
                l.start((line, logged) -> send(line, logged, Expect.SINGLE));
                return false;
            }
        }
        return handle(event);
    }

    private boolean loginStep(NntpReply reply) {
        switch (login.onReply(reply)) {
            case CONTINUE:
                return false;
            case SUCCEEDED:
                login = null;
                transport.loggedOnMidSession();
                begin();
                return false;
            default:
                IxpException failure = login.failure();
                login = null;
                fail(failure);
                return true;
        }
    }

    /** Fails with the reply's own code and words. */
    final boolean failWith(NntpReply reply) {
        fail(new IxpException(NntpCodes.result(reply)));
        return true;
    }

    @Override
    public String toString() {
        return state.name();
    }
}
