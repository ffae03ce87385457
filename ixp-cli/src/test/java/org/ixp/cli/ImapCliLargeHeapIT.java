package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.imap.ImapTransport;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Constant memory, proven with the heap capped at 64 MB (the interop-large-heap execution): a 120 MB message on
 * the lab's Dovecot (erin) goes through {@code ixp imap fetch} and {@code ixp imap sync} byte for byte.
 */
class ImapCliLargeHeapIT {
    private static final int ERIN = 5;
    private static final long SIZE = 120L << 20;
    private final Lab lab = Lab.get();
    private final String box = "ixp-cli-big-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @AfterEach
    void deleteMailbox() throws Exception {
        Duration w = Duration.ofSeconds(30);
        ImapTransport t = new ImapTransport();
        t.initNew(null, new org.ixp.imap.ImapCallback() { }, null);
        t.connect(InetServer.builder().serverName(lab.host()).port(lab.imapPort()).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(lab.caCert())).userName(lab.user(ERIN)).password(lab.password(ERIN))
                .timeouts(new Timeouts(w, w, w, w, w)).build(), true, false).get(30, TimeUnit.SECONDS);
        try {
            t.delete(box).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // not created (the test was skipped, or failed before seeding)
        } finally {
            t.disconnect().get(30, TimeUnit.SECONDS);
        }
    }

    private CliRun imap(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("imap"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", lab.host() + ":" + lab.imapPort(), "--ca-file", lab.caCert().toString(),
                "--user", lab.user(ERIN), "--password-env", "LAB_PW", "--no-progress"));
        return CliRun.run(Map.of("LAB_PW", lab.password(ERIN)), all.toArray(new String[0]));
    }

    @Test
    void a120MbMessageIsFetchedAndSyncedAt64Mb() throws Exception {
        // -Dit.test=… also runs it in the uncapped execution, where it would prove nothing
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 100L << 20,
                "runs in the interop-large-heap execution (-Xmx64m)");
        seed(1, SIZE, box);
        CliRun fetched = imap("fetch", box, "1", "--out", dir.resolve("fetched").toString());
        assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
        long size = Files.size(dir.resolve("fetched").resolve("1.eml"));
        assertThat(size).isGreaterThan(SIZE);
        assertThat(fetched.outLines()).contains("fetched: 1 message(s), " + size + " bytes, into "
                + dir.resolve("fetched"));

        Path md = dir.resolve("maildir");
        CliRun synced = imap("sync", box, md.toString());
        assertThat(synced.exitCode()).as(synced.toString()).isZero();
        try (Stream<Path> cur = Files.list(md.resolve("cur"))) {
            List<Path> files = cur.toList();
            assertThat(files).hasSize(1);
            assertThat(Files.size(files.get(0))).isEqualTo(size);
            assertThat(Files.mismatch(files.get(0), dir.resolve("fetched").resolve("1.eml"))).isEqualTo(-1);
        }
    }

    /** lab/seed-mail erin COUNT SIZE MAILBOX. */
    private void seed(int count, long size, String mailbox) throws Exception {
        Path script = null;
        String src = System.getenv("IXP_LAB_SRC");
        for (Path d : new Path[] {src == null ? null : Path.of(src), Path.of("lab"), Path.of("../lab")}) {
            if (d != null && Files.isExecutable(d.resolve("seed-mail"))) {
                script = d.resolve("seed-mail");
            }
        }
        assertThat(script).as("lab/seed-mail (set IXP_LAB_SRC)").isNotNull();
        Process p = new ProcessBuilder(script.toString(), lab.user(ERIN), String.valueOf(count), String.valueOf(size),
                mailbox).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("lab/seed-mail said: %s", out).isZero();
    }
}
