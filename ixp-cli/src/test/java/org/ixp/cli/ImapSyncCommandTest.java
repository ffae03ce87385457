package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.cli.ImapGreenMail.deliver;
import static org.ixp.cli.ImapGreenMail.get;
import static org.ixp.cli.ImapGreenMail.imap;
import static org.ixp.cli.ImapGreenMail.uids;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ixp.imap.ImapMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ixp imap sync} on an embedded GreenMail (no CONDSTORE there: flags are compared for every known UID):
 * a first sync, then new mail, flag changes and an expunge made by another session, then a second run; a file
 * deleted here; a UIDVALIDITY change; a directory that mirrors another mailbox; a second sync at the same time.
 */
class ImapSyncCommandTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = ImapGreenMail.extension();

    private GreenMailUser user;

    @TempDir
    Path dir;

    @BeforeEach
    void three() {
        user = ImapGreenMail.user(GREENMAIL);
        for (int i = 1; i <= 3; i++) {
            deliver(GREENMAIL, user, "subject " + i, "body " + i + "\r\n");
        }
    }

    private CliRun sync(String mailbox) {
        return imap(GREENMAIL, "sync", mailbox, dir.toString());
    }

    /** UID → file name of the Maildir's messages (cur/ and new/). */
    private Map<Long, String> files(Path maildir) throws IOException {
        Map<Long, String> out = new TreeMap<>();
        for (String sub : List.of("cur", "new")) {
            try (Stream<Path> s = Files.list(maildir.resolve(sub))) {
                s.forEach(p -> out.put(Maildir.uid(p), sub + "/" + p.getFileName()));
            }
        }
        return out;
    }

    private static String flags(String name) {
        return name.substring(name.indexOf(":2,") + 3);
    }

    @Test
    void firstSyncMirrorsEveryMessageIntoCurWithItsUid() throws IOException {
        CliRun r = sync("INBOX");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("sync INBOX -> " + dir + ": 3 message(s) on the server")
                && l.endsWith("0 here (first sync)"))
                .anyMatch(l -> l.matches("new: 3 message\\(s\\), \\d+ bytes"))
                .anyMatch(l -> l.startsWith("done: 3 message(s) in " + dir + " (3 new, 0 flag change(s), 0 removed);"
                        + " state UIDVALIDITY "));
        Map<Long, String> files = files(dir);
        assertThat(files).containsOnlyKeys(1L, 2L, 3L);
        assertThat(files.values()).allMatch(n -> n.startsWith("cur/") && n.endsWith(":2,"));
        String two = Files.readString(dir.resolve(files.get(2L)), StandardCharsets.UTF_8);
        assertThat(two).contains("Subject: subject 2\r\n").endsWith("body 2\r\n");
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).as("tmp/ is empty after a run").isEmpty();
        }
        SyncState state = SyncState.read(dir);
        assertThat(state.mailbox()).isEqualTo("INBOX");
        assertThat(state.uidNext()).isEqualTo(4);
        assertThat(state.highestModSeq()).isNull();
        assertThat(imap(GREENMAIL, "status", "INBOX").outLines()).as("EXAMINE + BODY.PEEK: nothing became \\Seen")
                .contains("unseen: 3");
    }

    @Test
    void secondRunFetchesOnlyNewMailAppliesFlagsAndRemovesExpunged() throws IOException {
        assertThat(sync("INBOX").exitCode()).isZero();
        Map<Long, String> before = files(dir);

        CliRun unchanged = sync("INBOX");
        assertThat(unchanged.outLines()).contains("flags: 0 message(s) changed (compared all 3; no CONDSTORE)",
                "new: none");
        assertThat(files(dir)).isEqualTo(before);

        deliver(GREENMAIL, user, "subject 4", "body 4\r\n");
        deliver(GREENMAIL, user, "subject 5", "body 5\r\n");
        ImapGreenMail.session(GREENMAIL, t -> {
            ImapMailbox inbox = get(t.select("INBOX"));
            get(t.uidStore(inbox.uidValidity(), uids(1), "+FLAGS (\\Seen \\Flagged)"));
            get(t.uidStore(inbox.uidValidity(), uids(2), "+FLAGS (\\Answered)"));
            get(t.uidStore(inbox.uidValidity(), uids(3), "+FLAGS (\\Deleted)"));
            get(t.expunge());
        });
        CliRun r = sync("INBOX");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("removed: 1 message(s) expunged on the server",
                        "flags: 2 message(s) changed (compared all 2; no CONDSTORE)")
                .anyMatch(l -> l.matches("new: 2 message\\(s\\), \\d+ bytes"))
                .anyMatch(l -> l.startsWith("done: 4 message(s) in " + dir + " (2 new, 2 flag change(s), 1 removed)"));
        Map<Long, String> after = files(dir);
        assertThat(after).containsOnlyKeys(1L, 2L, 4L, 5L);
        assertThat(flags(after.get(1L))).isEqualTo("FS");
        assertThat(flags(after.get(2L))).isEqualTo("R");
        assertThat(flags(after.get(4L))).isEmpty();
        assertThat(Files.readString(dir.resolve(after.get(5L)))).contains("Subject: subject 5");
        assertThat(SyncState.read(dir).uidNext()).isEqualTo(6);
    }

    @Test
    void aMessageDeletedHereIsFetchedAgain() throws IOException {
        assertThat(sync("INBOX").exitCode()).isZero();
        Files.delete(dir.resolve(files(dir).get(2L)));
        CliRun r = sync("INBOX");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("new: 1 message(s)"));
        assertThat(files(dir)).containsOnlyKeys(1L, 2L, 3L);
    }

    @Test
    void aNewUidValidityKeepsTheOldCopiesAsideAndResyncsFully() throws IOException {
        ImapGreenMail.session(GREENMAIL, t -> {
            get(t.create("Work"));
            get(t.append("Work", List.of("\\Seen"), null, ImapGreenMail.ascii("Subject: w1\r\n\r\none\r\n")));
            get(t.append("Work", List.of(), null, ImapGreenMail.ascii("Subject: w2\r\n\r\ntwo\r\n")));
        });
        assertThat(sync("Work").exitCode()).isZero();
        long oldValidity = SyncState.read(dir).uidValidity();
        // GreenMail 2.1.3's UIDVALIDITY is the creation time in seconds: recreate in a later second.
        while (System.currentTimeMillis() / 1000 <= oldValidity) {
            sleepBriefly();
        }
        ImapGreenMail.session(GREENMAIL, t -> {
            get(t.rename("Work", "Work-before")); // GreenMail 2.1.3 drops the connection on DELETE of a full one
            get(t.create("Work"));
            get(t.append("Work", List.of(), null, ImapGreenMail.ascii("Subject: w3\r\n\r\nthree\r\n")));
        });
        CliRun r = sync("Work");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        long newValidity = SyncState.read(dir).uidValidity();
        assertThat(newValidity).as("GreenMail gives a recreated mailbox a new UIDVALIDITY").isNotEqualTo(oldValidity);
        Path aside = dir.resolve(".ixp-uidvalidity-" + oldValidity);
        assertThat(r.outLines()).contains("UIDVALIDITY changed from " + oldValidity + " to " + newValidity
                + ": the old UIDs name nothing now; the old copies are kept in " + aside + ", full resync");
        assertThat(files(aside)).hasSize(2);
        Map<Long, String> now = files(dir);
        assertThat(now).hasSize(1);
        assertThat(Files.readString(dir.resolve(now.values().iterator().next()))).contains("Subject: w3");
    }

    @Test
    void aDirectoryMirrorsOneMailboxOnly() {
        ImapGreenMail.session(GREENMAIL, t -> get(t.create("Other")));
        assertThat(sync("INBOX").exitCode()).isZero();
        CliRun r = sync("Other");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: E_INVALIDARG").contains("mirrors the mailbox 'INBOX'");
    }

    @Test
    void aSecondSyncOnTheSameDirectoryIsRefused() throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(".ixp-sync.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = ch.lock()) {
            CliRun r = sync("INBOX");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("another ixp imap sync is working on " + dir);
            assertThat(held.isValid()).isTrue();
        }
        assertThat(sync("INBOX").exitCode()).isZero();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
