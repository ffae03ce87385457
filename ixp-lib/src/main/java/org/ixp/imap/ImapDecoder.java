package org.ixp.imap;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.ixp.engine.ProtocolDecoder;

/**
 * Bytes to {@link ImapEvent}s (RFC 9051 / RFC 3501 responses), resumable at any byte boundary.
 *
 * <p><b>Framing.</b> A response is a line, or lines joined by literals: a line ending in {@code {n}},
 * {@code {n+}} or {@code ~{n}} is followed by n octets and then the rest of the response. The decoder frames each
 * response (state {@code LINE}: searching for LF, remembering how far it searched; {@code LITERAL}: collecting a
 * small literal; {@code BODY}: streaming body data) and then parses it whole into one typed event.
 *
 * <p><b>Streaming.</b> Body data in a FETCH ({@code BODY[…]}, {@code BINARY[…]}, {@code RFC822*}) is never held:
 * it leaves as {@link ImapEvent.FetchBodyStart}, {@link ImapEvent.FetchBodyChunk}s of at most {@link #MAX_CHUNK}
 * octets (the last one flagged), and the FETCH's other items follow in {@link ImapEvent.Fetch}.
 *
 * <p><b>Bounds.</b> Everything held for one response, its lines and its small literals, is bounded by
 * {@link Limits#maxLineLength()} (IMAP's "line" spans its literals); a streamed literal is bounded by
 * {@link Limits#maxLiteralSize()}. Both are checked when a literal is announced, before anything is allocated.
 * Exceeding either is {@code IXP_E_RESPONSE_TOO_LARGE}; a literal size that overflows 63 bits is
 * {@code IXP_E_PROTOCOL_ERROR}. These framing errors are fatal and sticky: the stream is out of step.
 *
 * <p><b>Broken responses.</b> A response that frames but does not parse is {@link ImapEvent.Malformed}, a FETCH
 * item that does not parse is {@link FetchItem.Invalid}; decoding continues with the next response.
 *
 * <p>One decoder serves one connection. {@link #decode} may have several events ready after one line (inline body
 * data): the caller calls it until it returns {@code null}, even once the buffer is empty.
 *
 * <p>Named quirk: a bare LF ends a line as CRLF does (test servers, some appliances).
 */
public final class ImapDecoder implements ProtocolDecoder<ImapEvent> {
    /** The most octets one {@link ImapEvent.FetchBodyChunk} carries. */
    public static final int MAX_CHUNK = 64 * 1024;

    private enum State { LINE, LITERAL, BODY }

    private final Limits limits;
    private final ArrayDeque<ImapEvent> ready = new ArrayDeque<>();
    private final FetchScanner scanner = new FetchScanner(this::inlineBody);
    private final List<byte[]> segments = new ArrayList<>();
    private final List<RawResponse.Literal> literals = new ArrayList<>();
    private boolean utf8Names;
    private State state = State.LINE;
    private IxpException failure;

    /** Readable bytes already searched for LF without finding one. */
    private int searched;
    /** Bytes examined while searching for LF, ever: tests check no byte is searched twice. */
    private long examined;
    /** Octets the current response may still hold. */
    private long budget;
    /** Bodies reported for the current response (streamed or inline). */
    private int bodies;
    /** True if the current response is a continuation request (which has no literals). */
    private boolean continuation;

    private byte[] literal;
    private int literalFilled;

    /** The last response parsed and its framing, until {@link #wireText} takes it (for the protocol log). */
    private ImapEvent lastEvent;
    private RawResponse lastRaw;

    /** The last response parsed and its octets on the wire (lines and held literals), for {@link #framedBytes}. */
    private ImapEvent sizedEvent;
    private long sizedBytes;

    private long bodySeq;
    private long bodyOffset;
    private long bodyRemaining;

    public ImapDecoder(Limits limits) {
        this.limits = limits;
        this.budget = limits.maxLineLength();
    }

