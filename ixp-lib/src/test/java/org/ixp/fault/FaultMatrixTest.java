package org.ixp.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IxpResult;
import org.ixp.IxpStatus;
import org.ixp.TlsSettings;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7 §1: every hostile-server scenario of {@link FaultTable} on every protocol it applies to, against the
 * scripted server. Each case: the call ends (never hangs) with the outcome of the table, as an IxpException with a
 * message; DISCONNECTED is reported exactly once and last; no credential or password appears in any onCommand line
 * or error; POP3 never reports deletions committed without the server's +OK. After the class: descriptors and live
 * threads back at the level before the first case.
 */
class FaultMatrixTest {
    private static int fds0;
    private static int threads0;

    /** All rows; {@code -Dfault.only=SCENARIO} (or "PROTOCOL SCENARIO") runs a subset while debugging. */
    static List<FaultTable.Row> rows() {
        String only = System.getProperty("fault.only", "");
        return FaultTable.rows().stream().filter(r -> only.isEmpty() || r.toString().contains(only)).toList();
    }

    @BeforeAll
    static void baseline() throws Exception {
        for (Dialect d : FaultTable.DIALECTS) { // warm up: event loops, worker pool, TLS, class loading
            FaultRecorder cb = new FaultRecorder();
            InternetTransport<?> t = d.transport(cb);
            try (ScriptedServer s = ScriptedServer.start(Scenario.Setup.PLAIN.mode(), c -> Serve.session(d, c, true))) {
                t.connect(settings(d, s.port(), Scenario.Setup.startTls(TestCertificate.localhost())), true, true)
                        .get(10, TimeUnit.SECONDS);
                t.disconnect().get(10, TimeUnit.SECONDS);
            }
        }
        Resources.settle(() -> true);
        fds0 = Resources.openFds();
        threads0 = Resources.ixpThreads();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void hostileServer(FaultTable.Row row) throws Exception {
        play(row);
    }

    /** Runs one cell of the table with every check of the class comment (also used at a capped heap). */
    static void play(FaultTable.Row row) throws Exception {
        Dialect d = row.dialect();
        Scenario s = row.scenario();
        FaultRecorder cb = new FaultRecorder();
        InternetTransport<?> t = d.transport(cb);
        try (ScriptedServer server = ScriptedServer.start(s.setup.mode(), s.setup.cert(), c -> s.server.play(d, c));
             BlackHole hole = s.setup.blackHole() ? new BlackHole() : null) {
            int port = hole != null ? hole.port() : server.port();
            Scenario.Case k = new Scenario.Case(d, t, cb, server, settings(d, port, s.setup));
            long t0 = System.nanoTime();
            Outcome got = s.client.run(k);
            if (Boolean.getBoolean("fault.timing")) {
                System.out.printf("%s: %s after %d ms%n", row, got, (System.nanoTime() - t0) / 1_000_000);
            }
            assertThat(got).as("%s on %s: %s", s, d.name(), s.what).isEqualTo(row.expected());
            if (t.getStatus() != IxpStatus.DISCONNECTED) {
                Scenario.Client.outcome(t.disconnect());
            }
            endedOnce(cb, t);
            noSecretAnywhere(cb);
        } finally {
            t.dropConnection();
        }
    }

    @Test
    void atLeastSixtyScenariosAcrossTheProtocols() {
        System.out.println("fault matrix: " + FaultTable.rows().size() + " cases " + FaultTable.countByProtocol());
        assertThat(FaultTable.rows()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(FaultTable.countByProtocol()).containsOnlyKeys("SMTP", "POP3", "IMAP", "NNTP");
    }

    /** docs/FAULTS.md shows exactly the table the matrix runs. */
    @Test
    void theDocumentIsTheTable() throws Exception {
        Path doc = Path.of("..", "docs", "FAULTS.md");
        String table = FaultTable.markdown();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "FAULTS-table.md"), table);
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as("docs/FAULTS.md must contain the table FaultTable.markdown() renders (see target/FAULTS-table.md)")
                .contains(table);
    }

    @AfterAll
    static void nothingLeftBehind() throws Exception {
        int fds1 = Resources.settle(() -> Resources.openFds() <= fds0) ? Resources.openFds() : Resources.openFds();
        Resources.settle(() -> Resources.ixpThreads() <= threads0);
        int threads1 = Resources.ixpThreads();
        System.out.printf("fault matrix: descriptors %d -> %d, ixp threads %d -> %d%n", fds0, fds1, threads0, threads1);
        assertThat(fds1).as("open descriptors after the matrix").isLessThanOrEqualTo(fds0);
        assertThat(threads1).as("live ixp threads after the matrix").isLessThanOrEqualTo(threads0);
    }

    static InetServer settings(Dialect d, int port, Scenario.Setup setup) {
        return d.settings(InetServer.builder().serverName(setup.security() == org.ixp.Security.NONE ? "127.0.0.1"
                        : "localhost").port(port).security(setup.security())
                .tls(TlsSettings.trusting(TestCertificate.caPemFile())).timeouts(setup.timeouts())).build();
    }

    private static void endedOnce(FaultRecorder cb, InternetTransport<?> t) throws InterruptedException {
        cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(10));
        Thread.sleep(50); // let any (wrong) extra report arrive
        assertThat(cb.count(IxpStatus.DISCONNECTED)).as("DISCONNECTED reports in %s", cb.statuses).isEqualTo(1);
        assertThat(cb.statuses.get(cb.statuses.size() - 1)).as("last status in %s", cb.statuses)
                .isEqualTo(IxpStatus.DISCONNECTED);
        assertThat(t.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
    }

    private static void noSecretAnywhere(FaultRecorder cb) {
        String pw = Dialect.PASSWORD;
        String b64 = Base64.getEncoder().encodeToString(("\0" + Dialect.USER + "\0" + pw).getBytes(StandardCharsets.UTF_8));
        String b64pw = Base64.getEncoder().encodeToString(pw.getBytes(StandardCharsets.UTF_8));
        for (String line : cb.commands) {
            assertThat(line).doesNotContain(pw, b64, b64pw);
        }
        for (IxpResult r : cb.errors) {
            assertThat(String.valueOf(r)).doesNotContain(pw, b64, b64pw);
        }
    }

    /** Descriptors of this process and ixp's own threads. */
    static final class Resources {
        private Resources() {
        }

        static int openFds() {
            String[] fds = new File("/proc/self/fd").list();
            return fds == null ? -1 : fds.length;
        }

        static int ixpThreads() {
            return (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(th -> !th.getName().startsWith(ScriptedServer.THREAD_PREFIX)).count();
        }

        /** Polls up to 10 s (sockets and idle pool threads are reaped asynchronously). */
        static boolean settle(java.util.function.BooleanSupplier done) throws InterruptedException {
            System.gc();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(100);
            }
            Thread.sleep(300);
            return true;
        }
    }
}
