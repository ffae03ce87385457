package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.ixp.nntp.NntpDecoder.Expect;
import org.junit.jupiter.api.Test;

/**
 * The decoder fed each transcript whole, split at every boundary, and byte by byte: the same events (parts merged,
 * since their sizes depend on how bytes arrive) and every byte consumed.
 */
class NntpDecoderTest {
    private static final Expect LISTGROUP = Expect.lines(211);
    private static final Expect ARTICLE = Expect.chunks(220);

    private record Case(String wire, List<Expect> expects, List<String> events) {
    }

    private static final List<Case> CASES = List.of(
            new Case("200 news.example ready\r\n", List.of(), List.of("R 200 news.example ready")),
            new Case("201\r\n", List.of(), List.of("R 201 ")),
            new Case("211 3 1 3 misc.test\r\n", List.of(Expect.SINGLE), List.of("R 211 3 1 3 misc.test")),
            new Case("211 3 1 3 misc.test\r\n1\r\n2\r\n3\r\n.\r\n", List.of(LISTGROUP),
                    List.of("R 211 3 1 3 misc.test +", "L 1", "L 2", "L 3", "E")),
            new Case("215 list follows\r\n.\r\n", List.of(Expect.lines(215)), List.of("R 215 list follows +", "E")),
            new Case("220 1 <a@b> article\r\nSubject: x\r\n\r\n..leading dot\r\n..\r\nlast\r\n.\r\n", List.of(ARTICLE),
                    List.of("R 220 1 <a@b> article +", "C Subject: x\r\n\r\n.leading dot\r\n.\r\nlast\r\n", "E")),
            new Case("430 no such article\r\n211 1 5 5 g\r\n", List.of(ARTICLE, Expect.SINGLE),
                    List.of("R 430 no such article", "R 211 1 5 5 g")),
            new Case("224 overview\r\n1\tS\tF\r\n\r\n2\tT\r\n.\r\n205 bye\r\n", List.of(Expect.lines(224), Expect.SINGLE),
                    List.of("R 224 overview +", "L 1\tS\tF", "L ", "L 2\tT", "E", "R 205 bye")),
            new Case("101 caps\nVERSION 2\nREADER\n.\n", List.of(Expect.lines(101)),
                    List.of("R 101 caps +", "L VERSION 2", "L READER", "E")),
            new Case("222 7 <x@y>\r\nbody line\nbare lf\r\n.\r\n", List.of(Expect.chunks(222)),
                    List.of("R 222 7 <x@y> +", "C body line\r\nbare lf\r\n", "E")),
            new Case("215 groups\r\ngrüße.test 2 1 y\r\n.\r\n", List.of(Expect.lines(215)),
                    List.of("R 215 groups +", "L grüße.test 2 1 y", "E")));

    @Test
    void eachTranscriptWhole() {
        for (Case c : CASES) {
            assertThat(decode(c, List.of(bytes(c.wire)))).as(c.wire).isEqualTo(c.events);
        }
    }

    @Test
    void eachTranscriptSplitAtEveryBoundary() {
        for (Case c : CASES) {
            byte[] all = bytes(c.wire);
            for (int i = 1; i < all.length; i++) {
                byte[] a = java.util.Arrays.copyOfRange(all, 0, i);
                byte[] b = java.util.Arrays.copyOfRange(all, i, all.length);
                assertThat(decode(c, List.of(a, b))).as("%s split at %d", c.wire, i).isEqualTo(c.events);
            }
        }
    }

    @Test
    void eachTranscriptByteByByte() {
        for (Case c : CASES) {
            List<byte[]> pieces = new ArrayList<>();
            for (byte b : bytes(c.wire)) {
                pieces.add(new byte[] {b});
            }
            assertThat(decode(c, pieces)).as(c.wire).isEqualTo(c.events);
        }
    }

