package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * Any bytes, cut anywhere, under any sequence of expectations: the NNTP decoder yields status lines with codes
 * 100–599, parts within their bounds and block ends, or fails with an IxpException — never another exception, never
 * an event without consuming, never more than a line's worth of bytes held back.
 */
class NntpDecoderFuzzTest {
    private static final Limits LIMITS = new Limits(1024, 1 << 20, 50);

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesCleanly(FuzzedDataProvider data) {
        NntpDecoder decoder = new NntpDecoder(LIMITS);
        for (int i = data.consumeInt(0, 6); i > 0; i--) {
            java.util.Set<Integer> codes = new java.util.HashSet<>(java.util.List.of(data.consumeInt(100, 599)));
            codes.addAll(data.consumeBoolean() ? java.util.List.of(211, 215, 224) : java.util.List.of(220, 221, 222));
            decoder.expect(new Expect(codes, data.consumeBoolean() ? NntpDecoder.Mode.LINES : NntpDecoder.Mode.CHUNKS));
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            while (data.remainingBytes() > 0) {
                buf.writeBytes(data.consumeBytes(data.consumeInt(1, 64)));
                NntpEvent e;
                while (buf.isReadable()) {
                    int before = buf.readableBytes();
                    e = decoder.decode(buf);
                    if (e == null) {
                        break;
                    }
                    if (e instanceof NntpReply r) {
                        assertThat(r.code()).isBetween(100, 599);
                        assertThat(r.text().length()).isLessThanOrEqualTo(LIMITS.maxLineLength());
                    } else if (e instanceof NntpBlock.Chunk c) {
                        assertThat(c.bytes().length).isLessThanOrEqualTo(NntpDecoder.PART_BYTES + LIMITS.maxLineLength() + 2);
                    } else if (e instanceof NntpBlock.Lines l) {
                        assertThat(l.lines()).isNotEmpty().hasSizeLessThanOrEqualTo(NntpDecoder.PART_LINES);
                    }
                    assertThat(buf.readableBytes() < before || !(e instanceof NntpReply || e instanceof NntpBlock.End))
                            .as("a status line or end without consuming").isTrue();
                }
                assertThat(buf.readableBytes()).isLessThanOrEqualTo(LIMITS.maxLineLength() + 1);
            }
        } catch (IxpException expected) {
            // malformed or oversized input is refused with a code: that is the contract
        } finally {
            buf.release();
        }
    }
}
