package org.ixp.pop3;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * A user command with a one-line reply (STAT, NOOP, RSET, USER, PASS). On {@code +OK} its handler updates the
 * session, reports the response and gives the result, all on the I/O thread before the future completes, so a caller
 * that waits for the future sees the new state. A {@code -ERR}, a reply the handler cannot parse, or the connection
 * ending is reported as the command's done response and fails the future.
 */
final class Pop3SingleExchange<R> extends Exchange<Pop3Event, R> {

    /** What {@code +OK} means: may throw an {@link IxpException} (e.g. an unparsable reply). */
    @FunctionalInterface
    interface Handler<R> {
        R ok(Pop3Reply reply);
    }

    private final Pop3Link link;
    private final Pop3Command command;
    private final String line;
    private final String logLine;
    private final IxpCode errorCode;
    private final String problem;
    private final Handler<R> handler;

    Pop3SingleExchange(Pop3Link link, Pop3Command command, String line, String logLine, IxpCode errorCode,
                       String problem, Handler<R> handler) {
        this.link = link;
        this.command = command;
        this.line = line;
        this.logLine = logLine;
        this.errorCode = errorCode;
        this.problem = problem;
        this.handler = handler;
    }

    @Override
    protected void start(Wire wire) {
        wire.line(line, logLine);
        link.expect(Pop3Decoder.Response.SINGLE);
    }

    @Override
    protected boolean onEvent(Pop3Event event) {
        Pop3Reply reply = (Pop3Reply) event;
        IxpException failure;
        if (reply.ok()) {
            try {
                succeed(handler.ok(reply));
                return true;
            } catch (IxpException e) {
                failure = e;
            }
        } else {
            failure = Pop3Results.error(reply, errorCode, problem);
        }
        link.respond(new Pop3Response(command, true, failure.result(), reply, null));
        fail(failure);
        return true;
    }

    @Override
    protected IxpException whenLost(IxpException cause) {
        link.respond(new Pop3Response(command, true, cause.result(), null, null));
        return cause;
    }

    @Override
    public String toString() {
        return command.name();
    }
}
