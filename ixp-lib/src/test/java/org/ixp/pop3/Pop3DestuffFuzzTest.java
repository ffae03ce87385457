package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.ixp.Limits;
import org.ixp.pop3.Pop3Decoder.Response;

/**
 * De-stuffing as a property (the POP3 side of smuggling): any body, stuffed as RFC 1939 §3 requires and cut
 * anywhere, comes back byte for byte; the response ends exactly at its terminating line, and what follows it is
 * read as the next response, never as body.
 */
class Pop3DestuffFuzzTest {
    private static final Limits LIMITS = new Limits(512, 1 << 20, 50);

    @FuzzTest(maxDuration = "30s")
    void aStuffedBodyComesBackExactlyAndEndsWhereItEnds(FuzzedDataProvider data) {
        int cut = data.consumeInt(1, 97);
        String body = new String(data.consumeRemainingAsBytes(), StandardCharsets.ISO_8859_1);
        if (!body.isEmpty() && !body.endsWith("\n")) {
            body += "\r\n";
        }
        String stuffed = (body.startsWith(".") ? "." : "") + body.replace("\n.", "\n..");
        byte[] wire = ("+OK\r\n" + stuffed + ".\r\n+OK next\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Pop3Decoder decoder = new Pop3Decoder(LIMITS);
        decoder.expect(Response.STREAM);
        decoder.expect(Response.SINGLE);
        ByteBuf buf = Unpooled.buffer();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int ends = 0;
        Pop3Reply next = null;
        try {
            for (int from = 0; from < wire.length; from += cut) {
                buf.writeBytes(wire, from, Math.min(cut, wire.length - from));
                Pop3Event e;
                while ((e = decoder.decode(buf)) != null) {
                    if (e instanceof Pop3Event.Chunk c) {
                        assertThat(ends).as("body after its end").isZero();
                        got.writeBytes(c.bytes());
                    } else if (e instanceof Pop3Event.End) {
                        ends++;
                    } else if (e instanceof Pop3Reply r && ends == 1) {
                        next = r;
                    }
                }
            }
            assertThat(got.toString(StandardCharsets.ISO_8859_1)).isEqualTo(body);
            assertThat(ends).isEqualTo(1);
            assertThat(next).isEqualTo(Pop3Reply.of(true, "next"));
            assertThat(buf.isReadable()).isFalse();
        } finally {
            buf.release();
        }
    }
}
