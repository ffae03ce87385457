package org.ixp.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;

/**
 * Feeds wire bytes to an {@link ImapDecoder} the way the engine does (one cumulating buffer, decode until null
 * after every part) whole, split in two at every boundary, and byte by byte; the same events must come out each
 * time and every byte must be consumed.
 *
 * <p>How a body is cut into chunks depends on how the bytes arrive, so for comparison consecutive chunks of one
 * body are merged into one (after checking they are contiguous, at most {@link ImapDecoder#MAX_CHUNK} each, and
 * only the final one flagged last).
 */
final class DecoderHarness {
    /** The shortest line limit allowed, so the bound is cheap to reach. */
    static final Limits SMALL = new Limits(512, 1 << 20, 1000);
    static final Limits ROOMY = new Limits(64 * 1024, 1L << 31, 1000);

    private DecoderHarness() {
    }

    static void assertDecodes(String wire, ImapEvent... expected) {
        assertDecodes(ROOMY, wire.getBytes(UTF_8), expected);
    }

    static void assertDecodes(Limits limits, byte[] wire, ImapEvent... expected) {
        List<ImapEvent> want = Arrays.asList(expected);
        assertThat(feed(limits, List.of(wire))).as("fed whole").isEqualTo(want);
        for (int at = 0; at <= wire.length; at++) {
            assertThat(feed(limits, List.of(Arrays.copyOfRange(wire, 0, at), Arrays.copyOfRange(wire, at,
                    wire.length)))).as("split at %d", at).isEqualTo(want);
        }
        assertThat(feed(limits, bytewise(wire))).as("fed byte by byte").isEqualTo(want);
    }

    /** The single event {@code wire} decodes to (fed whole, split everywhere and byte by byte). */
    static ImapEvent decodeOne(String wire) {
        List<ImapEvent> events = decodeAll(wire);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** The events {@code wire} decodes to, checked to be the same however it is fed. */
    static List<ImapEvent> decodeAll(String wire) {
        byte[] bytes = wire.getBytes(UTF_8);
        List<ImapEvent> whole = feed(ROOMY, List.of(bytes));
        assertDecodes(ROOMY, bytes, whole.toArray(new ImapEvent[0]));
        return whole;
    }

    /** Feeds the parts into one cumulating buffer, decoding after each; asserts all input was consumed. */
    static List<ImapEvent> feed(Limits limits, List<byte[]> parts) {
        ImapDecoder decoder = new ImapDecoder(limits);
        ByteBuf buf = Unpooled.buffer();
        List<ImapEvent> raw = new ArrayList<>();
        try {
            for (byte[] part : parts) {
                buf.writeBytes(part);
                ImapEvent e;
                while ((e = decoder.decode(buf)) != null) {
                    raw.add(e);
                }
                buf.discardReadBytes();
            }
            assertThat(buf.readableBytes()).as("all input consumed").isZero();
            assertThat(decoder.decode(buf)).as("nothing left over").isNull();
            return mergeChunks(raw);
        } finally {
            buf.release();
        }
    }

    /** Checks chunk invariants and merges the chunks of each body into one. */
    static List<ImapEvent> mergeChunks(List<ImapEvent> events) {
        List<ImapEvent> out = new ArrayList<>();
        ByteArrayOutputStream data = null;
        long seq = 0;
        long first = 0;
        long expectedOffset = 0;
        long size = -1;
        for (ImapEvent e : events) {
            if (e instanceof ImapEvent.FetchBodyStart s) {
                assertThat(data).as("body started inside another").isNull();
                size = s.size();
                expectedOffset = 0;
                out.add(e);
                continue;
            }
            if (e instanceof ImapEvent.FetchBodyChunk c) {
                assertThat(size).as("chunk without a start").isGreaterThanOrEqualTo(0);
                assertThat(c.data().length).isLessThanOrEqualTo(ImapDecoder.MAX_CHUNK);
                assertThat(c.offset()).as("contiguous").isEqualTo(expectedOffset);
                if (data == null) {
                    data = new ByteArrayOutputStream();
                    seq = c.seq();
                    first = c.offset();
                }
                data.writeBytes(c.data());
                expectedOffset += c.data().length;
                assertThat(c.last()).as("last exactly at the end").isEqualTo(expectedOffset == size);
                if (c.last()) {
                    out.add(new ImapEvent.FetchBodyChunk(seq, first, data.toByteArray(), true));
                    data = null;
                    size = -1;
                }
                continue;
            }
            assertThat(data).as("event inside a body").isNull();
            out.add(e);
        }
        return out;
    }

    static void assertFails(Limits limits, byte[] wire, IxpCode code) {
        assertThat(failure(limits, List.of(wire))).as("fed whole").isEqualTo(code);
        for (int at = 0; at <= wire.length; at++) {
            assertThat(failure(limits, List.of(Arrays.copyOfRange(wire, 0, at), Arrays.copyOfRange(wire, at,
                    wire.length)))).as("split at %d", at).isEqualTo(code);
        }
        assertThat(failure(limits, bytewise(wire))).as("fed byte by byte").isEqualTo(code);
    }

    /** The code of the IxpException the parts provoke, or {@code null} if none was thrown. */
    static IxpCode failure(Limits limits, List<byte[]> parts) {
        ImapDecoder decoder = new ImapDecoder(limits);
        ByteBuf buf = Unpooled.buffer();
        try {
            Throwable t = catchThrowable(() -> {
                for (byte[] part : parts) {
                    buf.writeBytes(part);
                    while (decoder.decode(buf) != null) {
                        // keep going until the decoder needs more or fails
                    }
                }
            });
            if (t == null) {
                return null;
            }
            assertThat(t).isInstanceOf(IxpException.class);
            return ((IxpException) t).code();
        } finally {
            buf.release();
        }
    }

    static List<byte[]> bytewise(byte[] wire) {
        List<byte[]> parts = new ArrayList<>(wire.length);
        for (byte b : wire) {
            parts.add(new byte[] {b});
        }
        return parts;
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
