package org.ixp.nntp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.Limits;
import org.ixp.engine.ProtocolDecoder;

/**
 * Bytes to {@link NntpEvent}s (RFC 3977 §3.1), resumable at any byte, in constant memory.
 *
 * <p>Whether a status line opens a multi-line block depends on the command (211 does for LISTGROUP, not for GROUP),
 * so every command line sent pushes an {@link Expect} ({@link #expect}) and every status line received takes the
 * oldest. A status line with nothing expected (the greeting, an unsolicited 400) is single-line.
 *
 * <p>A block is de-stuffed (a leading "." removed) and delivered in bounded parts: {@link NntpBlock.Chunk}s of whole
 * CRLF-terminated lines for articles ({@link Mode#CHUNKS}), {@link NntpBlock.Lines} for listings
 * ({@link Mode#LINES}); a part is emitted when it is full or when no further complete line has arrived, so nothing
 * waits for the rest of the block. The terminating "." is left in the buffer until the part before it has been
 * taken, then yields {@link NntpBlock.End}.
 *
 * <p>Lines are bounded by {@link Limits#maxLineLength()}. Quirk, named: a bare LF ends a line as CRLF does (seen in
 * small servers and test tools); article chunks always carry CRLF.
 */
public final class NntpDecoder implements ProtocolDecoder<NntpEvent> {
    /** The most bytes in one chunk or batch of lines (plus at most one line). */
    static final int PART_BYTES = 64 * 1024;
    /** The most lines in one batch. */
    static final int PART_LINES = 512;

    /** How a command's data block is delivered. */
    enum Mode { CHUNKS, LINES }

    /**
     * What the reply to one command line looks like.
     *
     * @param multiLine the status codes that open a data block
     * @param mode      how that block is delivered
     */
    record Expect(Set<Integer> multiLine, Mode mode) {
        static final Expect SINGLE = new Expect(Set.of(), Mode.LINES);

        static Expect lines(Integer... codes) {
            return new Expect(Set.of(codes), Mode.LINES);
        }

        static Expect chunks(Integer... codes) {
            return new Expect(Set.of(codes), Mode.CHUNKS);
        }
    }

    private final Limits limits;
    private final ArrayDeque<Expect> expected = new ArrayDeque<>();
    /** The block being read, or null while a status line is awaited. */
    private Mode block;
    /** Readable bytes already searched for LF without finding one: a trickled line is scanned once. */
    private int searched;
    private ByteArrayPart chunk;
    private List<String> lines;
    private long lineBytes;

    public NntpDecoder(Limits limits) {
        this.limits = limits;
    }

    /** Declares the reply of the command line about to be sent. Called on the I/O thread, before the write. */
    void expect(Expect e) {
        expected.add(e);
    }

    /** How many replies are expected and not yet begun (for tests). */
    int pending() {
        return expected.size();
    }

    @Override
    public NntpEvent decode(ByteBuf in) {
        return block == null ? status(in) : data(in);
    }

    // ------------------------------------------------------------------ status lines

    private NntpReply status(ByteBuf in) {
        int lf = findLf(in);
        if (lf < 0) {
            return null;
        }
        String line = in.toString(in.readerIndex(), lineLength(in, lf), StandardCharsets.UTF_8);
        in.readerIndex(lf + 1);
        searched = 0;
        if (line.length() < 3 || !digit(line.charAt(0), '1', '5') || !digit(line.charAt(1), '0', '9')
                || !digit(line.charAt(2), '0', '9') || (line.length() > 3 && line.charAt(3) != ' ')) {
            throw malformed(line);
        }
        int code = (line.charAt(0) - '0') * 100 + (line.charAt(1) - '0') * 10 + (line.charAt(2) - '0'); // digits checked
        String text = line.length() > 4 ? line.substring(4) : "";
        Expect e = expected.poll();
        boolean multi = e != null && e.multiLine().contains(code);
        if (multi) {
            block = e.mode();
        }
        return new NntpReply(code, text, multi);
    }

    // ------------------------------------------------------------------ data blocks

    private NntpEvent data(ByteBuf in) {
        while (true) {
            int lf = findLf(in);
            if (lf < 0) {
                return takePart();
            }
            int start = in.readerIndex();
            int length = lineLength(in, lf);
            if (length == 1 && in.getByte(start) == '.') {
                NntpEvent part = takePart();
                if (part != null) {
                    return part; // the "." stays for the next call
                }
                in.readerIndex(lf + 1);
                searched = 0;
                block = null;
                return NntpBlock.End.INSTANCE;
            }
            int from = length > 0 && in.getByte(start) == '.' ? start + 1 : start; // de-stuff
            int contentLength = length - (from - start);
            if (block == Mode.CHUNKS) {
                if (chunk == null) {
                    chunk = new ByteArrayPart();
                }
                chunk.addLine(in, from, contentLength);
            } else {
                if (lines == null) {
                    lines = new ArrayList<>();
                    lineBytes = 0;
                }
                lines.add(in.toString(from, contentLength, StandardCharsets.UTF_8));
                lineBytes += lf + 1 - start;
            }
            in.readerIndex(lf + 1);
            searched = 0;
            if (partFull()) {
                return takePart();
            }
        }
    }

    private boolean partFull() {
        if (chunk != null) {
            return chunk.size() >= PART_BYTES;
        }
        return lines != null && (lines.size() >= PART_LINES || lineBytes >= PART_BYTES);
    }

    private NntpEvent takePart() {
        if (chunk != null) {
            NntpBlock.Chunk c = new NntpBlock.Chunk(chunk.toByteArray(), chunk.lines());
            chunk = null;
            return c;
        }
        if (lines != null) {
            NntpBlock.Lines l = new NntpBlock.Lines(List.copyOf(lines), lineBytes);
            lines = null;
            return l;
        }
        return null;
    }

    // ------------------------------------------------------------------ lines

    /** The index of the next LF, or -1 (checking the line bound). */
    private int findLf(ByteBuf in) {
        int readable = in.readableBytes();
        int from = Math.min(searched, readable);
        int lf = in.forEachByte(in.readerIndex() + from, readable - from, ByteProcessor.FIND_LF);
        if (lf < 0) {
            searched = readable;
            if (readable > limits.maxLineLength() + 1) {
                throw tooLong();
            }
            return -1;
        }
        if (lf - in.readerIndex() > limits.maxLineLength() + 1) {
            throw tooLong();
        }
        return lf;
    }

    /** The length of the line ending at {@code lf}, without CR LF (or the bare LF). */
    private int lineLength(ByteBuf in, int lf) {
        int end = lf;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--;
        }
        int length = end - in.readerIndex();
        if (length > limits.maxLineLength()) {
            throw tooLong();
        }
        return length;
    }

    private IxpException tooLong() {
        return new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "NNTP line longer than "
                + limits.maxLineLength() + " bytes");
    }

    private static boolean digit(char c, char lo, char hi) {
        return c >= lo && c <= hi;
    }

    private static IxpException malformed(String line) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        return new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_PROTOCOL_ERROR, shown, 0,
                "malformed NNTP status line"));
    }

    /** A growing chunk of CRLF-terminated lines. */
    private static final class ByteArrayPart {
        private byte[] bytes = new byte[1024];
        private int size;
        private int lines;

        void addLine(ByteBuf in, int from, int length) {
            ensure(length + 2);
            in.getBytes(from, bytes, size, length);
            size += length;
            bytes[size++] = '\r';
            bytes[size++] = '\n';
            lines++;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        int size() {
            return size;
        }

        int lines() {
            return lines;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }
}
