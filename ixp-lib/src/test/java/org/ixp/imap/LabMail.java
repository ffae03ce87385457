package org.ixp.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.testkit.Lab;

/**
 * The lab's mail store seen from outside IMAP, for tests that check what ixp reads against what was put there:
 * {@code lab/seed-mail} (and the run id it prints), the seeded Maildir files (their names carry the message's
 * size with CRLF line ends, {@code W=}), and {@code doveadm kick}. The tests using it run as the lab's user (root).
 */
final class LabMail {
    /** One seeded message: its X-Lab-Seq (i), its RFC822.SIZE as IMAP reports it, and its file. */
    record Seeded(int seq, long crlfSize, Path file) {
    }

    private static final Pattern RUN = Pattern.compile("\\(run ([0-9a-f]+)\\)");
    private static final Pattern FILE = Pattern.compile("\\.M(\\d+)P\\d+\\.ixp-lab,S=(\\d+),W=(\\d+)");

    private LabMail() {
    }

    /** dave: the lab user these tests own. */
    static final int DAVE = 4;

    /** STARTTLS on the lab's IMAP port as lab user {@code n}. */
    static InetServer.Builder imap(int n, Duration wait) {
        Lab lab = Lab.get();
        return InetServer.builder().serverName(lab.tlsHostname()).port(lab.imapPort()).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(lab.caCert())).userName(lab.user(n)).password(lab.password(n))
                .timeouts(new Timeouts(wait, wait, wait, wait, Duration.ofSeconds(10)));
    }

    /** Runs {@code lab/seed-mail USER COUNT SIZE MAILBOX}; returns the run id (in every Message-ID). */
    static String seed(int user, int count, long size, String mailbox) throws Exception {
        String out = run(List.of(script("seed-mail").toString(), Lab.get().user(user), String.valueOf(count),
                String.valueOf(size), mailbox), Duration.ofMinutes(3));
        Matcher m = RUN.matcher(out);
        if (!m.find()) {
            throw new AssertionError("lab/seed-mail printed no run id: " + out);
        }
        return m.group(1);
    }

    /** The seeded messages of {@code mailbox} in X-Lab-Seq order, from the Maildir's file names. */
    static List<Seeded> seeded(int user, String mailbox) throws Exception {
        Path dir = Path.of(doveadm("mailbox", "path", "-u", Lab.get().user(user), mailbox).trim());
        List<Seeded> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("cur"))) {
            files.forEach(p -> {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (m.find()) {
                    found.add(new Seeded(Integer.parseInt(m.group(1)), Long.parseLong(m.group(3)), p));
                }
            });
        }
        found.sort(java.util.Comparator.comparingInt(Seeded::seq));
        return found;
    }

    /** {@code doveadm kick USER}: Dovecot ends every session of the user with {@code * BYE Server shutting down.} */
    static void kick(int user) throws Exception {
        doveadm("kick", Lab.get().user(user));
    }

    static String doveadm(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("doveadm", "-c",
                Lab.get().dir().resolve("dovecot/dovecot.conf").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofMinutes(1));
    }

    private static String run(List<String> cmd, Duration max) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(max.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within " + max);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(cmd + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    private static Path script(String name) {
        String src = System.getenv("IXP_LAB_SRC");
        for (Path dir : new Path[] {src == null ? null : Path.of(src), Path.of("lab"), Path.of("../lab")}) {
            if (dir != null && Files.isExecutable(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new AssertionError("lab/" + name + " not found (set IXP_LAB_SRC)");
    }
}
