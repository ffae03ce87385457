package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.ixp.pop3.Pop3Decoder.Response;
import org.ixp.pop3.Pop3Event.Chunk;
import org.ixp.pop3.Pop3Event.Continuation;
import org.ixp.pop3.Pop3Event.End;
import org.ixp.pop3.Pop3Event.Line;
import org.junit.jupiter.api.Test;

/** The decoder fed whole, split at every boundary, and byte by byte; every input must be consumed entirely. */
class Pop3DecoderTest {
    private static final Limits LIMITS = new Limits(512, 1L << 20, 100);

    // ------------------------------------------------------------------ harness

    /** Feeds {@code input} in the pieces given by {@code cuts}; returns the events with adjacent chunks merged. */
    private static List<Pop3Event> feed(Consumer<Pop3Decoder> expectations, byte[] input, int... cuts) {
        Pop3Decoder d = new Pop3Decoder(LIMITS);
        expectations.accept(d);
        ByteBuf cumulation = Unpooled.buffer();
        List<Pop3Event> events = new ArrayList<>();
        int from = 0;
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = input.length;
        for (int end : ends) {
            cumulation.writeBytes(input, from, end - from);
            from = end;
            while (cumulation.isReadable()) {
                Pop3Event e = d.decode(cumulation);
                if (e == null) {
                    break;
                }
                if (e instanceof Chunk c) {
                    assertThat(c.length()).isPositive().isLessThanOrEqualTo(Pop3Decoder.MAX_CHUNK);
                }
                events.add(e);
            }
            cumulation.discardReadBytes();
        }
        assertThat(cumulation.readableBytes()).as("all input consumed").isZero();
        assertThat(d.pending()).as("no expectation left").isZero();
        return merged(events);
    }

    private static List<Pop3Event> merged(List<Pop3Event> events) {
        List<Pop3Event> out = new ArrayList<>();
        ByteArrayOutputStream body = null;
        for (Pop3Event e : events) {
            if (e instanceof Chunk c) {
                if (body == null) {
                    body = new ByteArrayOutputStream();
                }
                body.writeBytes(c.bytes());
                continue;
            }
            if (body != null) {
                out.add(new Chunk(body.toByteArray()));
                body = null;
            }
            out.add(e);
        }
        if (body != null) {
            out.add(new Chunk(body.toByteArray()));
        }
        return out;
    }

