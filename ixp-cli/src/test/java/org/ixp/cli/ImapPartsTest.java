package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ixp.imap.ImapResponse;
import org.ixp.imap.ImapResponseType;
import org.ixp.IxpResult;
import org.ixp.imap.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces of the {@code ixp imap} commands that need no server. */
class ImapPartsTest {

    @Test
    void maildirLettersAreInAsciiOrderAndKeywordsAreDropped() {
        assertThat(Maildir.letters(List.of("\\Seen", "\\Flagged", "\\Answered", "\\Draft", "\\Deleted",
                "$Forwarded", "$Junk"))).isEqualTo("DFPRST");
        assertThat(Maildir.letters(List.of("\\seen"))).isEqualTo("S");
        assertThat(Maildir.letters(List.of())).isEmpty();
    }

    @Test
    void maildirNamesCarryTheUid() {
        assertThat(Maildir.uid(Path.of("1700000000.V5.ixp,U=42:2,FS"))).isEqualTo(42);
        assertThat(Maildir.flagsOf(Path.of("1700000000.V5.ixp,U=42:2,FS"))).isEqualTo("FS");
        assertThat(Maildir.uid(Path.of("1700000000.V5.ixp,U=7"))).isEqualTo(7);
        assertThat(Maildir.flagsOf(Path.of("1700000000.V5.ixp,U=7"))).isEmpty();
        assertThat(Maildir.uid(Path.of("1700000000.M1P2.host:2,S"))).as("not ixp's").isZero();
    }

