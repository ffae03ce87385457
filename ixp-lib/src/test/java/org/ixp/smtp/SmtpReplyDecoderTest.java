package org.ixp.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Core unit tests of {@link SmtpReplyDecoder}: every input is fed whole, split into two parts at every byte
 * boundary, and byte by byte, into one cumulating buffer as the engine does; the same replies must come out and
 * every byte must be consumed.
 */
class SmtpReplyDecoderTest {

    /** The shortest line limit allowed, so the bound is cheap to reach. */
    private static final Limits SMALL = new Limits(512, 0, 1000);
    /** At most three lines per reply. */
    private static final Limits FEW_LINES = new Limits(512, 0, 3);

    // ---------------------------------------------------------------- well-formed replies

    @Test
    void singleLine() {
        assertDecodes("220 mail.example.com ESMTP Postfix\r\n",
                new SmtpReply(220, List.of("mail.example.com ESMTP Postfix"), null));
    }

    @Test
    void multiLineEhloReply() {
        assertDecodes("250-mail.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n"
                        + "250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n",
                new SmtpReply(250, List.of("mail.example.com", "PIPELINING", "SIZE 10240000", "AUTH PLAIN LOGIN",
                        "ENHANCEDSTATUSCODES", "8BITMIME"), null));
    }

    @Test
    void codeOnlyLine() {
        assertDecodes("250\r\n", new SmtpReply(250, List.of(""), null));
    }

    @Test
    void codeAndSpaceWithoutText() {
        assertDecodes("354 \r\n", new SmtpReply(354, List.of(""), null));
    }

    @Test
    void codeOnlyLastLineAfterContinuations() {
        assertDecodes("250-first\r\n250-\r\n250\r\n", new SmtpReply(250, List.of("first", "", ""), null));
    }

    @Test
    void enhancedStatusCodeIsTaken() {
        assertDecodes("550 5.1.1 <nobody@example.com>: Recipient address rejected\r\n",
                new SmtpReply(550, List.of("5.1.1 <nobody@example.com>: Recipient address rejected"), "5.1.1"));
        assertDecodes("250 2.1.5 Ok\r\n", new SmtpReply(250, List.of("2.1.5 Ok"), "2.1.5"));
        assertDecodes("451 4.7.1 Try again later\r\n", new SmtpReply(451, List.of("4.7.1 Try again later"), "4.7.1"));
        assertDecodes("550 5.1.1\r\n", new SmtpReply(550, List.of("5.1.1"), "5.1.1"));
        assertDecodes("554 5.123.456 odd but legal\r\n",
                new SmtpReply(554, List.of("5.123.456 odd but legal"), "5.123.456"));
    }

    @Test
    void enhancedStatusCodeComesFromTheFirstLine() {
        assertDecodes("550-5.7.1 Policy rejection\r\n550 5.7.1 see https://example.com/policy\r\n",
                new SmtpReply(550, List.of("5.7.1 Policy rejection", "5.7.1 see https://example.com/policy"),
                        "5.7.1"));
        assertDecodes("250-no code here\r\n250 2.0.0 Ok\r\n",
                new SmtpReply(250, List.of("no code here", "2.0.0 Ok"), null));
    }

    @Test
    void enhancedStatusCodeIsNotTakenWhenItsClassDiffersFromTheReplyCode() {
        assertDecodes("250 5.1.1 looks like one\r\n", new SmtpReply(250, List.of("5.1.1 looks like one"), null));
        assertDecodes("550 2.0.0 wrong class\r\n", new SmtpReply(550, List.of("2.0.0 wrong class"), null));
        assertDecodes("354 3.0.0 no class 3 in RFC 3463\r\n",
                new SmtpReply(354, List.of("3.0.0 no class 3 in RFC 3463"), null));
    }

    @Test
    void enhancedStatusCodeIsNotTakenWhenMalformed() {
        assertDecodes("550 5.1.1x nope\r\n", new SmtpReply(550, List.of("5.1.1x nope"), null));
        assertDecodes("550 5.1234.1 nope\r\n", new SmtpReply(550, List.of("5.1234.1 nope"), null));
        assertDecodes("550 5.1 nope\r\n", new SmtpReply(550, List.of("5.1 nope"), null));
        assertDecodes("550 x 5.1.1 not at the start\r\n",
                new SmtpReply(550, List.of("x 5.1.1 not at the start"), null));
    }

