package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ixp.IxpException;
import org.ixp.Limits;

/**
 * Any bytes, cut anywhere: the SMTP reply decoder either yields well-formed replies or fails with an
 * IxpException — never another exception, never a reply code outside 200–599, never a line past the limit.
 */
class SmtpReplyDecoderFuzzTest {
    private static final Limits LIMITS = new Limits(1024, 1 << 20, 50);

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesCleanly(FuzzedDataProvider data) {
        SmtpReplyDecoder decoder = new SmtpReplyDecoder(LIMITS);
        ByteBuf buf = Unpooled.buffer();
        try {
            while (data.remainingBytes() > 0) {
                buf.writeBytes(data.consumeBytes(data.consumeInt(1, 64)));
                SmtpReply r;
                while ((r = decoder.decode(buf)) != null) {
                    assertThat(r.code()).isBetween(200, 599);
                    assertThat(r.lines()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxReplyLines())
                            .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(LIMITS.maxLineLength()));
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
