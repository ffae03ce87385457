package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.imap.ImapMailbox;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ixp imap …} against the lab's Dovecot (STARTTLS, CONDSTORE, UIDPLUS, MOVE, IDLE) as erin ({@code
 * Lab.user(5)}), in mailboxes of the run's own that are deleted afterwards: the incremental sync with CHANGEDSINCE,
 * a UIDVALIDITY change, MOVE with its COPYUID mapping, IDLE seeing an APPEND.
 */
class ImapSyncDovecotIT {
    private static final int ERIN = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Lab lab = Lab.get();
    private final String box = "ixp-cli-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void deleteMailboxes() {
        session(t -> {
            for (String m : created) {
                try {
                    t.delete(m).get(30, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // already gone
                }
            }
        });
    }

    private String[] command(String... args) {
        List<String> all = new ArrayList<>(List.of("imap"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", lab.host() + ":" + lab.imapPort(), "--ca-file", lab.caCert().toString(),
                "--user", lab.user(ERIN), "--password-env", "LAB_PW"));
        if (List.of("append", "fetch", "sync").contains(args[0])) {
            all.add("--no-progress");
        }
        return all.toArray(new String[0]);
    }

    private CliRun imap(String... args) {
        return CliRun.run(Map.of("LAB_PW", lab.password(ERIN)), command(args));
    }

