package org.ixp.smtp;

import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * A command with one reply (or, with no line, the greeting). Always succeeds with the reply: the caller judges
 * the code. Optionally pipelinable, or the STARTTLS exchange whose 220 switches the connection to TLS.
 */
class SmtpReplyExchange extends Exchange<SmtpReply, SmtpReply> {
    private final String line;
    private final boolean barrier;
    private final boolean startTls;
    private boolean goAhead;

    SmtpReplyExchange(String line) {
        this(line, true, false);
    }

    SmtpReplyExchange(String line, boolean barrier, boolean startTls) {
        this.line = line;
        this.barrier = barrier;
        this.startTls = startTls;
    }

    static SmtpReplyExchange greeting() {
        return new SmtpReplyExchange(null);
    }

    static SmtpReplyExchange startTls() {
        return new SmtpReplyExchange(SmtpCommands.startTls(), true, true);
    }

    @Override
    protected void start(Wire wire) {
        if (line != null) {
            wire.line(line);
        }
    }

    @Override
    protected boolean onEvent(SmtpReply reply) {
        goAhead = reply.code() == 220;
        succeed(reply);
        return true;
    }

    @Override
    protected boolean isBarrier() {
        return barrier;
    }

    @Override
    protected boolean startsTls() {
        return startTls && goAhead;
    }

    @Override
    public String toString() {
        return line == null ? "greeting" : line.split(" ", 2)[0];
    }
}
