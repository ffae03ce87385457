package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The SMTP smuggling defence as a property: whatever the message bytes and however they are chunked, the DATA
 * sent contains the end-of-data mark {@code CRLF.CRLF} exactly once, at the very end, uses only CRLF line ends,
 * and de-stuffs back to the message with its line ends normalised.
 */
class DotStufferFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void nothingEndsTheDataEarly(FuzzedDataProvider data) throws Exception {
        byte[] message = data.consumeRemainingAsBytes();
        int chunk = 1 + (message.length % 7);
        ByteBuf out = encodeAll(new ByteArrayInputStream(message), chunk);
        try {
            String wire = out.toString(StandardCharsets.ISO_8859_1);
            String framed = "\r\n" + wire;
            assertThat(framed.indexOf("\r\n.\r\n")).as("end-of-data mark").isEqualTo(framed.length() - 5);
            assertThat(wire.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            String normalised = new String(message, StandardCharsets.ISO_8859_1)
                    .replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
            if (!normalised.isEmpty() && !normalised.endsWith("\r\n")) {
                normalised += "\r\n";
            }
            String body = wire.substring(0, wire.length() - 3); // without ".\r\n"
            String destuffed = ("\r\n" + body).replace("\r\n..", "\r\n.").substring(2);
            assertThat(destuffed).isEqualTo(normalised);
        } finally {
            out.release();
        }
    }

    /** Everything {@link DotStuffingInput} produces, reading the stream {@code chunk} bytes at a time. */
    static ByteBuf encodeAll(java.io.InputStream in, int chunk) throws Exception {
        java.io.InputStream trickle = new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        DotStuffingInput input = new DotStuffingInput(trickle, true, n -> { });
        ByteBuf all = Unpooled.buffer();
        while (!input.isEndOfInput()) {
            ByteBuf part = input.readChunk(ByteBufAllocator.DEFAULT);
            all.writeBytes(part);
            part.release();
        }
        return all;
    }
}
