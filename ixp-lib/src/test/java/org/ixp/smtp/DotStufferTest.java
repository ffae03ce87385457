package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotStufferTest {

    private static String stuff(String in, int split) {
        byte[] bytes = in.getBytes(StandardCharsets.ISO_8859_1);
        DotStuffer s = new DotStuffer(true);
        ByteBuf out = Unpooled.buffer();
        int at = Math.min(split, bytes.length);
        s.encode(bytes, 0, at, out);
        s.encode(bytes, at, bytes.length - at, out);
        s.finish(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String show(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "a\\r\\nb\\r\\n|a\\r\\nb\\r\\n.\\r\\n",
            "a\\r\\nb|a\\r\\nb\\r\\n.\\r\\n",
            "''|.\\r\\n",
            ".\\r\\n|..\\r\\n.\\r\\n",
            "..x\\r\\n|...x\\r\\n.\\r\\n",
            "a\\n.\\nb|a\\r\\n..\\r\\nb\\r\\n.\\r\\n",
            "a\\r.\\rb|a\\r\\n..\\r\\nb\\r\\n.\\r\\n",
            "a\\n.\\r\\nQUIT\\r\\n|a\\r\\n..\\r\\nQUIT\\r\\n.\\r\\n",
            "x\\r\\r\\ny|x\\r\\n\\r\\ny\\r\\n.\\r\\n",
            "end\\r|end\\r\\n.\\r\\n",
            "mid.dle\\r\\n.start|mid.dle\\r\\n..start\\r\\n.\\r\\n",
    })
    void normalisesLineEndsStuffsDotsAndTerminatesAtEverySplit(String input, String expected) {
        String in = input.replace("\\r", "\r").replace("\\n", "\n");
        String want = expected.replace("\\r", "\r").replace("\\n", "\n");
        for (int split = 0; split <= in.length(); split++) {
            assertThat(show(stuff(in, split))).as("split at %d", split).isEqualTo(show(want));
        }
        // byte by byte
        DotStuffer s = new DotStuffer(true);
        ByteBuf out = Unpooled.buffer();
        byte[] bytes = in.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            s.encode(bytes, i, 1, out);
        }
        s.finish(out);
        assertThat(show(out.toString(StandardCharsets.ISO_8859_1))).isEqualTo(show(want));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"a\\n.\\nb|a\\r\\n.\\r\\nb\\r\\n", "''|''"})
    void withoutDotStuffingOnlyLineEndsChange(String input, String expected) {
        String in = input.replace("\\r", "\r").replace("\\n", "\n");
        String want = expected.replace("\\r", "\r").replace("\\n", "\n");
        DotStuffer s = new DotStuffer(false);
        ByteBuf out = Unpooled.buffer();
        byte[] bytes = in.getBytes(StandardCharsets.ISO_8859_1);
        s.encode(bytes, 0, bytes.length, out);
        s.finish(out);
        assertThat(show(out.toString(StandardCharsets.ISO_8859_1))).isEqualTo(show(want));
    }
}