    private void session(Consumer<ImapTransport> work) {
        InetServer s = InetServer.builder().serverName(lab.host()).port(lab.imapPort()).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(lab.caCert())).userName(lab.user(ERIN)).password(lab.password(ERIN))
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, Duration.ofSeconds(10))).build();
        ImapTransport t = new ImapTransport();
        t.initNew(null, new org.ixp.imap.ImapCallback() { }, null);
        try {
            t.connect(s, true, false).get(30, TimeUnit.SECONDS);
            work.accept(t);
            t.disconnect().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the second session failed: " + e, e);
        } finally {
            t.dropConnection();
        }
    }

    private static <T> T get(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void create(String mailbox) {
        session(t -> get(t.create(mailbox)));
        created.add(mailbox);
    }

    private Path message(int i) throws IOException {
        Path f = dir.resolve("m" + i + ".eml");
        Files.writeString(f, "From: erin@localhost\nTo: erin@localhost\nSubject: cli sync " + i + "\n\nbody " + i
                + "\n" + "x".repeat(i * 100) + "\n");
        return f;
    }

    private Map<Long, String> files(Path maildir) throws IOException {
        Map<Long, String> out = new TreeMap<>();
        for (String sub : List.of("cur", "new")) {
            try (Stream<Path> s = Files.list(maildir.resolve(sub))) {
                s.forEach(p -> out.put(Maildir.uid(p), p.getFileName().toString()));
            }
        }
        return out;
    }

    private static String flags(String name) {
        return name.substring(name.indexOf(":2,") + 3);
    }

    @Test
    void syncIsIncrementalWithCondstoreAndStartsAgainOnANewUidValidity() throws IOException {
        create(box);
        Path md = dir.resolve("maildir");
        List<String> append = new ArrayList<>(List.of("append", box));
        for (int i = 1; i <= 5; i++) {
            append.add(message(i).toString());
        }
        CliRun appended = imap(append.toArray(new String[0]));
        assertThat(appended.exitCode()).as(appended.toString()).isZero();
        assertThat(appended.outLines()).anyMatch(l -> l.contains(": UID 5 (UIDVALIDITY ") || l.contains(", UID 5 ("));

        CliRun first = imap("sync", box, md.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.outLines()).anyMatch(l -> l.contains("HIGHESTMODSEQ") && l.endsWith("0 here (first sync)"))
                .anyMatch(l -> l.startsWith("done: 5 message(s) in " + md + " (5 new, 0 flag change(s), 0 removed)"));
        assertThat(files(md)).containsOnlyKeys(1L, 2L, 3L, 4L, 5L);
        assertThat(Files.readString(md.resolve("cur").resolve(files(md).get(3L)), StandardCharsets.UTF_8))
                .startsWith("From: erin@localhost\r\nTo: erin@localhost\r\nSubject: cli sync 3\r\n");
        SyncState s1 = SyncState.read(md);
        assertThat(s1.highestModSeq()).as("Dovecot offers CONDSTORE").isNotNull();

        session(t -> {
            ImapMailbox mb = get(t.select(box));
            RangeList two = RangeList.parse("2", true);
            get(t.uidStore(mb.uidValidity(), two, "+FLAGS (\\Seen \\Flagged)"));
            get(t.uidStore(mb.uidValidity(), RangeList.parse("4", true), "+FLAGS (\\Deleted)"));
            get(t.expunge());
            get(t.append(box, List.of("\\Answered"), null, "Subject: six\r\n\r\n6\r\n".getBytes(
                    StandardCharsets.US_ASCII)));
        });
        CliRun second = imap("sync", box, md.toString());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.outLines()).contains("removed: 1 message(s) expunged on the server",
                        "flags: 1 message(s) changed (CONDSTORE: CHANGEDSINCE " + s1.highestModSeq() + ")")
                .anyMatch(l -> l.startsWith("new: 1 message(s)"))
                .anyMatch(l -> l.startsWith("done: 5 message(s) in " + md + " (1 new, 1 flag change(s), 1 removed)"));
        Map<Long, String> after = files(md);
        assertThat(after).containsOnlyKeys(1L, 2L, 3L, 5L, 6L);
        assertThat(flags(after.get(2L))).isEqualTo("FS");
        assertThat(flags(after.get(6L))).isEqualTo("R");
        assertThat(flags(after.get(1L))).isEmpty();

        CliRun third = imap("sync", box, md.toString());
        assertThat(third.outLines()).anyMatch(l -> l.startsWith("flags: unchanged (CONDSTORE: HIGHESTMODSEQ is still"))
                .contains("new: none");

        long oldValidity = SyncState.read(md).uidValidity();
        session(t -> {
            get(t.delete(box));
            get(t.create(box));
            get(t.append(box, List.of(), null, "Subject: again\r\n\r\n1\r\n".getBytes(StandardCharsets.US_ASCII)));
        });
        CliRun fourth = imap("sync", box, md.toString());
        assertThat(fourth.exitCode()).as(fourth.toString()).isZero();
        assertThat(fourth.outLines()).anyMatch(l -> l.startsWith("UIDVALIDITY changed from " + oldValidity + " to "));
        assertThat(SyncState.read(md).uidValidity()).isNotEqualTo(oldValidity);
        assertThat(files(md.resolve(".ixp-uidvalidity-" + oldValidity))).hasSize(5);
        assertThat(files(md)).containsOnlyKeys(1L);
    }

    @Test
    void moveShowsDovecotsCopyUidMapping() throws IOException {
        create(box);
        create(box + "-target");
        CliRun appended = imap("append", box, message(1).toString(), message(2).toString(), message(3).toString());
        assertThat(appended.exitCode()).as(appended.toString()).isZero();
        CliRun r = imap("move", box, "1,3", box + "-target");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("moved: 2 message(s) from " + box + " to " + box
                + "-target; UIDs in " + box + "-target (UIDVALIDITY ")).contains("1 -> 1", "3 -> 2");
        assertThat(imap("search", box, "ALL").outLines()).startsWith("2", "1 match(es)");
        CliRun status = imap("status", box + "-target");
        assertThat(status.outLines()).contains("messages: 2").anyMatch(l -> l.startsWith("highestmodseq: "));
    }

    @Test
    void idleSeesAnAppendFromAnotherSession() throws Exception {
        create(box);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new IxpCli(Map.of("LAB_PW", lab.password(ERIN))::get))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute(
                command("idle", box, "--count", "1", "--duration", "60")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString().contains("watching " + box) && System.nanoTime() < deadline && !run.isDone()) {
            Thread.sleep(20);
        }
        assertThat(out.toString()).as("err: " + err).contains("watching " + box + ": 0 message(s)");
        session(t -> get(t.append(box, List.of(), null, "Subject: idle\r\n\r\n1\r\n".getBytes(
                StandardCharsets.US_ASCII))));
        assertThat(run.get(60, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
        assertThat(out.toString().split("\\R")).contains("exists: 1", "stopped after 1 update(s)")
                .anyMatch(l -> l.startsWith("disconnect: ACKNOWLEDGED"));
    }
}
