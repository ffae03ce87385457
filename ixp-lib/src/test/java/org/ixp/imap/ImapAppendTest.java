package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.imap.ExtensionSession.connected;
import static org.ixp.imap.ImapFixture.failure;
import static org.ixp.imap.ImapFixture.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.testkit.Conversation;
import org.junit.jupiter.api.Test;

/** MULTIAPPEND (RFC 3502), literal8 APPEND and BINARY FETCH (RFC 3516), APPEND_PROGRESS, against a scripted server. */
class ImapAppendTest {
    private static final byte[] ONE = "Subject: one\r\n\r\nfirst\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TWO = "Subject: two\r\n\r\nsecond message\r\n".getBytes(StandardCharsets.US_ASCII);

    private static void literal(Conversation c, byte[] expected) {
        byte[] got = c.readBytes(expected.length);
        if (!Arrays.equals(got, expected)) {
            throw new AssertionError("literal differs: " + new String(got, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void multiappendWaitsForEachContinuationAndReportsTheUidsInOrder() throws Exception {
        try (ImapFixture f = connected("MULTIAPPEND UIDPLUS", c -> {
            c.expect("a3 APPEND Drafts (\\Seen) \"01-Feb-2024 10:00:00 +0000\" {" + ONE.length + "}");
            c.send("+ Ready for literal data");
            literal(c, ONE);
            c.expect(" {" + TWO.length + "}");
            c.send("+ Ready for literal data");
            literal(c, TWO);
            c.expect(""); // the CRLF ending the command
            c.send("a3 OK [APPENDUID 38505 3955:3956] APPEND completed");
            ImapFixture.logout(c, "a4");
        })) {
            ImapCompletion ok = get(f.transport.append(5, 6, null, "Drafts", List.of(
                    ImapAppend.of(ONE, List.of("\\Seen"), Instant.parse("2024-02-01T10:00:00Z")),
                    ImapAppend.of(TWO, null, null))));
            ResponseCode.AppendUid uid = ok.appendUid().orElseThrow();
            assertThat(uid.uidValidity()).isEqualTo(38505);
            assertThat(uid.uidsInOrder()).containsExactly(3955L, 3956L);
            get(f.transport.disconnect());
            List<ImapResponse.AppendProgress> progress = f.callback.of(ImapResponseType.APPEND_PROGRESS).stream()
                    .map(r -> r.data(ImapResponse.AppendProgress.class)).toList();
            long total = ONE.length + TWO.length;
            assertThat(progress).allMatch(p -> p.total() == total);
            assertThat(progress.get(0).uploaded()).isZero();
            assertThat(progress.get(progress.size() - 1).uploaded()).isEqualTo(total);
            assertThat(progress).extracting(ImapResponse.AppendProgress::uploaded).isSorted()
                    .contains((long) ONE.length);
            assertThat(f.callback.of(ImapResponseType.APPEND_PROGRESS)).allMatch(r -> r.wParam() == 5);
        }
    }

    @Test
    void withLiteralPlusEveryLiteralGoesAtOnce() throws Exception {
        try (ImapFixture f = connected("MULTIAPPEND LITERAL+", c -> {
            c.expect("a3 APPEND INBOX {" + ONE.length + "+}");
            literal(c, ONE);
            c.expect(" ($Label) {" + TWO.length + "+}");
            literal(c, TWO);
            c.expect("");
            c.send("a3 OK APPEND completed");
            ImapFixture.logout(c, "a4");
        })) {
            get(f.transport.append("INBOX", List.of(ImapAppend.of(ONE, null, null),
                    new ImapAppend(List.of("$Label"), null, new ByteArrayInputStream(TWO), TWO.length, false))));
            get(f.transport.disconnect());
            List<Long> uploaded = f.callback.of(ImapResponseType.APPEND_PROGRESS).stream()
                    .map(r -> r.data(ImapResponse.AppendProgress.class).uploaded()).toList();
            assertThat(uploaded).as("both literals queued at once, progress still cumulative")
                    .containsExactly(0L, (long) ONE.length, (long) ONE.length + TWO.length);
        }
    }

    @Test
    void trycreateBeforeTheFirstContinuationSendsNoLiteralOctet() throws Exception {
        try (ImapFixture f = connected("MULTIAPPEND", c -> {
            c.expect("a3 APPEND Nowhere {" + ONE.length + "}");
            c.send("a3 NO [TRYCREATE] Mailbox doesn't exist: Nowhere");
            ExtensionSession.expectNext(c, "a4 NOOP"); // no literal octet between
            c.send("a4 OK noop");
            ImapFixture.logout(c, "a5");
        })) {
            IxpException no = failure(f.transport.append("Nowhere", List.of(ImapAppend.of(ONE, null, null),
                    ImapAppend.of(TWO, null, null))));
            assertThat(no.code()).isEqualTo(IxpCode.IXP_E_IMAP_NO);
            get(f.transport.noop());
            get(f.transport.disconnect());
            assertThat(f.callback.of(ImapResponseType.TRYCREATE)).hasSize(1);
            assertThat(f.server.received()).noneMatch(l -> l.contains("Subject"));
        }
    }

    @Test
    void severalMessagesWithoutMultiappendAreRefused() throws Exception {
        try (ImapFixture f = connected("UIDPLUS", c -> ImapFixture.logout(c, "a3"))) {
            assertThatThrownBy(() -> f.transport.append("INBOX", List.of(ImapAppend.of(ONE, null, null),
                    ImapAppend.of(TWO, null, null))))
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            assertThatThrownBy(() -> f.transport.append("INBOX", List.of()))
                    .matches(e -> ((IxpException) e).code() == IxpCode.E_INVALIDARG);
            assertThatThrownBy(() -> f.transport.append("INBOX", List.of("\\Seen\r\n"), null, ONE))
                    .matches(e -> ((IxpException) e).code() == IxpCode.E_INVALIDARG);
            assertThatThrownBy(() -> f.transport.append("INBOX", List.of("two words"), null, ONE))
                    .matches(e -> ((IxpException) e).code() == IxpCode.E_INVALIDARG);
            byte[] nul = "Subject: x\r\n\r\na\0b\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> f.transport.append("INBOX", null, null, nul))
                    .as("NUL octets without BINARY")
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            get(f.transport.disconnect());
            assertThat(f.server.received()).hasSize(3);
        }
    }

    @Test
    void binaryBodiesGoAsLiteral8WhenBinaryIsOffered() throws Exception {
        byte[] nul = "Subject: x\r\n\r\na\0b\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] eight = "Subject: x\r\n\r\ngr\u00fc\u00dfe\r\n".getBytes(StandardCharsets.UTF_8);
        try (ImapFixture f = connected("BINARY LITERAL+", c -> {
            c.expect("a3 APPEND INBOX ~{" + nul.length + "+}");
            literal(c, nul);
            c.expect("");
            c.send("a3 OK APPEND completed");
            c.expect("a4 APPEND INBOX ~{" + eight.length + "+}");
            literal(c, eight);
            c.expect("");
            c.send("a4 OK APPEND completed");
            ImapFixture.logout(c, "a5");
        })) {
            get(f.transport.append("INBOX", null, null, nul));
            get(f.transport.append("INBOX", null, null, eight));
            get(f.transport.disconnect());
        }
    }

    @Test
    void eightBitWithoutBinaryGoesAsAnOrdinaryLiteral() throws Exception {
        byte[] eight = "Subject: x\r\n\r\ngr\u00fc\u00dfe\r\n".getBytes(StandardCharsets.UTF_8);
        try (ImapFixture f = connected("LITERAL+", c -> {
            c.expect("a3 APPEND INBOX {" + eight.length + "+}");
            literal(c, eight);
            c.expect("");
            c.send("a3 OK APPEND completed");
            ImapFixture.logout(c, "a4");
        })) {
            get(f.transport.append("INBOX", null, null, eight));
            get(f.transport.disconnect());
        }
    }

    @Test
    void progressComesPerChunk() throws Exception {
        byte[] big = new byte[300 * 1024];
        Arrays.fill(big, (byte) 'x');
        try (ImapFixture f = connected("LITERAL+", c -> {
            c.expect("a3 APPEND INBOX {" + big.length + "+}");
            literal(c, big);
            c.expect("");
            c.send("a3 OK APPEND completed");
            ImapFixture.logout(c, "a4");
        })) {
            get(f.transport.append(1, 0, null, "INBOX", null, null, new ByteArrayInputStream(big), big.length));
            get(f.transport.disconnect());
            List<Long> uploaded = f.callback.of(ImapResponseType.APPEND_PROGRESS).stream()
                    .map(r -> r.data(ImapResponse.AppendProgress.class).uploaded()).toList();
            assertThat(uploaded).as("0, one per 64 KiB chunk, the end").hasSizeGreaterThanOrEqualTo(6).isSorted()
                    .startsWith(0L).endsWith((long) big.length);
        }
    }

    @Test
    void binaryFetchStreamsLikeBody() throws Exception {
        try (ImapFixture f = connected("BINARY", c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* 1 EXISTS");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])");
            c.sendRaw("* 1 FETCH (BINARY.SIZE[1] 4 BINARY[1] ~{4}\r\n\0ab\0)\r\n");
            c.send("a4 OK done");
            ImapFixture.logout(c, "a5");
        })) {
            get(f.transport.select("INBOX"));
            RangeList one = new RangeList();
            one.addSingleValue(1);
            get(f.transport.fetch(one, "(BINARY.SIZE[1] BINARY.PEEK[1])"));
            get(f.transport.disconnect());
            ImapResponse.FetchBodyPart part = f.callback.of(ImapResponseType.FETCH_BODY).get(0)
                    .data(ImapResponse.FetchBodyPart.class);
            assertThat(part.bodyTag()).isEqualTo("BINARY[1]");
            assertThat(part.data()).containsExactly(0, 'a', 'b', 0);
            assertThat(part.done()).isTrue();
            ImapEvent.Fetch fetch = f.callback.of(ImapResponseType.UPDATE_MSG).get(0).data(ImapEvent.Fetch.class);
            assertThat(fetch.item(FetchItem.BinarySize.class).orElseThrow().size()).isEqualTo(4);
        }
    }
}
