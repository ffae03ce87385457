package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.cli.ImapGreenMail.deliver;
import static org.ixp.cli.ImapGreenMail.get;
import static org.ixp.cli.ImapGreenMail.imap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.imap.ImapEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ixp imap list|status|fetch|search|append|move|idle} against an embedded GreenMail (plaintext). */
class ImapCommandsTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = ImapGreenMail.extension();

    private GreenMailUser user;

    @BeforeEach
    void three() {
        user = ImapGreenMail.user(GREENMAIL);
        for (int i = 1; i <= 3; i++) {
            deliver(GREENMAIL, user, "subject " + i, "body " + i + "\r\n");
        }
    }

    @Test
    void listDecodesModifiedUtf7NamesAndShowsAttributes() {
        ImapGreenMail.session(GREENMAIL, t -> {
            get(t.create("Entwürfe"));
            get(t.create("A&B"));
        });
        CliRun r = imap(GREENMAIL, "list");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.equals("Entwürfe") || l.startsWith("Entwürfe "))
                .anyMatch(l -> l.equals("A&B") || l.startsWith("A&B "))
                .anyMatch(l -> l.startsWith("INBOX"))
                .contains("3 mailbox(es)")
                .anyMatch(l -> l.startsWith("disconnect: ACKNOWLEDGED"));
        assertThat(r.out()).doesNotContain("Entw&APw-rfe").doesNotContain(ImapGreenMail.PASSWORD);
        CliRun only = imap(GREENMAIL, "list", "Entw*");
        assertThat(only.outLines()).startsWith("Entwürfe", "1 mailbox(es)");
    }

    @Test
    void statusPrintsCountsAndUids() {
        CliRun r = imap(GREENMAIL, "status", "INBOX");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("mailbox: INBOX", "messages: 3", "unseen: 3", "uidnext: 4")
                .anyMatch(l -> l.matches("uidvalidity: \\d+"));
        CliRun missing = imap(GREENMAIL, "status", "Nowhere");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: IXP_E_IMAP_NO (0x800CCCD1)");
    }

    @Test
    void fetchSavesEachMessageAsUidEmlByteForByte(@TempDir Path dir) throws IOException {
        CliRun r = imap(GREENMAIL, "fetch", "INBOX", "2:3", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.matches("fetched: 2 message\\(s\\), \\d+ bytes, into .*"));
        String two = Files.readString(dir.resolve("2.eml"), StandardCharsets.UTF_8);
        assertThat(two).contains("Subject: subject 2\r\n").endsWith("body 2\r\n");
        assertThat(dir.resolve("3.eml")).exists();
        assertThat(dir.resolve("1.eml")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("2.eml", "3.eml");
        }
        CliRun status = imap(GREENMAIL, "status", "INBOX");
        assertThat(status.outLines()).as("BODY.PEEK and EXAMINE: nothing became \\Seen").contains("unseen: 3");
    }

    @Test
    void fetchToStdoutPrintsTheMessageAndStatusGoesToStderr() {
        CliRun r = imap(GREENMAIL, "fetch", "INBOX", "1", "--out", "-");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("Subject: subject 1", "body 1").noneMatch(l -> l.startsWith("fetched:"));
        assertThat(r.errLines()).anyMatch(l -> l.startsWith("fetched: 1 message(s)"))
                .anyMatch(l -> l.startsWith("disconnect: ACKNOWLEDGED"));
    }

    @Test
    void fetchRefusesAStaleUidValidityAndBadUidSets(@TempDir Path dir) {
        CliRun stale = imap(GREENMAIL, "fetch", "INBOX", "1", "--uidvalidity", "1", "--out", dir.toString());
        assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(1);
        assertThat(stale.err()).startsWith("error: IXP_E_IMAP_STALE_UIDVALIDITY (0x800CCCD4)");
        assertThat(dir.resolve("1.eml")).doesNotExist();
        CliRun bad = imap(GREENMAIL, "fetch", "INBOX", "1:x");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("'1:x' is not a UID set");
        CliRun none = imap(GREENMAIL, "fetch", "INBOX", "40:50", "--out", dir.toString());
        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(none.outLines()).contains("no message in INBOX has a UID in 40:50");
    }

    @Test
    void searchPrintsMatchingUidsWithQuotedArguments() {
        CliRun r = imap(GREENMAIL, "search", "INBOX", "SUBJECT", "subject 2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).startsWith("2", "1 match(es)");
        CliRun all = imap(GREENMAIL, "search", "INBOX", "ALL");
        assertThat(all.outLines()).startsWith("1", "2", "3", "3 match(es)");
        CliRun none = imap(GREENMAIL, "search", "INBOX", "SUBJECT", "nothing like it");
        assertThat(none.outLines()).startsWith("0 match(es)");
    }

    @Test
    void appendStreamsFilesWithCrlfAndFlags(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.eml");
        Files.writeString(a, "From: erin@localhost\nSubject: appended a\n\nline one\nline two\n");
        Path b = dir.resolve("b.eml");
        Files.writeString(b, "Subject: appended b\r\n\r\nalready CRLF\r\n");
        CliRun r = imap(GREENMAIL, "append", "INBOX", a.toString(), b.toString(), "--flags", "\\Seen,\\Flagged");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("appended " + a + ": 65 bytes"))
                .anyMatch(l -> l.startsWith("appended " + b + ": 37 bytes"));
        CliRun seen = imap(GREENMAIL, "search", "INBOX", "SEEN", "FLAGGED");
        assertThat(seen.outLines()).startsWith("4", "5", "2 match(es)");
        CliRun fetched = imap(GREENMAIL, "fetch", "INBOX", "4", "--out", dir.toString());
        assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
        assertThat(Files.readString(dir.resolve("4.eml")))
                .isEqualTo("From: erin@localhost\r\nSubject: appended a\r\n\r\nline one\r\nline two\r\n");
        CliRun badFlag = imap(GREENMAIL, "append", "INBOX", a.toString(), "--flags", "(\\Seen)");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        CliRun noFile = imap(GREENMAIL, "append", "INBOX", dir.resolve("missing.eml").toString());
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("cannot read");
        CliRun noMailbox = imap(GREENMAIL, "append", "Nowhere", a.toString());
        assertThat(noMailbox.exitCode()).as(noMailbox.toString()).isEqualTo(1);
        assertThat(noMailbox.err()).startsWith("error: IXP_E_IMAP_NO");
    }

    @Test
    void moveMovesAndShowsTheUidMapping() {
        ImapGreenMail.session(GREENMAIL, t -> get(t.create("Archive")));
        CliRun r = imap(GREENMAIL, "move", "INBOX", "1,3", "Archive");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("moved: 2 message(s) from INBOX to Archive; UIDs in"
                + " Archive (UIDVALIDITY "));
        // GreenMail 2.1.3 sends "* OK [COPYUID v 1,1,3 1,1:2]": shown as sent (Dovecot's mapping: ImapSyncDovecotIT)
        assertThat(r.outLines()).contains("COPYUID " + r.out().replaceAll("(?s).*\\(UIDVALIDITY (\\d+)\\).*", "$1")
                + " 1,1,3 1,1:2 (as the server sent it: its sets do not pair up)");
        assertThat(imap(GREENMAIL, "status", "Archive").outLines()).contains("messages: 2");
        assertThat(imap(GREENMAIL, "search", "INBOX", "ALL").outLines()).startsWith("2", "1 match(es)");
        assertThat(r.out()).as("the protocol lines stay hidden without --verbose").doesNotContain("UID MOVE");
    }

    @Test
    void idlePrintsNewMailAsItComesAndEndsWithLogout() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new IxpCli(ImapGreenMail.ENV::get))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute(
                ImapGreenMail.command(GREENMAIL, "idle", "INBOX", "--count", "1", "--duration", "60")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("watching INBOX") && System.nanoTime() < deadline && !run.isDone()) {
            Thread.sleep(20);
        }
        assertThat(out.toString()).as("err: " + err).contains("watching INBOX: 3 message(s)");
        deliver(GREENMAIL, user, "while idling", "new\r\n");
        int code = run.get(30, TimeUnit.SECONDS);
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString().split("\\R")).contains("exists: 4", "stopped after 1 update(s)")
                .anyMatch(l -> l.startsWith("disconnect: ACKNOWLEDGED"));
    }

    @Test
    void idleEndsAfterItsDuration() {
        CliRun r = imap(GREENMAIL, "idle", "INBOX", "--duration", "1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("stopped after 0 update(s)")
                .anyMatch(l -> l.startsWith("disconnect: ACKNOWLEDGED"));
        CliRun bad = imap(GREENMAIL, "idle", "INBOX", "--count", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void verboseShowsTheProtocolWithThePasswordRedacted() {
        CliRun r = imap(GREENMAIL, "status", "INBOX", "--verbose");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("status: AUTHORIZING").anyMatch(l -> l.startsWith("> a") && l.contains(
                "STATUS INBOX")).anyMatch(l -> l.startsWith("< * BYE"));
        assertThat(r.out() + r.err()).doesNotContain(ImapGreenMail.PASSWORD);
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun r = CliRun.run("imap", "--help");
        assertThat(r.exitCode()).isZero();
        for (String c : List.of("list", "status", "fetch", "search", "append", "move", "idle", "sync")) {
            assertThat(r.out()).containsPattern("(?m)^\\s+" + c + "\\s");
        }
        ImapEvent.MailboxListing m = new ImapEvent.MailboxListing(ImapEvent.ListKind.LIST, List.of("\\Sent"), '/',
                "Sent", "Sent", java.util.Map.of());
        assertThat(ImapListCommand.line(m, 8)).isEqualTo("Sent      \\Sent");
    }

    @Test
    void idleFailsWhenTheServerEndsTheSessionWithBye() {
        org.ixp.testkit.Script byeWhileIdling = conv -> {
            conv.send("* PREAUTH [CAPABILITY IMAP4rev1 IDLE] ready");
            String examine = conv.expect("a1 EXAMINE");
            conv.send("* 2 EXISTS");
            conv.send("* OK [UIDVALIDITY 7] ok");
            conv.send("a1 OK [READ-ONLY] done " + examine.length());
            conv.expect("a2 IDLE");
            conv.send("+ idling");
            conv.send("* 3 EXISTS");
            conv.send("* BYE server shutting down");
            conv.close();
        };
        try (org.ixp.testkit.ScriptedServer server = org.ixp.testkit.ScriptedServer.start(
                org.ixp.testkit.Mode.PLAIN, byeWhileIdling)) {
            CliRun r = CliRun.run("imap", "idle", "INBOX", "--duration", "30", "--server",
                    server.host() + ":" + server.port(), "--tls", "none");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.outLines()).contains("watching INBOX: 2 message(s); IDLE (Ctrl-C to stop)",
                    "exists: 3");
            assertThat(r.err()).startsWith("error: IXP_E_IMAP_BYE (0x800CCCD3)").contains("server shutting down");
        }
    }
}
