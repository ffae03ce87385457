package org.ixp.pop3;

import java.util.PrimitiveIterator;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * RETR or TOP for each selected message, streamed: every body chunk is one response (with read backpressure, so a
 * slow consumer keeps memory constant), then one response with {@code body()} true and no bytes per message; the
 * command's last message's is the done one. Succeeds with the count and total size.
 */
final class Pop3BodyExchange extends Pop3BatchExchange<Pop3Transfer> {
    private static final byte[] NONE = new byte[0];
    private final boolean top;
    private final long previewLines;
    private final Pop3Sink sink;
    private HeaderScanner header = new HeaderScanner();
    private long soFar;
    private long messages;
    private long total;

    private Pop3BodyExchange(Pop3Link link, PrimitiveIterator.OfLong ids, int window, boolean top, long previewLines,
                             Pop3Sink sink) {
        super(link, ids, window, Pop3Decoder.Response.STREAM);
        this.top = top;
        this.previewLines = previewLines;
        this.sink = sink;
    }

    static Pop3BodyExchange retr(Pop3Link link, PrimitiveIterator.OfLong ids, int window, Pop3Sink sink) {
        return new Pop3BodyExchange(link, ids, window, false, 0, sink);
    }

    static Pop3BodyExchange top(Pop3Link link, PrimitiveIterator.OfLong ids, int window, long lines, Pop3Sink sink) {
        return new Pop3BodyExchange(link, ids, window, true, lines, sink);
    }

    private Pop3Command command() {
        return top ? Pop3Command.TOP : Pop3Command.RETR;
    }

    @Override
    protected String line(long popId) {
        return top ? Pop3Commands.top(popId, previewLines) : Pop3Commands.retr(popId);
    }

    @Override
    protected void ok(long popId, Pop3Reply reply, boolean last) {
        header = new HeaderScanner();
        soFar = 0;
    }

    @Override
    protected void chunk(long popId, byte[] bytes) {
        soFar += bytes.length;
        total += bytes.length;
        boolean headerDone = header.feed(bytes);
        link.stream(bytes.length, new Pop3Response(command(), false, org.ixp.IxpResult.ok(), null,
                info(headerDone, false, popId, bytes)), sink);
    }

    @Override
    protected void end(long popId, boolean last) {
        messages++;
        link.stream(0, new Pop3Response(command(), last, org.ixp.IxpResult.ok(), null,
                info(true, true, popId, NONE)), sink);
    }

    private Pop3Response.Info info(boolean headerDone, boolean body, long popId, byte[] bytes) {
        return top ? new Pop3Response.TopInfo(headerDone, body, popId, previewLines, soFar, bytes)
                : new Pop3Response.RetrInfo(headerDone, body, popId, soFar, bytes);
    }

    @Override
    protected IxpException err(long popId, Pop3Reply reply) {
        return Pop3Results.error(reply, IxpCode.IXP_E_POP3_RESPONSE_ERROR, command() + " " + popId + " refused");
    }

    @Override
    protected void doneFailing(IxpException failure, Pop3Reply reply) {
        link.stream(0, new Pop3Response(command(), true, failure.result(), reply, null), sink);
    }

    @Override
    protected Pop3Transfer result() {
        return new Pop3Transfer(messages, total);
    }

    @Override
    public String toString() {
        return command().name();
    }
}
