package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.ixp.pop3.Pop3Decoder.Response;

/**
 * The POP3 decoder under any bytes, any expectations, cut anywhere: it yields events or refuses with an
 * IxpException — never another exception — and keeps its bounds (lines, chunks, what it leaves buffered).
 */
class Pop3DecoderFuzzTest {
    private static final Limits LIMITS = new Limits(512, 1 << 20, 50);

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesCleanly(FuzzedDataProvider data) {
        Pop3Decoder decoder = new Pop3Decoder(LIMITS);
        Response[] kinds = Response.values();
        for (int i = data.consumeInt(0, 6); i > 0; i--) {
            decoder.expect(kinds[data.consumeInt(0, kinds.length - 1)]);
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            while (data.remainingBytes() > 0) {
                buf.writeBytes(data.consumeBytes(data.consumeInt(1, 64)));
                Pop3Event e;
                while ((e = decoder.decode(buf)) != null) {
                    if (e instanceof Pop3Event.Chunk c) {
                        assertThat(c.length()).isBetween(1, Pop3Decoder.MAX_CHUNK);
                    } else if (e instanceof Pop3Event.Line l) {
                        assertThat(l.text().length()).isLessThanOrEqualTo(LIMITS.maxLineLength());
                    } else if (e instanceof Pop3Reply r) {
                        assertThat(r.line().length()).isLessThanOrEqualTo(LIMITS.maxLineLength() + 1);
                    }
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
