package org.ixp.pop3;

import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * A command with a one-line reply (or, with no line, the greeting). Always succeeds with the reply: the caller judges
 * {@code +OK} against {@code -ERR}. The STLS exchange's {@code +OK} switches the connection to TLS.
 */
class Pop3ReplyExchange extends Exchange<Pop3Event, Pop3Reply> {
    private final Pop3Link link;
    private final String line;
    private final String logLine;
    private final boolean startTls;
    private boolean goAhead;

    Pop3ReplyExchange(Pop3Link link, String line) {
        this(link, line, line, false);
    }

    Pop3ReplyExchange(Pop3Link link, String line, String logLine, boolean startTls) {
        this.link = link;
        this.line = line;
        this.logLine = logLine;
        this.startTls = startTls;
    }

    static Pop3ReplyExchange greeting(Pop3Link link) {
        return new Pop3ReplyExchange(link, null);
    }

    static Pop3ReplyExchange stls(Pop3Link link) {
        return new Pop3ReplyExchange(link, Pop3Commands.stls(), Pop3Commands.stls(), true);
    }

    @Override
    protected void start(Wire wire) {
        if (line != null) {
            wire.line(line, logLine);
            link.expect(Pop3Decoder.Response.SINGLE);
        }
    }

    @Override
    protected boolean onEvent(Pop3Event event) {
        Pop3Reply reply = (Pop3Reply) event; // a SINGLE expectation yields status lines only
        goAhead = reply.ok();
        succeed(reply);
        return true;
    }

    @Override
    protected boolean startsTls() {
        return startTls && goAhead;
    }

    @Override
    public String toString() {
        return line == null ? "greeting" : logLine.split(" ", 2)[0];
    }
}
