package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.ixp.nntp.NntpDecoder.Expect;
import org.junit.jupiter.api.Test;

/**
 * The decoder on mutated and random input, in random pieces: it yields events or throws {@link IxpException}, never
 * anything else; it always consumes or asks for more (no loop without progress); parts stay bounded.
 */
class NntpDecoderRandomTest {
    private static final String[] SEEDS = {
        "200 ready\r\n",
        "211 3 1 3 g\r\n1\r\n2\r\n3\r\n.\r\n",
        "220 1 <a@b>\r\nSubject: x\r\n\r\n..dot\r\nbody\r\n.\r\n",
        "224 over\r\n1\ts\tf\td\t<m@x>\t\t10\t1\r\n.\r\n",
        "480 auth\r\n381 pass\r\n281 ok\r\n",
        "101 caps\r\nVERSION 2\r\n.\r\n",
    };

    @Test
    void mutatedAndRandomInput() {
        Random random = new Random(3977);
        Limits limits = new Limits(512, Limits.DEFAULT.maxLiteralSize(), 100);
        for (int round = 0; round < 20_000; round++) {
            byte[] input = round % 4 == 0 ? randomBytes(random) : mutate(random,
                    SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8));
            NntpDecoder d = new NntpDecoder(limits);
            for (int i = 0; i < 4; i++) {
                d.expect(random.nextBoolean() ? Expect.lines(211, 224, 101, 215) : Expect.chunks(220, 221, 222));
            }
            ByteBuf in = Unpooled.buffer();
            int pos = 0;
            try {
                while (pos < input.length) {
                    int n = 1 + random.nextInt(Math.min(64, input.length - pos));
                    in.writeBytes(input, pos, n);
                    pos += n;
                    for (int guard = 0; in.isReadable(); guard++) {
                        assertThat(guard).as("progress").isLessThan(10_000);
                        int before = in.readableBytes();
                        NntpEvent e = d.decode(in);
                        if (e == null) {
                            break;
                        }
                        if (e instanceof NntpBlock.Chunk c) {
                            assertThat(c.bytes().length).isLessThanOrEqualTo(NntpDecoder.PART_BYTES + 514);
                        } else if (e instanceof NntpBlock.Lines l) {
                            assertThat(l.lines()).hasSizeLessThanOrEqualTo(NntpDecoder.PART_LINES);
                        }
                        assertThat(in.readableBytes() < before || e instanceof NntpBlock.Chunk
                                || e instanceof NntpBlock.Lines).as("an event without consuming").isTrue();
                    }
                    in.discardReadBytes();
                }
            } catch (IxpException expected) {
                // a malformed or oversized response: the session would end with this error
            }
        }
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(300)];
        for (int i = 0; i < b.length; i++) {
            int k = r.nextInt(10);
            b[i] = (byte) (k == 0 ? '\n' : k == 1 ? '\r' : k == 2 ? '.' : k < 6 ? '0' + r.nextInt(10) : r.nextInt(256));
        }
        return b;
    }

    private static byte[] mutate(Random r, byte[] seed) {
        byte[] b = seed.clone();
        for (int i = r.nextInt(4); i >= 0; i--) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(3)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] = (byte) "\r\n. 0123456789".charAt(r.nextInt(14));
                default -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
            }
        }
        return b;
    }
}