    @Test
    void anExpectationIsTakenPerStatusLineEvenForErrors() {
        NntpDecoder d = new NntpDecoder(Limits.DEFAULT);
        d.expect(ARTICLE);
        d.expect(LISTGROUP);
        ByteBuf in = Unpooled.copiedBuffer("423 no such article number\r\n211 1 1 1 g\r\n1\r\n.\r\n",
                StandardCharsets.UTF_8);
        assertThat(d.decode(in)).isEqualTo(new NntpReply(423, "no such article number", false));
        assertThat(d.decode(in)).isEqualTo(new NntpReply(211, "1 1 1 g", true));
        assertThat(d.decode(in)).isInstanceOf(NntpBlock.Lines.class);
        assertThat(d.decode(in)).isInstanceOf(NntpBlock.End.class);
        assertThat(d.pending()).isZero();
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void linesComeInBoundedBatches() {
        StringBuilder sb = new StringBuilder("224 overview follows\r\n");
        for (int i = 1; i <= 10_000; i++) {
            sb.append(i).append("\tSubject ").append(i).append("\r\n");
        }
        sb.append(".\r\n");
        NntpDecoder d = new NntpDecoder(Limits.DEFAULT);
        d.expect(Expect.lines(224));
        ByteBuf in = Unpooled.copiedBuffer(sb, StandardCharsets.UTF_8);
        assertThat(d.decode(in)).isInstanceOf(NntpReply.class);
        int total = 0;
        int batches = 0;
        NntpEvent e;
        while (!((e = d.decode(in)) instanceof NntpBlock.End)) {
            NntpBlock.Lines l = (NntpBlock.Lines) e;
            assertThat(l.lines()).hasSizeLessThanOrEqualTo(NntpDecoder.PART_LINES);
            total += l.lines().size();
            batches++;
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(batches).isGreaterThanOrEqualTo(10_000 / NntpDecoder.PART_LINES);
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void chunksAreBounded() {
        String line = "x".repeat(998);
        StringBuilder sb = new StringBuilder("220 1 <big@x>\r\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(line).append("\r\n");
        }
        sb.append(".\r\n");
        NntpDecoder d = new NntpDecoder(Limits.DEFAULT);
        d.expect(ARTICLE);
        ByteBuf in = Unpooled.copiedBuffer(sb, StandardCharsets.UTF_8);
        d.decode(in);
        long total = 0;
        NntpEvent e;
        while (!((e = d.decode(in)) instanceof NntpBlock.End)) {
            NntpBlock.Chunk c = (NntpBlock.Chunk) e;
            assertThat(c.bytes().length).isLessThanOrEqualTo(NntpDecoder.PART_BYTES + 1000);
            total += c.bytes().length;
        }
        assertThat(total).isEqualTo(1000L * 1000);
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithoutBufferingIt() {
        Limits small = new Limits(512, Limits.DEFAULT.maxLiteralSize(), 100);
        NntpDecoder d = new NntpDecoder(small);
        d.expect(ARTICLE);
        ByteBuf in = Unpooled.copiedBuffer("220 1 <a@b>\r\n" + "y".repeat(600), StandardCharsets.UTF_8);
        d.decode(in);
        assertThatThrownBy(() -> d.decode(in)).isInstanceOfSatisfying(IxpException.class,
                e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_RESPONSE_TOO_LARGE));
        NntpDecoder s = new NntpDecoder(small);
        ByteBuf status = Unpooled.copiedBuffer("200 " + "z".repeat(600) + "\r\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> s.decode(status)).isInstanceOfSatisfying(IxpException.class,
                e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_RESPONSE_TOO_LARGE));
    }

    @Test
    void malformedStatusLinesAreProtocolErrors() {
        for (String bad : List.of("abc\r\n", "20\r\n", "2001 x\r\n", "600 x\r\n", "099 x\r\n", "200-x\r\n",
                "\r\n")) {
            NntpDecoder d = new NntpDecoder(Limits.DEFAULT);
            ByteBuf in = Unpooled.copiedBuffer(bad, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> d.decode(in)).as(bad).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR));
        }
    }

    @Test
    void incompleteInputNeedsMore() {
        NntpDecoder d = new NntpDecoder(Limits.DEFAULT);
        ByteBuf in = Unpooled.copiedBuffer("200 hel", StandardCharsets.UTF_8);
        assertThat(d.decode(in)).isNull();
        assertThat(in.readableBytes()).isEqualTo(7);
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds the pieces as the engine does (cumulating), decodes until "need more" after each, normalises. */
    private static List<String> decode(Case c, List<byte[]> pieces) {
        NntpDecoder d = new NntpDecoder(Limits.DEFAULT);
        c.expects.forEach(d::expect);
        ByteBuf in = Unpooled.buffer();
        List<String> out = new ArrayList<>();
        StringBuilder chunk = null;
        for (byte[] piece : pieces) {
            in.writeBytes(piece);
            NntpEvent e;
            while (in.isReadable() && (e = d.decode(in)) != null) {
                if (e instanceof NntpBlock.Chunk ch) {
                    chunk = chunk == null ? new StringBuilder() : chunk;
                    chunk.append(new String(ch.bytes(), StandardCharsets.UTF_8));
                    assertThat(ch.lines()).isEqualTo((int) new String(ch.bytes(), StandardCharsets.UTF_8)
                            .chars().filter(x -> x == '\n').count());
                    continue;
                }
                if (chunk != null) {
                    out.add("C " + chunk);
                    chunk = null;
                }
                if (e instanceof NntpReply r) {
                    out.add("R " + r.code() + " " + r.text() + (r.multiLine() ? " +" : ""));
                } else if (e instanceof NntpBlock.Lines l) {
                    l.lines().forEach(x -> out.add("L " + x));
                } else if (e instanceof NntpBlock.End) {
                    out.add("E");
                }
            }
            in.discardReadBytes();
        }
        if (chunk != null) {
            out.add("C " + chunk);
        }
        assertThat(in.readableBytes()).as("bytes left unconsumed").isZero();
        assertThat(d.pending()).as("expectations left").isZero();
        return out;
    }
}
