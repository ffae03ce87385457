package org.ixp.nntp;

import java.util.Set;
import java.util.function.Function;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * A command with a one-line reply (GROUP, STAT, NEXT, LAST, DATE, MODE READER, STARTTLS), or the greeting (no
 * line). With success codes, any other reply fails the command with its own code; without ({@code null}), every
 * reply succeeds and the caller judges it. STARTTLS's 382 makes the engine start the TLS handshake at once.
 *
 * @param <R> the parsed result
 */
final class ReplyExchange<R> extends NntpExchange<R> {
    private final String line;
    private final Set<Integer> ok;
    private final Function<NntpReply, R> parse;
    private final boolean startTls;
    private final boolean compress;
    private boolean goAhead;
    private NntpReply reply;

    ReplyExchange(NntpTransport t, NntpState state, String line, Set<Integer> ok, Function<NntpReply, R> parse) {
        this(t, state, line, ok, parse, false);
    }

    private ReplyExchange(NntpTransport t, NntpState state, String line, Set<Integer> ok,
                          Function<NntpReply, R> parse, boolean startTls) {
        this(t, state, line, ok, parse, startTls, false);
    }

    private ReplyExchange(NntpTransport t, NntpState state, String line, Set<Integer> ok,
                          Function<NntpReply, R> parse, boolean startTls, boolean compress) {
        super(t, state);
        this.line = line;
        this.ok = ok;
        this.parse = parse;
        this.startTls = startTls;
        this.compress = compress;
    }

    /** The greeting: nothing sent, nothing expected (a status line with no expectation is single-line). */
    static ReplyExchange<NntpReply> greeting(NntpTransport t) {
        return new ReplyExchange<>(t, NntpState.CONNECT, null, null, r -> r);
    }

    /** A step of the connect flow whose reply the flow judges. */
    static ReplyExchange<NntpReply> raw(NntpTransport t, NntpState state, String line) {
        return new ReplyExchange<>(t, state, line, null, r -> r);
    }

    static ReplyExchange<NntpReply> startTls(NntpTransport t) {
        return new ReplyExchange<>(t, NntpState.STARTTLS, NntpCommands.startTls(), null, r -> r, true);
    }

    /** COMPRESS DEFLATE (RFC 8054): on 206 the engine compresses both directions from the next byte on. */
    static ReplyExchange<NntpReply> compress(NntpTransport t) {
        return new ReplyExchange<>(t, NntpState.COMPRESS, NntpCommands.compressDeflate(), null, r -> r, false, true);
    }

    @Override
    void begin() {
        if (line != null) {
            send(line, Expect.SINGLE);
        }
    }

    @Override
    boolean retryAllowed() {
        return line != null && !startTls && !compress;
    }

    @Override
    boolean handle(NntpEvent event) {
        reply = (NntpReply) event;
        if (ok != null && !ok.contains(reply.code())) {
            return failWith(reply);
        }
        goAhead = (startTls && reply.code() == 382) || (compress && reply.code() == 206);
        try {
            succeed(parse.apply(reply));
        } catch (IxpException e) {
            fail(e);
        }
        return true;
    }

    @Override
    IxpResult successResult(R value) {
        return NntpCodes.result(reply);
    }

    @Override
    protected boolean startsTls() {
        return goAhead && startTls;
    }

    @Override
    protected boolean startsCompression() {
        return goAhead && compress;
    }

    @Override
    public String toString() {
        return line == null ? "greeting" : line.split(" ", 2)[0];
    }
}
