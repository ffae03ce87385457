package org.ixp.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.ixp.imap.DecoderHarness.SMALL;
import static org.ixp.imap.DecoderHarness.assertDecodes;
import static org.ixp.imap.DecoderHarness.assertFails;
import static org.ixp.imap.DecoderHarness.bytes;
import static org.ixp.imap.DecoderHarness.decodeAll;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.ixp.imap.ImapEvent.Exists;
import org.ixp.imap.ImapEvent.FetchBodyStart;
import org.ixp.imap.ImapEvent.Malformed;
import org.ixp.imap.ImapEvent.Tagged;
import org.junit.jupiter.api.Test;

/**
 * Core unit tests of {@link ImapDecoder}'s framing: resumption, literals, bounds and the errors that end a session.
 */
class ImapDecoderTest {

    // ---------------------------------------------------------------- resumption

    @Test
    void incompleteResponseYieldsNothingYet() {
        ImapDecoder d = new ImapDecoder(SMALL);
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeBytes(bytes("* 2 EXI"));
            assertThat(d.decode(buf)).isNull();
            buf.writeBytes(bytes("STS\r"));
            assertThat(d.decode(buf)).isNull();
            buf.writeBytes(bytes("\n* LIST () \"/\" {3}\r\nab"));
            assertThat(d.decode(buf)).isEqualTo(new Exists(2));
            assertThat(d.decode(buf)).isNull();
            buf.writeBytes(bytes("c\r\n"));
            assertThat(d.decode(buf)).isInstanceOf(ImapEvent.MailboxListing.class);
            assertThat(d.decode(buf)).isNull();
            assertThat(buf.readableBytes()).as("all input consumed").isZero();
        } finally {
            buf.release();
        }
    }

    /** One line can yield several events; they come out one per call, the buffer already empty. */
    @Test
    void severalEventsFromOneLineComeOutWithTheBufferEmpty() {
        ImapDecoder d = new ImapDecoder(SMALL);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes("* 1 FETCH (BODY[1] \"a\" BODY[2] NIL)\r\n"));
        try {
            assertThat(d.decode(buf)).isInstanceOf(FetchBodyStart.class);
            assertThat(buf.readableBytes()).isZero();
            assertThat(d.decode(buf)).isInstanceOf(ImapEvent.FetchBodyChunk.class);
            assertThat(d.decode(buf)).isInstanceOf(FetchBodyStart.class);
            assertThat(d.decode(buf)).isInstanceOf(ImapEvent.FetchBodyChunk.class);
            assertThat(d.decode(buf)).isInstanceOf(ImapEvent.Fetch.class);
            assertThat(d.decode(buf)).isNull();
        } finally {
            buf.release();
        }
    }

    /** A long line trickling in is searched for its end once, not once per arrival. */
    @Test
    void longLineIsScannedOnce() {
        int n = 60_000;
        byte[] wire = bytes("* SEARCH" + " 7".repeat(n / 2) + "\r\n");
        ImapDecoder d = new ImapDecoder(Limits.DEFAULT);
        ByteBuf buf = Unpooled.buffer();
        try {
            ImapEvent e = null;
            for (byte b : wire) {
                buf.writeByte(b);
                ImapEvent got = d.decode(buf);
                e = got == null ? e : got;
            }
            assertThat(((ImapEvent.Search) e).numbers()).hasSize(n / 2);
            assertThat(d.examinedBytes()).isEqualTo(wire.length);
        } finally {
            buf.release();
        }
    }

    @Test
    void crAndLfSplitAcrossReads() {
        assertDecodes("a1 OK a\r\na2 OK b\r\n", new Tagged("a1", ImapStatus.OK, null, "a"),
                new Tagged("a2", ImapStatus.OK, null, "b"));
    }

    // ---------------------------------------------------------------- literal framing

    @Test
    void literalLikeTextThatIsNotALiteral() {
        // "{12a}", "{}" and "{+}" are not literal headers: the line is text (here a broken LIST).
        List<ImapEvent> events = decodeAll("* OK see {12a}\r\n* OK {}\r\n* OK {+}\r\n* LIST () \"/\" {x}\r\n"
                + "* 1 EXISTS\r\n");
        assertThat(events.get(0)).isEqualTo(new ImapEvent.Condition(ImapStatus.OK, null, "see {12a}"));
        assertThat(events.get(1)).isEqualTo(new ImapEvent.Condition(ImapStatus.OK, null, "{}"));
        assertThat(events.get(2)).isEqualTo(new ImapEvent.Condition(ImapStatus.OK, null, "{+}"));
        assertThat(events.get(3)).isInstanceOf(Malformed.class);
        assertThat(events.get(4)).isEqualTo(new Exists(1));
    }

    /** Status text that happens to end like a literal is framed as one (as every IMAP parser must) and kept. */
    @Test
    void statusTextEndingInALiteralHeaderKeepsTheLiteralAsText() {
        assertDecodes("* OK [ALERT] {5}\r\nhello\r\n", new ImapEvent.Condition(ImapStatus.OK, ResponseCode.ALERT,
                "{5}\r\nhello"));
    }

    @Test
    void literalSizeOverflowIsAProtocolError() {
        assertFails(SMALL, bytes("* LIST () \"/\" {99999999999999999999}\r\n"), IxpCode.IXP_E_PROTOCOL_ERROR);
        assertFails(SMALL, bytes("* 1 FETCH (BODY[] {9223372036854775808}\r\n"), IxpCode.IXP_E_PROTOCOL_ERROR);
    }

    // ---------------------------------------------------------------- bounds

    @Test
    void lineOfExactlyMaxLineLengthIsAccepted() {
        String text = "x".repeat(SMALL.maxLineLength() - 5);
        assertDecodes(SMALL, bytes("a OK " + text + "\r\n"), new Tagged("a", ImapStatus.OK, null, text));
    }

    @Test
    void lineLongerThanMaxLineLengthIsTooLarge() {
        String text = "x".repeat(SMALL.maxLineLength() - 4);
        assertFails(SMALL, bytes("a OK " + text + "\r\n"), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
        assertFails(SMALL, bytes("a OK " + text + "\n"), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    @Test
    void lineLongerThanMaxLineLengthIsTooLargeBeforeItsLfArrives() {
        assertFails(SMALL, bytes("a OK " + "x".repeat(SMALL.maxLineLength())), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    /** The bound covers the whole response: its lines and its small literals. */
    @Test
    void responseBoundSpansSmallLiterals() {
        int max = SMALL.maxLineLength();
        String head = "* LIST () \"/\" {";
        // head + digits + "}" + literal == max + 1
        int lit = max + 1 - head.length() - 4;
        assertFails(SMALL, bytes(head + lit + "}\r\n" + "a".repeat(lit) + "\r\n"), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
        String ok = "a".repeat(lit - 1);
        assertDecodes(SMALL, bytes(head + (lit - 1) + "}\r\n" + ok + "\r\n"),
                new ImapEvent.MailboxListing(ImapEvent.ListKind.LIST, List.of(), '/', ok, ok, java.util.Map.of()));
        // a second segment after the literal counts too
        assertFails(SMALL, bytes("* LIST () \"/\" {3}\r\nabc (\"X\" " + "(" + "\"y\" ".repeat(max / 4) + "))\r\n"),
                IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    /** A huge literal is refused at its header, with none of its octets sent and nothing allocated. */
    @Test
    void hugeSmallLiteralIsRefusedAtItsHeader() {
        assertFails(Limits.DEFAULT, bytes("* LIST () \"/\" {2147483648}\r\n"), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
        assertFails(SMALL, bytes("* 1 FETCH (ENVELOPE (NIL {100000}\r\n"), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    @Test
    void hugeBodyLiteralIsRefusedAtItsHeader() {
        assertFails(SMALL, bytes("* 1 FETCH (BODY[] {2147483648}\r\n"), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
        assertFails(SMALL, bytes("* 1 FETCH (BODY[] {" + (SMALL.maxLiteralSize() + 1) + "}\r\n"),
                IxpCode.IXP_E_RESPONSE_TOO_LARGE);
        assertFails(Limits.DEFAULT, bytes("* 1 FETCH (BODY[] {2147483649}\r\n"), IxpCode.IXP_E_RESPONSE_TOO_LARGE);
    }

    @Test
    void bodyLiteralAtTheLimitStreams() {
        ImapDecoder d = new ImapDecoder(Limits.DEFAULT);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes("* 1 FETCH (BODY[] {2147483648}\r\nabc"));
        try {
            assertThat(d.decode(buf)).isEqualTo(new FetchBodyStart(1, new BodySection("BODY", "", null), 1L << 31));
            assertThat(d.decode(buf)).isEqualTo(new ImapEvent.FetchBodyChunk(1, 0, bytes("abc"), false));
            assertThat(d.decode(buf)).isNull();
            assertThat(d.heldBytes()).isLessThan(100);
        } finally {
            buf.release();
        }
    }

    @Test
    void failuresAreSticky() {
        ImapDecoder d = new ImapDecoder(SMALL);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes("* LIST () \"/\" {99999999999999999999}\r\n* 1 EXISTS\r\n"));
        try {
            IxpException first = (IxpException) catchThrowable(() -> d.decode(buf));
            assertThat(first.code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
            assertThat(catchThrowable(() -> d.decode(buf))).isSameAs(first);
        } finally {
            buf.release();
        }
    }

    @Test
    void tooLargeNamesTheLimit() {
        IxpCode code = DecoderHarness.failure(SMALL, List.of(bytes("a OK " + "x".repeat(600) + "\r\n")));
        assertThat(code).isEqualTo(IxpCode.IXP_E_RESPONSE_TOO_LARGE);
        ImapDecoder d = new ImapDecoder(SMALL);
        ByteBuf buf = Unpooled.wrappedBuffer(bytes("a OK " + "x".repeat(600) + "\r\n"));
        try {
            assertThat(catchThrowable(() -> d.decode(buf))).hasMessageContaining("512");
        } finally {
            buf.release();
        }
    }

    @Test
    void eightBitTextIsUtf8AndBrokenUtf8IsReplaced() {
        byte[] wire = {'a', ' ', 'O', 'K', ' ', (byte) 0xC3, (byte) 0xBC, ' ', (byte) 0xFF, '\r', '\n'};
        DecoderHarness.assertDecodes(SMALL, wire, new Tagged("a", ImapStatus.OK, null, "ü \uFFFD"));
        assertThat(new String(wire, UTF_8)).contains("ü");
    }
}
