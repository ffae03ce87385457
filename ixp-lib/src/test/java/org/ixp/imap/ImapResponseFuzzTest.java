package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;

/**
 * Coverage-guided (Jazzer) over the whole IMAP response path: any bytes, cut anywhere, through {@link ImapDecoder}
 * into typed events (literals, {@code ~{n}}, streamed bodies, ENVELOPE, BODYSTRUCTURE, response codes, ESEARCH …).
 * Every event renders; body chunks stay within {@link ImapDecoder#MAX_CHUNK}; what stays buffered is bounded by the
 * line limit; the only failures are IXP_E_RESPONSE_TOO_LARGE and IXP_E_PROTOCOL_ERROR. The seed responses are in
 * {@code ImapResponseFuzzTestInputs/}.
 */
class ImapResponseFuzzTest {
    private static final Limits LIMITS = new Limits(2048, 1 << 16, 50);

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesCleanly(FuzzedDataProvider data) {
        ImapDecoder decoder = new ImapDecoder(LIMITS);
        if (data.consumeBoolean()) {
            decoder.utf8Names(true);
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            while (data.remainingBytes() > 0) {
                buf.writeBytes(data.consumeBytes(data.consumeInt(1, 96)));
                ImapEvent e;
                while ((e = decoder.decode(buf)) != null) {
                    assertThat(e.toString()).isNotNull();
                    if (e instanceof ImapEvent.FetchBodyChunk c) {
                        assertThat(c.data().length).isLessThanOrEqualTo(ImapDecoder.MAX_CHUNK);
                    }
                }
                assertThat(buf.readableBytes()).isLessThanOrEqualTo(LIMITS.maxLineLength() + 16);
                buf.discardReadBytes();
            }
        } catch (IxpException expected) {
            assertThat(expected.code()).isIn(IxpCode.IXP_E_RESPONSE_TOO_LARGE, IxpCode.IXP_E_PROTOCOL_ERROR);
        } finally {
            buf.release();
        }
    }
}