    @Test
    void utf8Text() {
        assertDecodes("250-Grüße aus Köln ✓\r\n250 😀 done\r\n",
                new SmtpReply(250, List.of("Grüße aus Köln ✓", "😀 done"), null));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] wire = {'2', '5', '0', ' ', 'a', (byte) 0xFF, 'b', '\r', '\n'};
        assertDecodes(wire, new SmtpReply(250, List.of("a\uFFFDb"), null));
    }

    @Test
    void twoRepliesInOneBuffer() {
        assertDecodes("220 ready\r\n250-hello\r\n250 SIZE 1000\r\n",
                new SmtpReply(220, List.of("ready"), null),
                new SmtpReply(250, List.of("hello", "SIZE 1000"), null));
    }

    @Test
    void pipelinedRepliesWithDifferentCodes() {
        assertDecodes("250 2.1.0 Ok\r\n550 5.1.1 no\r\n354 go ahead\r\n",
                new SmtpReply(250, List.of("2.1.0 Ok"), "2.1.0"),
                new SmtpReply(550, List.of("5.1.1 no"), "5.1.1"),
                new SmtpReply(354, List.of("go ahead"), null));
    }

    /** Named quirk of the decoder: a bare LF ends a line as CRLF does (test servers, some appliances). */
    @Test
    void bareLfLineEndingsAreAcceptedQuirk() {
        assertDecodes("250-hello\n250 ok\n", new SmtpReply(250, List.of("hello", "ok"), null));
        assertDecodes("250-hello\r\n250 ok\n220 mixed\r\n",
                new SmtpReply(250, List.of("hello", "ok"), null),
                new SmtpReply(220, List.of("mixed"), null));
        assertDecodes("250\n", new SmtpReply(250, List.of(""), null));
    }

    @Test
    void incompleteReplyYieldsNothingYet() {
        SmtpReplyDecoder d = new SmtpReplyDecoder(SMALL);
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeBytes("250-hello\r\n250 o".getBytes(UTF_8));
            assertThat(d.decode(buf)).isNull();
            buf.writeBytes("k\r".getBytes(UTF_8));
            assertThat(d.decode(buf)).isNull();
            buf.writeBytes("\n".getBytes(UTF_8));
            assertThat(d.decode(buf)).isEqualTo(new SmtpReply(250, List.of("hello", "ok"), null));
            assertThat(d.decode(buf)).isNull();
            assertThat(buf.readableBytes()).as("all input consumed").isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void lineOfExactlyMaxLineLengthIsAccepted() {
        String text = "x".repeat(SMALL.maxLineLength() - 4);
        assertDecodes(SMALL, ("250 " + text + "\r\n").getBytes(UTF_8), new SmtpReply(250, List.of(text), null));
    }

    @Test
    void exactlyMaxReplyLinesIsAccepted() {
        assertDecodes(FEW_LINES, "250-a\r\n250-b\r\n250 c\r\n".getBytes(UTF_8),
                new SmtpReply(250, List.of("a", "b", "c"), null));
    }

    // ---------------------------------------------------------------- errors

    @ParameterizedTest
    @ValueSource(strings = {"25", "abc", "2500 x", "250x", "600 no", "199 no", "", " 250 ok", "25a ok", "2x0 ok",
            "099 no", "250_ok", "250\tok"})
    void malformedLineIsAnUnknownResponseCode(String line) {
        assertFails(SMALL, (line + "\r\n").getBytes(UTF_8), IxpCode.IXP_E_SMTP_UNKNOWN_RESPONSE_CODE);
    }

    @Test
    void malformedLineAfterGoodContinuationIsAnUnknownResponseCode() {
        assertFails(SMALL, "250-ok\r\nxyz\r\n".getBytes(UTF_8), IxpCode.IXP_E_SMTP_UNKNOWN_RESPONSE_CODE);
    }

    @Test
    void malformedLineIsReportedWithTheServerWords() {
        IxpException e = decodeExpectingFailure(new SmtpReplyDecoder(SMALL), "2500 x\r\n".getBytes(UTF_8));
        assertThat(e.code()).isEqualTo(IxpCode.IXP_E_SMTP_UNKNOWN_RESPONSE_CODE);
        assertThat(e.result().response()).isEqualTo("2500 x");
    }

    @Test
    void changingCodeMidReplyIsAProtocolError() {
        assertFails(SMALL, "250-a\r\n251 b\r\n".getBytes(UTF_8), IxpCode.IXP_E_PROTOCOL_ERROR);
        assertFails(SMALL, "250-a\r\n550 b\r\n".getBytes(UTF_8), IxpCode.IXP_E_PROTOCOL_ERROR);
        assertFails(SMALL, "250-a\r\n250-b\r\n220-c\r\n".getBytes(UTF_8), IxpCode.IXP_E_PROTOCOL_ERROR);
    }

    @Test
    void lineLongerThanMaxLineLengthIsTooLarge() {
        String text = "x".repeat(SMALL.maxLineLength() - 3); // 250 + space + text = maxLineLength + 1
        assertFails(SMALL, ("250 " + text + "\r\n").getBytes(UTF_8), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
        assertFails(SMALL, ("250 " + text + "\n").getBytes(UTF_8), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    @Test
    void lineLongerThanMaxLineLengthIsTooLargeBeforeItsLfArrives() {
        byte[] wire = ("250 " + "x".repeat(SMALL.maxLineLength() - 1)).getBytes(UTF_8);
        assertThat(wire).hasSize(SMALL.maxLineLength() + 3);
        assertFails(SMALL, wire, IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    @Test
    void lineLongerThanMaxLineLengthIsTooLargeWithDefaultLimits() {
        byte[] wire = ("250 " + "x".repeat(Limits.DEFAULT.maxLineLength() - 1)).getBytes(UTF_8);
        SmtpReplyDecoder d = new SmtpReplyDecoder(Limits.DEFAULT);
        IxpException e = decodeExpectingFailure(d, wire);
        assertThat(e.code()).as("no LF after %d bytes", wire.length).isEqualTo(IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    @Test
    void moreLinesThanMaxReplyLinesIsTooLarge() {
        assertFails(FEW_LINES, "250-a\r\n250-b\r\n250-c\r\n250 d\r\n".getBytes(UTF_8),
                IxpCode.IXP_E_RESPONSE_TOO_LARGE);
        assertFails(FEW_LINES, "250-a\r\n250-b\r\n250-c\r\n250-d\r\n".getBytes(UTF_8),
                IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    @Test
    void replyLineCountIsPerReply() {
        // 3 + 3 lines: each reply is within the limit of 3.
        assertDecodes(FEW_LINES, "250-a\r\n250-b\r\n250 c\r\n250-d\r\n250-e\r\n250 f\r\n".getBytes(UTF_8),
                new SmtpReply(250, List.of("a", "b", "c"), null),
                new SmtpReply(250, List.of("d", "e", "f"), null));
    }

    // ---------------------------------------------------------------- harness

    private static void assertDecodes(String wire, SmtpReply... expected) {
        assertDecodes(SMALL, wire.getBytes(UTF_8), expected);
    }

    private static void assertDecodes(byte[] wire, SmtpReply... expected) {
        assertDecodes(SMALL, wire, expected);
    }

    private static void assertDecodes(Limits limits, byte[] wire, SmtpReply... expected) {
        List<SmtpReply> want = Arrays.asList(expected);
        assertThat(feed(limits, List.of(wire))).as("fed whole").isEqualTo(want);
        for (int at = 0; at <= wire.length; at++) {
            assertThat(feed(limits, List.of(Arrays.copyOfRange(wire, 0, at), Arrays.copyOfRange(wire, at,
                    wire.length)))).as("split at %d", at).isEqualTo(want);
        }
        assertThat(feed(limits, bytewise(wire))).as("fed byte by byte").isEqualTo(want);
    }

    /** Feeds the parts into one cumulating buffer, decoding after each; asserts all input was consumed. */
    private static List<SmtpReply> feed(Limits limits, List<byte[]> parts) {
        SmtpReplyDecoder decoder = new SmtpReplyDecoder(limits);
        ByteBuf buf = Unpooled.buffer();
        List<SmtpReply> out = new ArrayList<>();
        try {
            for (byte[] part : parts) {
                buf.writeBytes(part);
                SmtpReply r;
                while ((r = decoder.decode(buf)) != null) {
                    out.add(r);
                }
            }
            assertThat(buf.readableBytes()).as("all input consumed").isZero();
            return out;
        } finally {
            buf.release();
        }
    }

    private static void assertFails(Limits limits, byte[] wire, IxpCode code) {
        assertThat(failure(limits, List.of(wire))).as("fed whole").isEqualTo(code);
        for (int at = 0; at <= wire.length; at++) {
            assertThat(failure(limits, List.of(Arrays.copyOfRange(wire, 0, at), Arrays.copyOfRange(wire, at,
                    wire.length)))).as("split at %d", at).isEqualTo(code);
        }
        assertThat(failure(limits, bytewise(wire))).as("fed byte by byte").isEqualTo(code);
    }

    /** The code of the IxpException the parts provoke, or {@code null} if none was thrown. */
    private static IxpCode failure(Limits limits, List<byte[]> parts) {
        SmtpReplyDecoder decoder = new SmtpReplyDecoder(limits);
        ByteBuf buf = Unpooled.buffer();
        try {
            Throwable t = catchThrowable(() -> {
                for (byte[] part : parts) {
                    buf.writeBytes(part);
                    while (decoder.decode(buf) != null) {
                        // keep going until the decoder needs more or fails
                    }
                }
            });
            if (t == null) {
                return null;
            }
            assertThat(t).isInstanceOf(IxpException.class);
            return ((IxpException) t).code();
        } finally {
            buf.release();
        }
    }

    private static IxpException decodeExpectingFailure(SmtpReplyDecoder decoder, byte[] wire) {
        ByteBuf buf = Unpooled.wrappedBuffer(wire);
        try {
            Throwable t = catchThrowable(() -> {
                while (decoder.decode(buf) != null) {
                    // drain
                }
            });
            assertThat(t).isInstanceOf(IxpException.class);
            return (IxpException) t;
        } finally {
            buf.release();
        }
    }

    private static List<byte[]> bytewise(byte[] wire) {
        List<byte[]> parts = new ArrayList<>(wire.length);
        for (byte b : wire) {
            parts.add(new byte[] {b});
        }
        return parts;
    }
}