    @Test
    void maildirRenamesForFlagsAndSetsAside(@TempDir Path root) throws IOException {
        Maildir md = new Maildir(root);
        md.create();
        Path tmp = md.newTmp();
        try (var out = md.open(tmp)) {
            out.write("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        Path delivered = md.deliver(tmp, 9, 77, java.time.Instant.parse("2024-03-01T10:00:00Z"), "S");
        assertThat(delivered.getFileName().toString()).isEqualTo("1709287200.V77.ixp,U=9:2,S");
        assertThat(Files.getLastModifiedTime(delivered).toInstant()).hasToString("2024-03-01T10:00:00Z");
        Path flagged = md.setFlags(delivered, "FS");
        assertThat(flagged.getFileName().toString()).isEqualTo("1709287200.V77.ixp,U=9:2,FS");
        assertThat(md.setFlags(flagged, "FS")).isEqualTo(flagged);
        assertThat(md.scan()).containsOnlyKeys(9L);
        Path aside = md.setAside(77);
        assertThat(aside).isEqualTo(root.resolve(".ixp-uidvalidity-77"));
        assertThat(new Maildir(aside).scan()).containsOnlyKeys(9L);
        assertThat(md.scan()).isEmpty();
    }

    @Test
    void syncStateRoundTripsAndIsAbsentAtFirst(@TempDir Path dir) throws IOException {
        assertThat(SyncState.read(dir)).isNull();
        new SyncState("Entwürfe", 123, 45, 6789L).write(dir);
        assertThat(SyncState.read(dir)).isEqualTo(new SyncState("Entwürfe", 123, 45, 6789L));
        new SyncState("INBOX", 1, 2, null).write(dir);
        assertThat(SyncState.read(dir)).isEqualTo(new SyncState("INBOX", 1, 2, null));
        assertThat(dir.resolve(".ixp-sync.tmp")).doesNotExist();
    }

    @Test
    void crlfInputTurnsBareLfIntoCrlfAndCountsExactly(@TempDir Path dir) throws IOException {
        String text = "a\nb\r\nc\n\nd\re";
        Path f = dir.resolve("m.eml");
        Files.writeString(f, text);
        byte[] out;
        try (InputStream in = new CrlfInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
            out = in.readAllBytes();
        }
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\n\r\nd\re");
        assertThat(CrlfInput.size(f)).isEqualTo(out.length);

        String across = "a".repeat(64 * 1024 - 1) + "\r\n" + "b".repeat(64 * 1024 - 1) + "\nc\n";
        String expected = across.replace("\r\n", "\n").replace("\n", "\r\n");
        try (InputStream in = new CrlfInput(new ByteArrayInputStream(across.getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
        StringBuilder oneByOne = new StringBuilder();
        try (InputStream in = new CrlfInput(new ByteArrayInputStream(across.getBytes(StandardCharsets.US_ASCII)))) {
            for (int c = in.read(); c >= 0; c = in.read()) {
                oneByOne.append((char) c);
            }
        }
        assertThat(oneByOne.toString()).isEqualTo(expected);
    }

    @Test
    void crlfInputSaysWhatIsAvailableSoTheLibraryDoesNotSendOneByteChunks(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.eml");
        Files.writeString(f, "x\n".repeat(100_000));
        try (InputStream in = new CrlfInput(Files.newInputStream(f))) {
            assertThat(in.available()).as("before the first read").isGreaterThan(64 * 1024);
            byte[] b = new byte[1000];
            assertThat(in.read(b)).isEqualTo(1000);
            assertThat(in.available()).isGreaterThan(1);
            in.readAllBytes();
            assertThat(in.available()).isZero();
        }
    }

    @Test
    void uidSetsExpandInOrderAndCopyUidIsReadFromTheProtocolLine() {
        assertThat(ImapUids.expand("4:6,9,3", 10)).containsExactly(4L, 5L, 6L, 9L, 3L);
        assertThat(ImapUids.expand("6:4", 10)).containsExactly(4L, 5L, 6L);
        assertThat(ImapUids.expand("1:1000000", 3)).containsExactly(1L, 2L, 3L);
        ResponseCode.CopyUid c = ImapMoveCommand.copyUid(
                "* OK [CopyUid[uidValidity=38505, source=304,319:320, dest=3956:3958]] Moved UIDs.");
        assertThat(c).isEqualTo(new ResponseCode.CopyUid(38505, "304,319:320", "3956:3958"));
        assertThat(ImapMoveCommand.copyUid("a5 OK [COPYUID 38505 304 3956] Done"))
                .isEqualTo(new ResponseCode.CopyUid(38505, "304", "3956"));
        assertThat(ImapMoveCommand.copyUid("* 3 EXPUNGE")).isNull();
        assertThat(ImapMoveCommand.mapping(c, 3)).containsExactly("304 -> 3956", "319 -> 3957", "320 -> 3958");
        assertThat(ImapMoveCommand.mapping(new ResponseCode.CopyUid(1, "1,1,3", "1,1:2"), 2))
                .containsExactly("COPYUID 1 1,1,3 1,1:2 (as the server sent it: its sets do not pair up)");
    }

    @Test
    void searchArgumentsAreQuotedWhenTheyAreNotWords() {
        assertThat(ImapSearchCommand.criteria(List.of("SUBJECT", "quarterly report", "UNSEEN")))
                .isEqualTo("SUBJECT \"quarterly report\" UNSEEN");
        assertThat(ImapSearchCommand.criteria(List.of("OR", "(FROM alice)", "FROM", "say \"hi\"")))
                .isEqualTo("OR (FROM alice) FROM \"say \\\"hi\\\"\"");
        assertThat(ImapSearchCommand.criteria(List.of("SUBJECT", "Grüße"))).isEqualTo("SUBJECT \"Grüße\"");
    }

    @Test
    void idleDescribesUpdates() {
        assertThat(ImapIdleCommand.describe(response(ImapResponseType.MAILBOX_UPDATE,
                new ImapResponse.MboxMsgCount(7L, null, null)))).isEqualTo("exists: 7");
        assertThat(ImapIdleCommand.describe(response(ImapResponseType.DELETED_MSG, 3L))).isEqualTo("expunge: 3");
        assertThat(ImapIdleCommand.describe(response(ImapResponseType.UPDATE_MSG, new org.ixp.imap.ImapEvent.Fetch(2,
                List.of(new org.ixp.imap.FetchItem.Uid(12), new org.ixp.imap.FetchItem.Flags(List.of("\\Seen")))))))
                .isEqualTo("fetch: 2 uid 12 flags (\\Seen)");
        assertThat(ImapIdleCommand.describe(response(ImapResponseType.UIDVALIDITY, 5L))).isNull();
    }

    private static ImapResponse response(ImapResponseType type, Object data) {
        return new ImapResponse(0, 0, type, IxpResult.ok(), null, data);
    }
}
