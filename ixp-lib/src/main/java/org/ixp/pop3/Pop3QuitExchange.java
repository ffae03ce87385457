package org.ixp.pop3;

import org.ixp.DisconnectResult;
import org.ixp.DisconnectResult.Ending;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * The goodbye: QUIT (RFC 1939 §6). Sent in TRANSACTION it moves the server to UPDATE, where it removes the messages
 * marked deleted and then answers. So the deletions are committed only on that {@code +OK}: a {@code -ERR} ("some
 * deleted messages not removed"), or the connection ending first (EOF, goodbye timeout, DropConnection), leaves them
 * not committed, or not known to be. The QUIT response carries a {@link Pop3Response.QuitInfo} saying which, and the
 * session keeps it for {@link Pop3Transport#deletionsCommitted()}.
 */
final class Pop3QuitExchange extends Exchange<Pop3Event, DisconnectResult> {
    private final Pop3Link link;
    private boolean commits;
    private long marked;

    Pop3QuitExchange(Pop3Link link) {
        this.link = link;
    }

    @Override
    protected void start(Wire wire) {
        marked = link.session().deletionsMarked();
        commits = link.session().quitting();
        wire.line(Pop3Commands.quit());
        link.expect(Pop3Decoder.Response.SINGLE);
    }

    @Override
    protected boolean onEvent(Pop3Event event) {
        Pop3Reply reply = (Pop3Reply) event;
        Ending ending = reply.ok() ? Ending.ACKNOWLEDGED : Ending.REFUSED;
        boolean committed = reply.ok() && commits;
        IxpResult result = reply.ok() ? Pop3Results.ok(reply)
                : Pop3Results.failure(reply, commits ? IxpCode.IXP_E_POP3_DELETIONS_NOT_COMMITTED
                        : IxpCode.IXP_E_POP3_RESPONSE_ERROR, commits ? "QUIT refused: the " + marked
                        + " deletion(s) of the session were not (all) committed" : "QUIT refused");
        report(result, reply, new Pop3Response.QuitInfo(ending, committed, marked));
        succeed(new DisconnectResult(ending, reply.line()));
        return true;
    }

    @Override
    protected IxpException whenLost(IxpException cause) {
        Ending ending = cause.code() == IxpCode.IXP_E_TIMEOUT ? Ending.NO_REPLY : Ending.SERVER_CLOSED;
        IxpResult result = commits ? IxpResult.of(IxpCode.IXP_E_POP3_DELETIONS_NOT_COMMITTED,
                "the connection ended before the server answered QUIT: the " + marked
                        + " deletion(s) of the session are not known to be committed (" + cause.result().describe()
                        + ")") : cause.result();
        report(result, null, new Pop3Response.QuitInfo(ending, false, marked));
        return cause;
    }

    private void report(IxpResult result, Pop3Reply reply, Pop3Response.QuitInfo info) {
        link.session().quit(info);
        link.respond(new Pop3Response(Pop3Command.QUIT, true, result, reply, info));
    }

    @Override
    public String toString() {
        return "QUIT";
    }
}
