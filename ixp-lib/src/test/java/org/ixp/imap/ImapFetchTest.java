package org.ixp.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.DecoderHarness.assertDecodes;
import static org.ixp.imap.DecoderHarness.decodeAll;
import static org.ixp.imap.DecoderHarness.decodeOne;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.ixp.imap.BodyStructure.Disposition;
import org.ixp.imap.BodyStructure.Extension;
import org.ixp.imap.BodyStructure.Multipart;
import org.ixp.imap.BodyStructure.Part;
import org.ixp.imap.ImapEvent.Exists;
import org.ixp.imap.ImapEvent.Fetch;
import org.ixp.imap.ImapEvent.FetchBodyChunk;
import org.ixp.imap.ImapEvent.FetchBodyStart;
import org.ixp.imap.ImapEvent.Malformed;
import org.ixp.imap.ImapEvent.Tagged;
import org.junit.jupiter.api.Test;

/**
 * Core unit tests of FETCH decoding: every data item, ENVELOPE, BODYSTRUCTURE with extension data, and body data
 * streamed as parts; each fed whole, split at every boundary and byte by byte (see {@link DecoderHarness}).
 */
class ImapFetchTest {

    private static final ImapAddress GRAY = new ImapAddress("Terry Gray", null, "gray", "cac.washington.edu");

    // ---------------------------------------------------------------- simple items