    /**
     * Mailbox names arrive as UTF-8 (IMAP4rev2, or UTF8=ACCEPT enabled) rather than modified UTF-7. The session
     * sets this when it knows; it applies to responses framed from then on.
     */
    public void utf8Names(boolean on) {
        this.utf8Names = on;
    }

    @Override
    public ImapEvent decode(ByteBuf in) {
        if (failure != null) {
            throw failure;
        }
        try {
            return next(in);
        } catch (IxpException e) {
            failure = e;
            throw e;
        }
    }

    /** Octets held for the response being framed (its lines and small literals); streamed bodies never count. */
    long heldBytes() {
        long n = literal == null ? 0 : literal.length;
        for (byte[] s : segments) {
            n += s.length;
        }
        for (RawResponse.Literal l : literals) {
            n += l.bytes() == null ? 0 : l.bytes().length;
        }
        return n;
    }

    /**
     * The wire text of {@code e} for the protocol log ({@link RawResponse#logText}) if it is the response parsed
     * last, else {@code null}; taken once (the engine logs each event as {@link #decode} returns it).
     */
    String wireText(ImapEvent e) {
        if (e != lastEvent || lastRaw == null) {
            return null;
        }
        String text = lastRaw.logText();
        lastEvent = null;
        lastRaw = null;
        return text;
    }

    /**
     * The octets {@code e} took on the wire (its lines and the literals held for it; streamed bodies are not part
     * of it) if it is the response parsed last, else 0.
     */
    long framedBytes(ImapEvent e) {
        return e == sizedEvent ? sizedBytes : 0;
    }

    /** Bytes examined in the search for line ends so far. */
    long examinedBytes() {
        return examined;
    }

    private ImapEvent next(ByteBuf in) {
        while (true) {
            ImapEvent e = ready.poll();
            if (e != null) {
                return e;
            }
            switch (state) {
                case LINE:
                    if (!line(in)) {
                        return null;
                    }
                    break;
                case LITERAL:
                    if (!literal(in)) {
                        return null;
                    }
                    break;
                default:
                    return chunk(in);
            }
        }
    }

    // ------------------------------------------------------------------ LINE

