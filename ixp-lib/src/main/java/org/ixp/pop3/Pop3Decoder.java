package org.ixp.pop3;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.Limits;
import org.ixp.engine.ProtocolDecoder;

/**
 * Bytes to {@link Pop3Event}s (RFC 1939 §3, RFC 2449, RFC 5034), resumable at any byte.
 *
 * <p>POP3 does not say in a response whether it is multi-line: that depends on the command. So each exchange, as it
 * writes its command, tells the decoder what answer to expect ({@link #expect}); the expectations form a FIFO in
 * command order (pipelining keeps several). A status line with nothing expected (the greeting, an unsolicited
 * {@code -ERR}) is read as a single line.
 *
 * <ul>
 *   <li>{@link Response#SINGLE}: one status line.</li>
 *   <li>{@link Response#LINES}: after {@code +OK}, one {@link Pop3Event.Line} per line, then {@link Pop3Event.End}
 *       (CAPA, LIST, UIDL). Each line is bounded by {@link Limits#maxLineLength()}.</li>
 *   <li>{@link Response#STREAM}: after {@code +OK}, the body as {@link Pop3Event.Chunk}s of at most
 *       {@link #MAX_CHUNK} bytes, then {@link Pop3Event.End} (RETR, TOP). Nothing is bounded but the chunk: a
 *       message of any size passes in constant memory, and its lines may be of any length.</li>
 *   <li>{@link Response#SASL}: {@code + challenge} continuations until the final status line (AUTH).</li>
 * </ul>
 *
 * <p>A {@code -ERR} ends any response at once. Multi-line data is de-stuffed: a line beginning with {@code "."} loses
 * that dot, and a line that is exactly {@code "."} ends the response.
 *
 * <p>Quirk, named: a bare LF ends a line as CRLF does (the SMTP decoder has the same quirk, seen in test servers);
 * inside a streamed body the bytes are passed on exactly as received.
 */
public final class Pop3Decoder implements ProtocolDecoder<Pop3Event> {
    /** The largest {@link Pop3Event.Chunk}. */
    public static final int MAX_CHUNK = 64 * 1024;

    /** What answer the next command expects. */
    public enum Response { SINGLE, LINES, STREAM, SASL }

    private enum State { STATUS, LINES, STREAM }

    private final Limits limits;
    private final ArrayDeque<Response> expected = new ArrayDeque<>();
    private State state = State.STATUS;
    /** Streaming: the next byte begins a line. */
    private boolean lineStart = true;
    /** Readable bytes already searched for LF without finding one: a trickled line is scanned once. */
    private int searched;
    private byte[] scratch;

    public Pop3Decoder(Limits limits) {
        this.limits = limits;
    }

    /** The next command written expects {@code response}; call in command order, as each is written. */
    public void expect(Response response) {
        expected.addLast(response);
    }

    /** How many responses are expected and not yet begun (for tests). */
    int pending() {
        return expected.size();
    }

    @Override
    public Pop3Event decode(ByteBuf in) {
        switch (state) {
            case LINES:
                return dataLine(in);
            case STREAM:
                return chunk(in);
            default:
                return status(in);
        }
    }

    // ------------------------------------------------------------------ status lines