    @Test
    void flagsUidSizeAndInternalDate() {
        assertDecodes("* 1 FETCH (UID 101 FLAGS (\\Seen \\Recent $Junk) RFC822.SIZE 2345 "
                        + "INTERNALDATE \"17-Jul-1996 02:44:25 -0700\")\r\n",
                new Fetch(1, List.of(new FetchItem.Uid(101),
                        new FetchItem.Flags(List.of("\\Seen", "\\Recent", "$Junk")),
                        new FetchItem.Rfc822Size(2345),
                        new FetchItem.InternalDate("17-Jul-1996 02:44:25 -0700",
                                OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7))))));
    }

    @Test
    void internalDateWithSpacePaddedDay() {
        Fetch f = (Fetch) decodeOne("* 2 FETCH (INTERNALDATE \" 7-Feb-2024 23:05:00 +0100\")\r\n");
        assertThat(f.internalDate()).hasValue(OffsetDateTime.of(2024, 2, 7, 23, 5, 0, 0, ZoneOffset.ofHours(1)));
    }

    @Test
    void sixtyFourBitSizeAndModSeqAreNeverTruncated() {
        Fetch f = (Fetch) decodeOne("* 3 FETCH (RFC822.SIZE 5000000000 MODSEQ (9223372036854775807) UID "
                + "4294967295)\r\n");
        assertThat(f.rfc822Size()).hasValue(5_000_000_000L);
        assertThat(f.modSeq()).hasValue(Long.MAX_VALUE);
        assertThat(f.uid()).hasValue(4294967295L);
    }

    @Test
    void emailIdThreadIdAndPreview() {
        assertDecodes("* 1 FETCH (EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9) PREVIEW \"Hi there\")\r\n"
                        + "* 2 FETCH (THREADID NIL PREVIEW NIL)\r\n",
                new Fetch(1, List.of(new FetchItem.EmailId("M6d99ac3275bb4e"),
                        new FetchItem.ThreadId("T64b478a75b7ea9"), new FetchItem.Preview("Hi there"))),
                new Fetch(2, List.of(new FetchItem.ThreadId(null), new FetchItem.Preview(null))));
    }

    @Test
    void gmailExtensionItemsAreKeptRaw() {
        assertDecodes("* 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-LABELS (\\Inbox \\Sent Important "
                        + "\"Muy Importante\") UID 1 MODSEQ (9876543) FLAGS ())\r\n",
                new Fetch(1, List.of(
                        new FetchItem.Other("X-GM-THRID", new ImapValue.Atom("1278455344230334865")),
                        new FetchItem.Other("X-GM-LABELS", new ImapValue.ListValue(List.of(
                                new ImapValue.Atom("\\Inbox"), new ImapValue.Atom("\\Sent"),
                                new ImapValue.Atom("Important"), new ImapValue.Text("Muy Importante")))),
                        new FetchItem.Uid(1), new FetchItem.ModSeq(9876543), new FetchItem.Flags(List.of()))));
    }

    /** Quirk: extra spaces inside the item list (Exchange). */
    @Test
    void extraSpacesQuirk() {
        assertDecodes("* 1 FETCH ( UID 5  FLAGS (\\Seen ) )\r\n",
                new Fetch(1, List.of(new FetchItem.Uid(5), new FetchItem.Flags(List.of("\\Seen")))));
    }

    @Test
    void unsolicitedFlagsUpdate() {
        assertDecodes("* 14 FETCH (FLAGS (\\Seen \\Deleted))\r\n",
                new Fetch(14, List.of(new FetchItem.Flags(List.of("\\Seen", "\\Deleted")))));
    }

    // ---------------------------------------------------------------- ENVELOPE

    /** The example of RFC 3501 §8. */
    @Test
    void rfc3501Envelope() {
        Fetch f = (Fetch) decodeOne("* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
                + "RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
                + "\"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) "
                + "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
                + "\"<B27397-0100000@cac.washington.edu>\") "
                + "BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n");
        Envelope e = f.envelope().orElseThrow();
        assertThat(e).isEqualTo(new Envelope("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)",
                OffsetDateTime.of(1996, 7, 17, 2, 23, 25, 0, ZoneOffset.ofHours(-7)),
                "IMAP4rev1 WG mtg summary and minutes", List.of(GRAY), List.of(GRAY), List.of(GRAY),
                List.of(new ImapAddress(null, null, "imap", "cac.washington.edu")),
                List.of(new ImapAddress(null, null, "minutes", "CNRI.Reston.VA.US"),
                        new ImapAddress("John Klensin", null, "KLENSIN", "MIT.EDU")),
                List.of(), null, "<B27397-0100000@cac.washington.edu>"));
        assertThat(e.to().get(0).email()).isEqualTo("imap@cac.washington.edu");
        assertThat(f.bodyStructure()).hasValue(new Part("TEXT", "PLAIN", Map.of("charset", "US-ASCII"), null, null,
                "7BIT", 3028, 92L, null, null, null));
        assertThat(f.item(FetchItem.Structure.class).orElseThrow().extensible()).isFalse();
        assertThat(f.flags()).hasValue(List.of("\\Seen"));
        assertThat(f.rfc822Size()).hasValue(4286);
    }

    @Test
    void envelopeWithAllNil() {
        Fetch f = (Fetch) decodeOne("* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
        assertThat(f.envelope()).hasValue(new Envelope(null, null, null, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), null, null));
    }

    @Test
    void envelopeGroupsAndQuotedNamesWithEscapes() {
        Fetch f = (Fetch) decodeOne("* 1 FETCH (ENVELOPE (\"Mon, 7 Jan 2019 10:00 GMT\" \"Re: \\\"quoted\\\" \\\\ "
                + "subject\" ((\"Doe, \\\"Johnny\\\" J.\" NIL \"john\" \"example.com\")) NIL NIL "
                + "((NIL NIL \"team\" NIL)(\"Ann\" NIL \"ann\" \"example.org\")(NIL NIL \"bob\" \"example.org\")"
                + "(NIL NIL NIL NIL)) ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL "
                + "\"<parent@example.com>\" \"<id@example.com>\"))\r\n");
        Envelope e = f.envelope().orElseThrow();
        assertThat(e.subject()).isEqualTo("Re: \"quoted\" \\ subject");
        assertThat(e.date()).isEqualTo(OffsetDateTime.of(2019, 1, 7, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(e.from()).containsExactly(new ImapAddress("Doe, \"Johnny\" J.", null, "john", "example.com"));
        assertThat(e.to()).hasSize(4);
        assertThat(e.to().get(0).isGroupStart()).isTrue();
        assertThat(e.to().get(0).mailbox()).isEqualTo("team");
        assertThat(e.to().get(1).email()).isEqualTo("ann@example.org");
        assertThat(e.to().get(3).isGroupEnd()).isTrue();
        assertThat(e.cc()).extracting(ImapAddress::isGroupStart).containsExactly(true, false);
        assertThat(e.inReplyTo()).isEqualTo("<parent@example.com>");
        assertThat(e.messageId()).isEqualTo("<id@example.com>");
    }

    @Test
    void envelopeWithLiteralSubjectAndUtf8() {
        String subject = "Grüße\r\n(continued) \"x\"";
        int octets = subject.getBytes(UTF_8).length;
        Fetch f = (Fetch) decodeOne("* 1 FETCH (UID 7 ENVELOPE (NIL {" + octets + "}\r\n" + subject
                + " NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
        assertThat(f.envelope().orElseThrow().subject()).isEqualTo(subject);
        assertThat(f.uid()).hasValue(7);
    }

    /** Quirk: {@code ()} for an empty address list (Exchange). */
    @Test
    void emptyAddressListQuirk() {
        Fetch f = (Fetch) decodeOne("* 1 FETCH (ENVELOPE (NIL \"s\" () NIL NIL NIL NIL NIL NIL NIL))\r\n");
        assertThat(f.envelope().orElseThrow().from()).isEmpty();
    }

    @Test
    void unparseableEnvelopeDateKeepsItsText() {
        Fetch f = (Fetch) decodeOne("* 1 FETCH (ENVELOPE (\"sometime soon\" NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
        assertThat(f.envelope().orElseThrow().dateText()).isEqualTo("sometime soon");
        assertThat(f.envelope().orElseThrow().date()).isNull();
    }

    // ---------------------------------------------------------------- BODYSTRUCTURE

    @Test
    void multipartAlternativeWithExtensionData() {
        Fetch f = (Fetch) decodeOne("* 9 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL "
                + "\"quoted-printable\" 1315 42 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL "
                + "\"quoted-printable\" 12345 300 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"b1\") NIL NIL "
                + "NIL))\r\n");
        Extension none = new Extension(Map.of(), null, null, List.of(), null, List.of());
        assertThat(f.bodyStructure()).hasValue(new Multipart(List.of(
                new Part("text", "plain", Map.of("charset", "utf-8"), null, null, "quoted-printable", 1315, 42L,
                        null, null, none),
                new Part("text", "html", Map.of("charset", "utf-8"), null, null, "quoted-printable", 12345, 300L,
                        null, null, none)),
                "alternative", new Extension(Map.of("boundary", "b1"), null, null, List.of(), null, List.of())));
        assertThat(f.bodyStructure().orElseThrow().mimeType()).isEqualTo("multipart/alternative");
        assertThat(f.item(FetchItem.Structure.class).orElseThrow().extensible()).isTrue();
    }

    @Test
    void multipartMixedWithAttachmentAndEveryExtensionField() {
        Fetch f = (Fetch) decodeOne("* 9 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL "
                + "NIL \"7BIT\" 24 1 NIL NIL NIL NIL)(\"APPLICATION\" \"PDF\" (\"NAME\" \"report.pdf\") \"<p1@x>\" "
                + "\"Report\" \"BASE64\" 4096 \"bWQ1\" (\"attachment\" (\"filename\" \"report.pdf\" \"size\" "
                + "\"3000\")) (\"en\" \"de\") \"http://example.com/r.pdf\" \"extra\" 42 (\"a\" (\"b\")))"
                + " \"MIXED\" (\"BOUNDARY\" \"----=_Part_0\") (\"inline\" NIL) \"en\" NIL))\r\n");
        Multipart m = (Multipart) f.bodyStructure().orElseThrow();
        assertThat(m.subtype()).isEqualTo("MIXED");
        assertThat(m.extension()).isEqualTo(new Extension(Map.of("boundary", "----=_Part_0"), null,
                new Disposition("inline", Map.of()), List.of("en"), null, List.of()));
        Part pdf = (Part) m.parts().get(1);
        assertThat(pdf).isEqualTo(new Part("APPLICATION", "PDF", Map.of("name", "report.pdf"), "<p1@x>", "Report",
                "BASE64", 4096, null, null, null, new Extension(Map.of(), "bWQ1",
                new Disposition("attachment", Map.of("filename", "report.pdf", "size", "3000")),
                List.of("en", "de"), "http://example.com/r.pdf", List.of(new ImapValue.Text("extra"),
                new ImapValue.Atom("42"), new ImapValue.ListValue(List.of(new ImapValue.Text("a"),
                new ImapValue.ListValue(List.of(new ImapValue.Text("b")))))))));
        assertThat(pdf.mimeType()).isEqualTo("application/pdf");
    }

    @Test
    void attachedMessage() {
        Fetch f = (Fetch) decodeOne("* 4 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL "
                + "NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 1234 (NIL \"inner\" NIL NIL NIL NIL NIL NIL "
                + "NIL \"<inner@x>\") ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 5 1 NIL NIL NIL NIL)(\"image\" "
                + "\"png\" NIL NIL NIL \"base64\" 700 NIL (\"inline\" NIL) NIL NIL) \"related\" NIL NIL NIL NIL) 30 "
                + "NIL NIL NIL NIL) \"mixed\" NIL NIL NIL NIL))\r\n");
        Multipart m = (Multipart) f.bodyStructure().orElseThrow();
        Part msg = (Part) m.parts().get(1);
        assertThat(msg.mimeType()).isEqualTo("message/rfc822");
        assertThat(msg.envelope().subject()).isEqualTo("inner");
        assertThat(msg.lines()).isEqualTo(30L);
        Multipart inner = (Multipart) msg.message();
        assertThat(inner.subtype()).isEqualTo("related");
        assertThat(((Part) inner.parts().get(1)).extension().disposition().type()).isEqualTo("inline");
    }

    /** Quirks: NIL encoding, {@code ()} parameters, a text part without lines, message/rfc822 without its envelope. */
    @Test
    void bodyStructureQuirks() {
        Fetch f = (Fetch) decodeOne("* 1 FETCH (BODY ((\"text\" \"plain\" () NIL NIL NIL 10)(\"message\" "
                + "\"rfc822\" NIL NIL NIL \"7bit\" 99) \"mixed\"))\r\n");
        Multipart m = (Multipart) f.bodyStructure().orElseThrow();
        assertThat(m.extension()).isNull();
        Part text = (Part) m.parts().get(0);
        assertThat(text.encoding()).isNull();
        assertThat(text.lines()).isNull();
        assertThat(text.params()).isEmpty();
        assertThat(((Part) m.parts().get(1)).envelope()).isNull();
    }

    @Test
    void bodyStructureNestedTooDeepIsAnInvalidItem() {
        String deep = "(".repeat(150) + "\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1" + ")".repeat(150);
        Fetch f = (Fetch) decodeOne("* 1 FETCH (UID 3 BODYSTRUCTURE " + deep + ")\r\n");
        assertThat(f.uid()).hasValue(3);
        assertThat(f.items().get(1)).isInstanceOf(FetchItem.Invalid.class);
    }

    // ---------------------------------------------------------------- body data, streamed

    @Test
    void wholeMessageAsLiteral() {
        String msg = "Subject: hi\r\n\r\nHello!\r\n";
        BodySection all = new BodySection("BODY", "", null);
        assertDecodes("* 1 FETCH (UID 5 BODY[] {" + msg.length() + "}\r\n" + msg + ")\r\na1 OK done\r\n",
                new FetchBodyStart(1, all, msg.length()),
                new FetchBodyChunk(1, 0, msg.getBytes(UTF_8), true),
                new Fetch(1, List.of(new FetchItem.Uid(5), new FetchItem.Body(all, msg.length(), false))),
                new Tagged("a1", ImapStatus.OK, null, "done"));
    }

    @Test
    void partialFetch() {
        BodySection s = new BodySection("BODY", "", 0L);
        assertDecodes("* 2 FETCH (BODY[]<0> {10}\r\n0123456789 UID 8)\r\n",
                new FetchBodyStart(2, s, 10),
                new FetchBodyChunk(2, 0, "0123456789".getBytes(UTF_8), true),
                new Fetch(2, List.of(new FetchItem.Body(s, 10, false), new FetchItem.Uid(8))));
        BodySection part = new BodySection("BODY", "2.2", 1024L);
        assertThat(part.tag()).isEqualTo("BODY[2.2]<1024>");
        assertDecodes("* 3 FETCH (BODY[2.2]<1024> {3}\r\nabc)\r\n",
                new FetchBodyStart(3, part, 3), new FetchBodyChunk(3, 0, "abc".getBytes(UTF_8), true),
                new Fetch(3, List.of(new FetchItem.Body(part, 3, false))));
    }

    @Test
    void headerFieldsSectionWithSpacesAndParentheses() {
        String hdr = "Subject: x\r\nFrom: y\r\n\r\n";
        BodySection s = new BodySection("BODY", "HEADER.FIELDS (SUBJECT FROM)", null);
        assertThat(s.contractTag()).isEqualTo("BODY[HEADER.FIELDS");
        assertDecodes("* 4 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT FROM)] {" + hdr.length() + "}\r\n" + hdr
                        + " FLAGS (\\Seen))\r\n",
                new FetchBodyStart(4, s, hdr.length()), new FetchBodyChunk(4, 0, hdr.getBytes(UTF_8), true),
                new Fetch(4, List.of(new FetchItem.Uid(1), new FetchItem.Body(s, hdr.length(), false),
                        new FetchItem.Flags(List.of("\\Seen")))));
    }

    @Test
    void twoBodiesAndASmallLiteralInOneFetch() {
        BodySection header = new BodySection("BODY", "HEADER", null);
        BodySection text = new BodySection("BODY", "TEXT", null);
        List<ImapEvent> events = decodeAll("* 5 FETCH (BODY[HEADER] {4}\r\nH\r\n\r BODY[TEXT] {2}\r\nT! "
                + "ENVELOPE (NIL {3}\r\nsub NIL NIL NIL NIL NIL NIL NIL NIL) UID 3)\r\n");
        assertThat(events).containsExactly(
                new FetchBodyStart(5, header, 4), new FetchBodyChunk(5, 0, "H\r\n\r".getBytes(UTF_8), true),
                new FetchBodyStart(5, text, 2), new FetchBodyChunk(5, 0, "T!".getBytes(UTF_8), true),
                new Fetch(5, List.of(new FetchItem.Body(header, 4, false), new FetchItem.Body(text, 2, false),
                        new FetchItem.EnvelopeItem(new Envelope(null, null, "sub", List.of(), List.of(), List.of(),
                                List.of(), List.of(), List.of(), null, null)), new FetchItem.Uid(3))));
    }

    @Test
    void zeroLengthAndNonSynchronizingLiterals() {
        BodySection all = new BodySection("BODY", "", null);
        assertDecodes("* 6 FETCH (BODY[] {0}\r\n UID 1)\r\n* 7 FETCH (BODY[] {2+}\r\nok)\r\n",
                new FetchBodyStart(6, all, 0), new FetchBodyChunk(6, 0, new byte[0], true),
                new Fetch(6, List.of(new FetchItem.Body(all, 0, false), new FetchItem.Uid(1))),
                new FetchBodyStart(7, all, 2), new FetchBodyChunk(7, 0, "ok".getBytes(UTF_8), true),
                new Fetch(7, List.of(new FetchItem.Body(all, 2, false))));
    }

    @Test
    void zeroLengthSmallLiteral() {
        Fetch f = (Fetch) decodeOne("* 1 FETCH (ENVELOPE (NIL {0}\r\n NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
        assertThat(f.envelope().orElseThrow().subject()).isEmpty();
    }

    @Test
    void binaryLiteral8WithNulAndBinarySize() {
        byte[] data = {0, 1, 2, (byte) 0xff, '\r', '\n', 0};
        BodySection s = new BodySection("BINARY", "1", null);
        byte[] wire = concat("* 8 FETCH (BINARY.SIZE[1] 7 BINARY[1] ~{7}\r\n", data, ")\r\n");
        DecoderHarness.assertDecodes(DecoderHarness.ROOMY, wire,
                new FetchBodyStart(8, s, 7), new FetchBodyChunk(8, 0, data, true),
                new Fetch(8, List.of(new FetchItem.BinarySize("1", 7), new FetchItem.Body(s, 7, false))));
    }

    @Test
    void rfc822ItemsStream() {
        BodySection rfc822 = new BodySection("RFC822", null, null);
        BodySection header = new BodySection("RFC822.HEADER", null, null);
        assertDecodes("* 1 FETCH (RFC822 {3}\r\nabc RFC822.HEADER {2}\r\nxy)\r\n",
                new FetchBodyStart(1, rfc822, 3), new FetchBodyChunk(1, 0, "abc".getBytes(UTF_8), true),
                new FetchBodyStart(1, header, 2), new FetchBodyChunk(1, 0, "xy".getBytes(UTF_8), true),
                new Fetch(1, List.of(new FetchItem.Body(rfc822, 3, false), new FetchItem.Body(header, 2, false))));
    }

    /** Body data sent as a quoted string or NIL arrives the same way as a literal. */
    @Test
    void quotedAndNilBodiesArriveAsParts() {
        BodySection one = new BodySection("BODY", "1", null);
        BodySection two = new BodySection("BODY", "2", null);
        assertDecodes("* 2 FETCH (BODY[1] \"hello \\\"world\\\"\" BODY[2] NIL UID 4)\r\n",
                new FetchBodyStart(2, one, 13), new FetchBodyChunk(2, 0, "hello \"world\"".getBytes(UTF_8), true),
                new FetchBodyStart(2, two, 0), new FetchBodyChunk(2, 0, new byte[0], true),
                new Fetch(2, List.of(new FetchItem.Body(one, 13, false), new FetchItem.Body(two, 0, true),
                        new FetchItem.Uid(4))));
    }

    @Test
    void bodyLargerThanOneChunkIsCutIntoChunks() {
        int n = ImapDecoder.MAX_CHUNK * 2 + 17;
        byte[] body = new byte[n];
        for (int i = 0; i < n; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        byte[] wire = concat("* 1 FETCH (BODY[] {" + n + "}\r\n", body, ")\r\n");
        List<ImapEvent> raw = new java.util.ArrayList<>();
        ImapDecoder d = new ImapDecoder(DecoderHarness.ROOMY);
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(wire);
        ImapEvent e;
        while ((e = d.decode(buf)) != null) {
            raw.add(e);
        }
        buf.release();
        assertThat(raw).hasSize(5); // start, 3 chunks, fetch
        assertThat(((FetchBodyChunk) raw.get(1)).data()).hasSize(ImapDecoder.MAX_CHUNK);
        assertThat(((FetchBodyChunk) raw.get(3)).data()).hasSize(17);
        assertThat(((FetchBodyChunk) raw.get(3)).offset()).isEqualTo(2L * ImapDecoder.MAX_CHUNK);
        assertThat(DecoderHarness.mergeChunks(raw).get(1)).isEqualTo(new FetchBodyChunk(1, 0, body, true));
    }

    // ---------------------------------------------------------------- broken FETCH responses

    @Test
    void brokenEnvelopeFailsOnlyThatItem() {
        List<ImapEvent> events = decodeAll("* 5 FETCH (UID 9 ENVELOPE (\"date\" \"subj\" NIL) FLAGS (\\Seen))\r\n"
                + "* 6 EXISTS\r\n");
        Fetch f = (Fetch) events.get(0);
        assertThat(f.uid()).hasValue(9);
        assertThat(f.flags()).hasValue(List.of("\\Seen"));
        assertThat(f.items().get(1)).isInstanceOf(FetchItem.Invalid.class);
        assertThat(((FetchItem.Invalid) f.items().get(1)).name()).isEqualTo("ENVELOPE");
        assertThat(events.get(1)).isEqualTo(new Exists(6));
    }

    @Test
    void brokenItemValues() {
        Fetch f = (Fetch) decodeOne("* 5 FETCH (UID abc RFC822.SIZE 99999999999999999999 MODSEQ 5 EMAILID (a b) "
                + "FLAGS (\\Seen))\r\n");
        assertThat(f.items()).extracting(i -> i.getClass().getSimpleName())
                .containsExactly("Invalid", "Invalid", "Invalid", "Invalid", "Flags");
        assertThat(((FetchItem.Invalid) f.items().get(1)).reason()).contains("too large");
    }

    @Test
    void unbalancedFetchIsMalformedAndTheSessionGoesOn() {
        List<ImapEvent> events = decodeAll("* 5 FETCH (UID 9 ENVELOPE ((\r\n* 6 EXISTS\r\na1 OK done\r\n");
        assertThat(events.get(0)).isInstanceOf(Malformed.class);
        assertThat(((Malformed) events.get(0)).raw()).isEqualTo("* 5 FETCH (UID 9 ENVELOPE ((");
        assertThat(events.subList(1, 3)).containsExactly(new Exists(6), new Tagged("a1", ImapStatus.OK, null,
                "done"));
    }

    @Test
    void bodyThenBrokenRestEndsInMalformed() {
        List<ImapEvent> events = decodeAll("* 5 FETCH (BODY[] {3}\r\nabc UID (\r\n* 1 EXISTS\r\n");
        assertThat(events.get(0)).isInstanceOf(FetchBodyStart.class);
        assertThat(events.get(1)).isEqualTo(new FetchBodyChunk(5, 0, "abc".getBytes(UTF_8), true));
        assertThat(events.get(2)).isInstanceOf(Malformed.class);
        assertThat(((Malformed) events.get(2)).raw()).isEqualTo("* 5 FETCH (BODY[] {3}\r\n<3 octets streamed> UID (");
        assertThat(events.get(3)).isEqualTo(new Exists(1));
    }

    @Test
    void malformedResponsesOfEveryKindDoNotStopDecoding() {
        List<ImapEvent> events = decodeAll("garbage\r\n* FLAGS \\Seen\r\na1 FOO bar\r\n* 12a EXISTS\r\n"
                + "* LIST () \"//\" x\r\n* STATUS x (MESSAGES)\r\n* 1 FETCH UID 1\r\n\r\n* 2 EXISTS\r\n");
        assertThat(events).hasSize(9);
        assertThat(events.subList(0, 8)).allMatch(e -> e instanceof Malformed);
        assertThat(((Malformed) events.get(2)).tag()).isEqualTo("a1");
        assertThat(events.get(8)).isEqualTo(new Exists(2));
    }

    static byte[] concat(String head, byte[] body, String tail) {
        byte[] h = head.getBytes(UTF_8);
        byte[] t = tail.getBytes(UTF_8);
        byte[] out = new byte[h.length + body.length + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        System.arraycopy(t, 0, out, h.length + body.length, t.length);
        return out;
    }
}
