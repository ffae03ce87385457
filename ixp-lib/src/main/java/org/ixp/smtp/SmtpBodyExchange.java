package org.ixp.smtp;

import io.netty.handler.stream.ChunkedInput;
import io.netty.buffer.ByteBuf;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * The message data after 354 (dot-stuffed, ending with {@code .CRLF}), or one BDAT chunk: streams the bytes and
 * succeeds with the server's reply. If the connection is lost after the terminating dot (or the LAST chunk) went
 * out and before the reply, the outcome is unknown (IXP_E_OUTCOME_UNKNOWN): the server may have accepted the
 * message, so ixp never resends it. Lost before that point, the message was not sent.
 */
final class SmtpBodyExchange extends Exchange<SmtpReply, SmtpReply> {
    private final ChunkedInput<ByteBuf> body;
    private final ByteBuf chunk;
    private final String header;
    private final String logText;
    private final boolean final_;
    private final boolean pipelined;
    private boolean endSent;

    /** @param header a command line to send first ({@code BDAT n}), or null; @param isFinal the end of the message */
    SmtpBodyExchange(ChunkedInput<ByteBuf> body, String header, String logText, boolean isFinal) {
        this(body, header, logText, isFinal, false);
    }

    /**
     * @param pipelined the server offers PIPELINING and the next transaction's MAIL, RCPT and DATA may follow this
     *                  data in the same flight (RFC 2920 §3.1), so it is no barrier
     */
    SmtpBodyExchange(ChunkedInput<ByteBuf> body, String header, String logText, boolean isFinal, boolean pipelined) {
        this.body = body;
        this.chunk = null;
        this.header = header;
        this.logText = logText;
        this.final_ = isFinal;
        this.pipelined = pipelined;
    }

    /** One BDAT chunk already in memory (bounded by the caller). */
    SmtpBodyExchange(ByteBuf chunk, String header, String logText, boolean isFinal) {
        this.body = null;
        this.chunk = chunk;
        this.header = header;
        this.logText = logText;
        this.final_ = isFinal;
        this.pipelined = false;
    }

    @Override
    protected boolean isBarrier() {
        return !pipelined;
    }

    @Override
    protected void start(Wire wire) {
        if (body instanceof DotStuffingInput d) {
            d.resumeWith(wire::resumeStream); // a stream read on a worker wakes the write when a chunk is ready
        }
        if (header != null) {
            wire.line(header);
        }
        if (chunk != null) {
            wire.raw(chunk, logText);
            endSent = true; // queued: from here on a lost connection leaves the outcome unknown
        } else if (pipelined) {
            startPipelined(wire);
        } else {
            wire.stream(body, logText).whenComplete((v, e) -> endSent = e == null);
        }
    }

    /**
     * Pipelined data: its first chunk (a whole message up to {@link DotStuffingInput#CHUNK}, terminator included) is
     * written as bytes, not through the streaming handler, which flushes every chunk on its own: so a small message
     * and the next message's envelope leave in one write (RFC 2920 §3.1), as the byte-moving client sends them. A
     * longer message streams its rest. A failing read fails as a streamed one does (the connection ends).
     */
    private void startPipelined(Wire wire) {
        ByteBuf first;
        boolean ended;
        try {
            first = body.readChunk(org.ixp.engine.EngineResources.get().allocator());
            ended = body.isEndOfInput();
        } catch (Exception e) {
            wire.stream(new FailedInput(e), logText).whenComplete((v, x) -> endSent = false);
            return;
        }
        if (first == null || !ended) {
            if (first != null) {
                wire.raw(first, logText);
            }
            wire.stream(body, first == null ? logText : null).whenComplete((v, e) -> endSent = e == null);
            return;
        }
        wire.raw(first, logText);
        endSent = true; // queued: from here on a lost connection leaves the outcome unknown
        try {
            body.close();
        } catch (Exception ignored) {
            // the caller's stream failing to close changes nothing: every byte was read
        }
    }

    /** A body whose first read failed: the streaming write reports that failure as it would have. */
    private static final class FailedInput implements ChunkedInput<ByteBuf> {
        private final Exception cause;

        FailedInput(Exception cause) {
            this.cause = cause;
        }

        @Override
        public boolean isEndOfInput() {
            return false;
        }

        @Override
        public void close() {
        }

        @Deprecated
        @Override
        public ByteBuf readChunk(io.netty.channel.ChannelHandlerContext ctx) throws Exception {
            throw cause;
        }

        @Override
        public ByteBuf readChunk(io.netty.buffer.ByteBufAllocator allocator) throws Exception {
            throw cause;
        }

        @Override
        public long length() {
            return -1;
        }

        @Override
        public long progress() {
            return 0;
        }
    }

    @Override
    protected boolean onEvent(SmtpReply reply) {
        succeed(reply);
        return true;
    }

    @Override
    protected IxpException whenLost(IxpException cause) {
        if (final_ && endSent) {
            return new IxpException(IxpResult.ofSocket(IxpCode.IXP_E_OUTCOME_UNKNOWN, cause.result().socketError(),
                    "the message was sent but the connection ended before the server's reply ("
                            + cause.result().problem() + "): it may or may not have been accepted; ixp does not resend"),
                    cause);
        }
        return new IxpException(IxpResult.ofSocket(cause.code(), cause.result().socketError(),
                "the message was not sent: " + cause.result().problem()), cause);
    }

    @Override
    public String toString() {
        return header != null ? header : "DATA body";
    }
}