    private Pop3Event status(ByteBuf in) {
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        Response exp = expected.peekFirst();
        if (startsWithIgnoreCase(line, "+OK")) {
            expected.pollFirst();
            if (exp == Response.LINES) {
                state = State.LINES;
            } else if (exp == Response.STREAM) {
                state = State.STREAM;
                lineStart = true;
            }
            return Pop3Reply.of(true, afterIndicator(line, 3));
        }
        if (startsWithIgnoreCase(line, "-ERR")) {
            expected.pollFirst();
            return Pop3Reply.of(false, afterIndicator(line, 4));
        }
        if (exp == Response.SASL && line.startsWith("+") && (line.length() == 1 || line.charAt(1) == ' ')) {
            return new Pop3Event.Continuation(line.length() <= 2 ? "" : line.substring(2).trim());
        }
        String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        throw new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_POP3_PARSE_FAILURE, shown, 0,
                "a POP3 status line must begin with +OK or -ERR"));
    }

    private static String afterIndicator(String line, int length) {
        int from = length;
        if (from < line.length() && line.charAt(from) == ' ') {
            from++;
        }
        return line.substring(from);
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    // ------------------------------------------------------------------ multi-line, line by line

    private Pop3Event dataLine(ByteBuf in) {
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        if (line.equals(".")) {
            state = State.STATUS;
            return Pop3Event.End.INSTANCE;
        }
        return new Pop3Event.Line(line.startsWith(".") ? line.substring(1) : line);
    }

    /** One line without its terminator, or null for "need more"; bounded by the configured line length. */
    private String readLine(ByteBuf in) {
        int from = Math.min(searched, in.readableBytes());
        int lf = in.forEachByte(in.readerIndex() + from, in.readableBytes() - from, ByteProcessor.FIND_LF);
        if (lf < 0) {
            searched = in.readableBytes();
            if (in.readableBytes() > limits.maxLineLength() + 1) {
                throw tooLong();
            }
            return null;
        }
        int end = lf;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--;
        }
        int length = end - in.readerIndex();
        if (length > limits.maxLineLength()) {
            throw tooLong();
        }
        String line = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.readerIndex(lf + 1);
        searched = 0;
        return line;
    }

    private IxpException tooLong() {
        return new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "POP3 response line longer than "
                + limits.maxLineLength() + " bytes");
    }

    // ------------------------------------------------------------------ multi-line, streamed

    /**
     * The next chunk of a streamed body, or End. A chunk stops before the terminating line, so that the End comes
     * as the next event; a dot at a line start that cannot be judged yet (".", ".\r" at the end of the input) waits
     * for more bytes.
     */
    private Pop3Event chunk(ByteBuf in) {
        if (scratch == null) {
            scratch = new byte[MAX_CHUNK];
        }
        int n = 0;
        while (in.isReadable() && n < MAX_CHUNK) {
            int ri = in.readerIndex();
            if (lineStart) {
                if (in.getByte(ri) == '.') {
                    int readable = in.readableBytes();
                    if (readable < 2) {
                        break;
                    }
                    byte b1 = in.getByte(ri + 1);
                    if (b1 == '\r' && readable < 3) {
                        break;
                    }
                    boolean end = b1 == '\n' || (b1 == '\r' && in.getByte(ri + 2) == '\n');
                    if (end) {
                        if (n > 0) {
                            break; // the chunk first; the End next time
                        }
                        in.skipBytes(b1 == '\n' ? 2 : 3);
                        state = State.STATUS;
                        lineStart = true;
                        return Pop3Event.End.INSTANCE;
                    }
                    in.skipBytes(1); // de-stuff: "..x" -> ".x"
                    ri++;
                    if (!in.isReadable()) {
                        lineStart = false;
                        break;
                    }
                }
                lineStart = false;
            }
            // One run up to the next line that begins with a dot (judged in the next round: de-stuffing or the
            // end) or the chunk's limit, found with Netty's word-at-a-time indexOf and copied at once.
            int end = ri + Math.min(in.readableBytes(), MAX_CHUNK - n);
            int stop = end;
            for (int pos = ri; pos < end; ) {
                int lf = in.indexOf(pos, end, (byte) '\n');
                if (lf < 0) {
                    break;
                }
                pos = lf + 1;
                if (pos == end || in.getByte(pos) == '.') {
                    stop = pos;
                    lineStart = true;
                    break;
                }
            }
            int take = stop - ri;
            in.getBytes(ri, scratch, n, take);
            in.skipBytes(take);
            n += take;
        }
        if (n == 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        System.arraycopy(scratch, 0, bytes, 0, n);
        return new Pop3Event.Chunk(bytes);
    }
}