    /** Whole, every two-way split, and byte by byte must all decode to {@code expected}. */
    private static void decodesEverywhere(Consumer<Pop3Decoder> expectations, String wire, Pop3Event... expected) {
        decodesEverywhere(expectations, wire.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static void decodesEverywhere(Consumer<Pop3Decoder> expectations, byte[] input, Pop3Event... expected) {
        List<Pop3Event> want = List.of(expected);
        assertThat(feed(expectations, input)).as("whole").isEqualTo(want);
        for (int i = 1; i < input.length; i++) {
            assertThat(feed(expectations, input, i)).as("split at %d", i).isEqualTo(want);
        }
        int[] every = new int[Math.max(0, input.length - 1)];
        for (int i = 0; i < every.length; i++) {
            every[i] = i + 1;
        }
        assertThat(feed(expectations, input, every)).as("byte by byte").isEqualTo(want);
    }

    private static Chunk chunk(String s) {
        return new Chunk(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Pop3Reply ok(String text) {
        return Pop3Reply.of(true, text);
    }

    private static Pop3Reply err(String text) {
        return Pop3Reply.of(false, text);
    }

    // ------------------------------------------------------------------ status lines

    @Test
    void greetingWithApopTimestamp() {
        decodesEverywhere(d -> { }, "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n",
                ok("POP3 server ready <1896.697170952@dbc.mtview.ca.us>"));
    }

    @Test
    void errWithARespCode() {
        decodesEverywhere(d -> d.expect(Response.SINGLE), "-ERR [IN-USE] maildrop already locked\r\n",
                err("[IN-USE] maildrop already locked"));
        Pop3Reply r = err("[SYS/TEMP] try later");
        assertThat(r.respCode()).isEqualTo("SYS/TEMP");
        assertThat(r.hasRespCode("SYS")).isTrue();
        assertThat(r.hasRespCode("SYS/PERM")).isFalse();
        assertThat(r.message()).isEqualTo("try later");
        assertThat(r.line()).isEqualTo("-ERR [SYS/TEMP] try later");
        assertThat(err("[not a code] x").respCode()).isNull();
        assertThat(err("[]").respCode()).isNull();
        assertThat(ok("").line()).isEqualTo("+OK");
    }

    @Test
    void statusWithoutTextAndBareLf() {
        decodesEverywhere(d -> {
            d.expect(Response.SINGLE);
            d.expect(Response.SINGLE);
        }, "+OK\n-ERR\r\n", ok(""), err(""));
    }

    @Test
    void aLineThatIsNoStatusIsAParseFailure() {
        assertThatThrownBy(() -> feed(d -> d.expect(Response.SINGLE), "HELLO\r\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(IxpException.class,
                        e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_POP3_PARSE_FAILURE));
    }

    @Test
    void aContinuationOutsideAuthIsAParseFailure() {
        assertThatThrownBy(() -> feed(d -> d.expect(Response.SINGLE), "+ abc\r\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(IxpException.class,
                        e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_POP3_PARSE_FAILURE));
    }

    @Test
    void aStatusLineLongerThanTheLimitIsTooLarge() {
        byte[] longLine = ("+OK " + "x".repeat(600) + "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> feed(d -> d.expect(Response.SINGLE), longLine))
                .isInstanceOfSatisfying(IxpException.class,
                        e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_RESPONSE_TOO_LARGE));
        // also when the LF has not arrived yet: the decoder does not wait for ever
        byte[] unterminated = ("+OK " + "x".repeat(600)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> feed(d -> d.expect(Response.SINGLE), unterminated, 100, 300, 550))
                .isInstanceOfSatisfying(IxpException.class,
                        e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_RESPONSE_TOO_LARGE));
    }

    // ------------------------------------------------------------------ SASL

    @Test
    void saslContinuationsThenTheFinalStatus() {
        decodesEverywhere(d -> d.expect(Response.SASL), "+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+\r\n+\r\n+ \r\n+OK done\r\n",
                new Continuation("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+"), new Continuation(""),
                new Continuation(""), ok("done"));
    }

    @Test
    void saslRefused() {
        decodesEverywhere(d -> d.expect(Response.SASL), "-ERR [AUTH] no\r\n", err("[AUTH] no"));
    }

    // ------------------------------------------------------------------ multi-line, line by line

    @Test
    void capaLinesAreDestuffedAndEndAtTheDot() {
        decodesEverywhere(d -> d.expect(Response.LINES),
                "+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL PLAIN SCRAM-SHA-256\r\n..dotted\r\n.\r\n",
                ok("Capability list follows"), new Line("TOP"), new Line("USER"),
                new Line("SASL PLAIN SCRAM-SHA-256"), new Line(".dotted"), End.INSTANCE);
    }

    @Test
    void anErrEndsAMultiLineResponseAtOnceAndTheNextOneDecodes() {
        decodesEverywhere(d -> {
            d.expect(Response.LINES);
            d.expect(Response.SINGLE);
        }, "-ERR no CAPA\r\n+OK 2 320\r\n", err("no CAPA"), ok("2 320"));
    }

    @Test
    void aDataLineLongerThanTheLimitIsTooLarge() {
        byte[] in = ("+OK\r\n" + "x".repeat(600) + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> feed(d -> d.expect(Response.LINES), in))
                .isInstanceOfSatisfying(IxpException.class,
                        e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_RESPONSE_TOO_LARGE));
    }

    // ------------------------------------------------------------------ multi-line, streamed

    @Test
    void retrBodyIsDestuffedAndStreamed() {
        decodesEverywhere(d -> d.expect(Response.STREAM),
                "+OK 120 octets\r\nSubject: x\r\n\r\n..leading dot\r\n..\r\n.x\r\nlast\r\n.\r\n",
                ok("120 octets"), chunk("Subject: x\r\n\r\n.leading dot\r\n.\r\nx\r\nlast\r\n"), End.INSTANCE);
    }

    @Test
    void anEmptyBodyIsJustTheEnd() {
        decodesEverywhere(d -> d.expect(Response.STREAM), "+OK\r\n.\r\n", ok(""), End.INSTANCE);
    }

    @Test
    void pipelinedRetrThenStatThenRetr() {
        decodesEverywhere(d -> {
            d.expect(Response.STREAM);
            d.expect(Response.SINGLE);
            d.expect(Response.STREAM);
            d.expect(Response.LINES);
        }, "+OK\r\na\r\n.\r\n+OK 2 10\r\n-ERR no such message\r\n+OK\r\n1 5\r\n.\r\n",
                ok(""), chunk("a\r\n"), End.INSTANCE, ok("2 10"), err("no such message"), ok(""), new Line("1 5"),
                End.INSTANCE);
    }

    @Test
    void bodyLinesMayBeLongerThanTheLineLimitAndDotsMidLineStay() {
        String longLine = "y".repeat(2000) + ". .\r\n";
        decodesEverywhere(d -> d.expect(Response.STREAM), "+OK\r\n" + longLine + ".\r\n",
                ok(""), chunk(longLine), End.INSTANCE);
    }

    @Test
    void bareLfBodiesPassAsReceived() {
        decodesEverywhere(d -> d.expect(Response.STREAM), "+OK\na\n..b\n.\n+OK\n",
                ok(""), chunk("a\n.b\n"), End.INSTANCE, ok(""));
    }

    @Test
    void dotFollowedByCrNotLfIsDestuffedContent() {
        decodesEverywhere(d -> d.expect(Response.STREAM), "+OK\r\n.\rx\r\n.\r\n",
                ok(""), chunk("\rx\r\n"), End.INSTANCE);
    }

    @Test
    void aLargeBodyComesInBoundedChunksWithEveryByte() {
        Random random = new Random(42);
        StringBuilder body = new StringBuilder();
        while (body.length() < 300_000) {
            int len = random.nextInt(200);
            if (random.nextInt(10) == 0) {
                body.append('.');
            }
            for (int i = 0; i < len; i++) {
                body.append((char) ('a' + random.nextInt(26)));
            }
            body.append("\r\n");
        }
        String stuffed = body.toString().replace("\n.", "\n..");
        if (stuffed.startsWith(".")) {
            stuffed = "." + stuffed;
        }
        byte[] wire = ("+OK\r\n" + stuffed + ".\r\n").getBytes(StandardCharsets.US_ASCII);
        Pop3Decoder d = new Pop3Decoder(LIMITS);
        d.expect(Response.STREAM);
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunks = 0;
        assertThat(d.decode(in)).isEqualTo(ok(""));
        Pop3Event e;
        while ((e = d.decode(in)) instanceof Chunk c) {
            assertThat(c.length()).isLessThanOrEqualTo(Pop3Decoder.MAX_CHUNK);
            out.writeBytes(c.bytes());
            chunks++;
        }
        assertThat(e).isEqualTo(End.INSTANCE);
        assertThat(in.isReadable()).isFalse();
        assertThat(chunks).isGreaterThanOrEqualTo(300_000 / Pop3Decoder.MAX_CHUNK);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(body.toString());
        // and in random pieces
        int[] cuts = random.ints(200, 1, wire.length).sorted().distinct().toArray();
        assertThat(feed(x -> x.expect(Response.STREAM), wire, cuts))
                .containsExactly(ok(""), chunk(body.toString()), End.INSTANCE);
    }

    // ------------------------------------------------------------------ fuzz

    @Test
    void randomBytesEitherDecodeOrFailWithAnIxpCode() {
        Random random = new Random(7);
        byte[] alphabet = "+-OKER .\r\n[]ab".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 2000; round++) {
            byte[] in = new byte[random.nextInt(80)];
            for (int i = 0; i < in.length; i++) {
                in[i] = alphabet[random.nextInt(alphabet.length)];
            }
            Pop3Decoder d = new Pop3Decoder(LIMITS);
            for (int i = 0; i < 8; i++) {
                d.expect(Response.values()[random.nextInt(4)]);
            }
            ByteBuf buf = Unpooled.wrappedBuffer(in);
            try {
                while (buf.isReadable() && d.decode(buf) != null) {
                    // keep going
                }
            } catch (IxpException e) {
                assertThat(e.code()).isIn(IxpCode.IXP_E_POP3_PARSE_FAILURE, IxpCode.IXP_E_RESPONSE_TOO_LARGE);
            }
        }
    }
}
