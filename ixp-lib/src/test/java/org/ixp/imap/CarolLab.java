package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.testkit.Lab;

/** The lab's Dovecot as carol (Lab.user(3)), the user the extension ITs own. */
final class CarolLab {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final int CAROL = 3;
    private final Lab lab = Lab.get();

    InetServer.Builder starttls() {
        return InetServer.builder().serverName(lab.host()).port(lab.imapPort()).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(lab.caCert())).userName(lab.user(CAROL)).password(lab.password(CAROL))
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, Duration.ofSeconds(10)));
    }

    InetServer.Builder imaps() {
        return starttls().port(lab.imapsPort()).security(Security.IMPLICIT_TLS);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for a clean-up command, ignoring its failure (UNSELECT with nothing selected, DELETE of a parent). */
    static void quietly(CompletableFuture<?> f) throws Exception {
        f.exceptionally(e -> null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    ImapTransport open(ImapRecorder cb) throws Exception {
        ImapTransport t = new ImapTransport();
        t.initNew(null, cb, cb.executor());
        get(t.connect(starttls().build(), true, true));
        return t;
    }

    /** lab/seed-mail carol COUNT SIZE MAILBOX: message i has subject "lab seed i of COUNT" and UID i. */
    void seed(int count, int size, String mailbox) throws Exception {
        Path script = labScript("seed-mail");
        Process p = new ProcessBuilder(script.toString(), lab.user(CAROL), String.valueOf(count),
                String.valueOf(size), mailbox).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("lab/seed-mail said: %s", out).isZero();
    }

    private static Path labScript(String name) {
        String src = System.getenv("IXP_LAB_SRC");
        for (Path dir : new Path[] {src == null ? null : Path.of(src), Path.of("lab"), Path.of("../lab")}) {
            if (dir != null && Files.isExecutable(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new AssertionError("lab/" + name + " not found (set IXP_LAB_SRC)");
    }
}
