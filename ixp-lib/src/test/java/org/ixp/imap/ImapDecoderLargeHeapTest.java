package org.ixp.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.zip.CRC32;
import org.ixp.Limits;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB message body streams through {@link ImapDecoder} in constant memory: generated on the fly, fed in
 * network-sized pieces of varying length, never held whole (the build runs this class with a 64 MB heap). After
 * every piece the decoder has consumed all input, holds no more than the response's line, and every chunk it
 * gave is at most {@link ImapDecoder#MAX_CHUNK}; the chunks add up to the body, octet for octet.
 */
class ImapDecoderLargeHeapTest {
    private static final long SIZE = 200L * 1024 * 1024;

    @Test
    void twoHundredMegabyteLiteralStreamsInConstantMemory() {
        System.out.println("ImapDecoderLargeHeapTest: max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        ImapDecoder decoder = new ImapDecoder(Limits.DEFAULT);
        ByteBuf buf = Unpooled.buffer(256 * 1024);
        CRC32 sent = new CRC32();
        CRC32 received = new CRC32();
        Random pieces = new Random(42);
        long[] got = {0};
        long[] chunks = {0};
        boolean[] fetched = {false};
        try {
            feed(decoder, buf, ("* 17 FETCH (UID 4242 RFC822.SIZE " + SIZE + " BODY[] {" + SIZE + "}\r\n")
                    .getBytes(UTF_8), received, got, chunks, fetched);
            byte[] piece = new byte[128 * 1024];
            long left = SIZE;
            long pattern = 0;
            while (left > 0) {
                int n = (int) Math.min(left, 1 + pieces.nextInt(piece.length));
                for (int i = 0; i < n; i++) {
                    piece[i] = (byte) (pattern * 31 + (pattern >>> 13));
                    pattern++;
                }
                sent.update(piece, 0, n);
                byte[] exact = n == piece.length ? piece : java.util.Arrays.copyOf(piece, n);
                feed(decoder, buf, exact, received, got, chunks, fetched);
                left -= n;
            }
            feed(decoder, buf, " FLAGS (\\Seen))\r\n".getBytes(UTF_8), received, got, chunks, fetched);
        } finally {
            buf.release();
        }
        assertThat(got[0]).isEqualTo(SIZE);
        assertThat(received.getValue()).isEqualTo(sent.getValue());
        assertThat(chunks[0]).isGreaterThanOrEqualTo(SIZE / ImapDecoder.MAX_CHUNK);
        assertThat(fetched[0]).isTrue();
    }

    private static void feed(ImapDecoder decoder, ByteBuf buf, byte[] bytes, CRC32 received, long[] got,
            long[] chunks, boolean[] fetched) {
        buf.writeBytes(bytes);
        ImapEvent e;
        while ((e = decoder.decode(buf)) != null) {
            if (e instanceof ImapEvent.FetchBodyStart s) {
                assertThat(s.size()).isEqualTo(SIZE);
                assertThat(s.seq()).isEqualTo(17);
            } else if (e instanceof ImapEvent.FetchBodyChunk c) {
                assertThat(c.data().length).isBetween(1, ImapDecoder.MAX_CHUNK);
                assertThat(c.offset()).isEqualTo(got[0]);
                received.update(c.data());
                got[0] += c.data().length;
                chunks[0]++;
                assertThat(c.last()).isEqualTo(got[0] == SIZE);
            } else if (e instanceof ImapEvent.Fetch f) {
                assertThat(f.uid()).hasValue(4242);
                assertThat(f.rfc822Size()).hasValue(SIZE);
                assertThat(f.flags()).hasValue(java.util.List.of("\\Seen"));
                assertThat(f.item(FetchItem.Body.class).orElseThrow().size()).isEqualTo(SIZE);
                fetched[0] = true;
            } else {
                throw new AssertionError("unexpected " + e);
            }
        }
        assertThat(buf.readableBytes()).as("the decoder keeps no body bytes in the buffer").isZero();
        assertThat(decoder.heldBytes()).as("the decoder holds only the response line").isLessThan(200);
        buf.clear();
    }
}