    private boolean line(ByteBuf in) {
        int readable = in.readableBytes();
        int from = Math.min(searched, readable);
        int lf = in.forEachByte(in.readerIndex() + from, readable - from, ByteProcessor.FIND_LF);
        examined += lf < 0 ? readable - from : lf - in.readerIndex() - from + 1;
        if (lf < 0) {
            searched = readable;
            if (readable > budget + 1) {
                throw tooLarge();
            }
            return false;
        }
        int end = lf;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--;
        }
        int length = end - in.readerIndex();
        if (length > budget) {
            throw tooLarge();
        }
        byte[] segment = new byte[length];
        in.getBytes(in.readerIndex(), segment);
        in.readerIndex(lf + 1);
        searched = 0;
        budget -= length;
        segment(segment);
        return true;
    }

    private void segment(byte[] seg) {
        if (segments.isEmpty()) {
            scanner.reset();
            bodies = 0;
            continuation = seg.length > 0 && seg[0] == '+';
        }
        segments.add(seg);
        int header = continuation ? -1 : literalHeader(seg);
        if (header < 0) {
            scanner.scan(seg, seg.length);
            complete();
            return;
        }
        scanner.scan(seg, header);
        long size = literalSize(seg, header);
        if (scanner.literal()) {
            if (size > limits.maxLiteralSize()) {
                throw new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "IMAP literal of " + size
                        + " octets exceeds the limit of " + limits.maxLiteralSize());
            }
            literals.add(new RawResponse.Literal(null, size));
            bodies++;
            bodySeq = scanner.seq();
            bodyOffset = 0;
            bodyRemaining = size;
            ready.add(new ImapEvent.FetchBodyStart(bodySeq, scanner.lastSection(), size));
            if (size == 0) {
                ready.add(new ImapEvent.FetchBodyChunk(bodySeq, 0, new byte[0], true));
            } else {
                state = State.BODY;
            }
            return;
        }
        if (size > budget || size > limits.maxLiteralSize()) {
            throw tooLarge();
        }
        budget -= size;
        literal = new byte[(int) size];
        literalFilled = 0;
        state = State.LITERAL;
    }

    /**
     * Where the literal header ending {@code seg} starts ({@code {} or {@code ~}), or -1: a header is exactly
     * {@code {digits}} or {@code {digits+}}, optionally preceded by {@code ~}, at the end of the line.
     */
    private static int literalHeader(byte[] seg) {
        int j = seg.length - 1;
        if (j < 2 || seg[j] != '}') {
            return -1;
        }
        j--;
        if (seg[j] == '+') {
            j--;
        }
        int digitsEnd = j;
        while (j >= 0 && seg[j] >= '0' && seg[j] <= '9') {
            j--;
        }
        if (j == digitsEnd || j < 0 || seg[j] != '{') {
            return -1;
        }
        return j > 0 && seg[j - 1] == '~' ? j - 1 : j;
    }

    /** The size in the header at {@code start}, checked digit by digit. */
    private static long literalSize(byte[] seg, int start) {
        int i = seg[start] == '~' ? start + 2 : start + 1;
        long n = 0;
        for (; seg[i] >= '0' && seg[i] <= '9'; i++) {
            int d = seg[i] - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                throw new IxpException(IxpCode.IXP_E_PROTOCOL_ERROR, "IMAP literal size overflows");
            }
            n = n * 10 + d;
        }
        return n;
    }

    private void complete() {
        long framed = heldBytes(); // no literal is being filled when a response completes
        RawResponse raw = new RawResponse(segments, literals);
        ImapEvent event = new ResponseParser(utf8Names).parse(raw);
        if (event instanceof ImapEvent.Fetch f) {
            int parsed = 0;
            for (FetchItem i : f.items()) {
                if (i instanceof FetchItem.Body) {
                    parsed++;
                }
            }
            if (parsed != bodies) {
                event = new ImapEvent.Malformed(null, raw.text(), "FETCH body data items do not match the data sent ("
                        + bodies + " streamed, " + parsed + " parsed)");
            }
        }
        ready.add(event);
        lastEvent = event;
        lastRaw = raw;
        sizedEvent = event;
        sizedBytes = framed;
        segments.clear();
        literals.clear();
        budget = limits.maxLineLength();
    }

    private void inlineBody(long seq, BodySection section, byte[] data, boolean nil) {
        bodies++;
        ready.add(new ImapEvent.FetchBodyStart(seq, section, data.length));
        ready.add(new ImapEvent.FetchBodyChunk(seq, 0, data, true));
    }

    // ------------------------------------------------------------------ LITERAL

    private boolean literal(ByteBuf in) {
        int n = Math.min(in.readableBytes(), literal.length - literalFilled);
        in.readBytes(literal, literalFilled, n);
        literalFilled += n;
        if (literalFilled < literal.length) {
            return false;
        }
        literals.add(new RawResponse.Literal(literal, literal.length));
        literal = null;
        state = State.LINE;
        return true;
    }

    // ------------------------------------------------------------------ BODY

    private ImapEvent chunk(ByteBuf in) {
        int n = (int) Math.min(Math.min(bodyRemaining, MAX_CHUNK), in.readableBytes());
        if (n == 0) {
            return null;
        }
        byte[] data = new byte[n];
        in.readBytes(data);
        long offset = bodyOffset;
        bodyOffset += n;
        bodyRemaining -= n;
        boolean last = bodyRemaining == 0;
        if (last) {
            state = State.LINE;
        }
        return new ImapEvent.FetchBodyChunk(bodySeq, offset, data, last);
    }

    private IxpException tooLarge() {
        return new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "IMAP response longer than "
                + limits.maxLineLength() + " octets (not counting streamed body data)");
    }
}
