package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.RecordingCallback;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.junit.jupiter.api.Test;

/** 10,000 connect → disconnect cycles end with open file descriptors and live threads back at their start. */
class ConnectCycleLeakTest {
    private static final int CYCLES = Integer.getInteger("ixp.cycles", 10_000);

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Test
    void tenThousandCyclesLeaveNoDescriptorOrThreadBehind() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, SmtpScripts::politeSession)) {
            SmtpTransport t = new SmtpTransport();
            t.initNew(null, new RecordingCallback() {
                @Override
                public void onStatus(org.ixp.IxpStatus status, org.ixp.InternetTransport<?> transport) {
                    // keep memory flat: record nothing over 10,000 cycles
                }
            });
            InetServer s = SmtpScripts.plain(server);
            cycle(t, s, 200); // warm up: event loops, worker pool, class loading
            server.awaitConnectionsClosed(Duration.ofSeconds(5));
            settle();
            int fds0 = openFds();
            int threads0 = Thread.activeCount();
            java.util.Set<String> names0 = threadNames();

            cycle(t, s, CYCLES);

            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(10))).isTrue();
            int fds1 = settleUntil(() -> openFds() <= fds0, ConnectCycleLeakTest::openFds);
            int threads1 = settleUntil(() -> Thread.activeCount() <= threads0, Thread::activeCount);
            java.util.Set<String> extra = threadNames();
            extra.removeAll(names0);
            System.out.printf("%d cycles: fds %d -> %d, threads %d -> %d %s%n", CYCLES, fds0, fds1, threads0, threads1,
                    extra);
            assertThat(fds1).as("open file descriptors after %d cycles", CYCLES).isLessThanOrEqualTo(fds0);
            assertThat(threads1).as("live threads after %d cycles", CYCLES).isLessThanOrEqualTo(threads0);
            assertThat(server.connectionCount()).isEqualTo(200 + CYCLES);
        }
    }

    private static void cycle(SmtpTransport t, InetServer s, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            t.connect(s, false, false).get(5, TimeUnit.SECONDS);
            assertThat(t.disconnect().get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ACKNOWLEDGED);
        }
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(th -> names.add(th.getName()));
        return names;
    }

    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
    }

    /** Polls (up to 10 s) for counts to come back: closed sockets and ended threads are reaped asynchronously. */
    private static int settleUntil(java.util.function.BooleanSupplier done, java.util.function.IntSupplier value)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return value.getAsInt();
    }
}
