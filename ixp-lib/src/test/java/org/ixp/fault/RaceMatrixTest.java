package org.ixp.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ixp.InternetTransport;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.TlsSettings;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7 §4 for every protocol: Disconnect, DropConnection and commands racing from 8 threads on a live session,
 * {@value #ROUNDS} rounds each (TLS in every other round): no deadlock (every racing thread returns), every future
 * completes (with a result or an IxpException), DISCONNECTED exactly once and last. Meanwhile a
 * {@link MonitorSampler} watches that no thread ever holds one of ixp's monitors while blocking.
 */
class RaceMatrixTest {
    static final int ROUNDS = Integer.getInteger("ixp.raceRounds", 40);
    private static MonitorSampler sampler;

    @BeforeAll
    static void startSampling() {
        sampler = new MonitorSampler();
    }

    @AfterAll
    static void noBlockingUnderAMonitor() throws Exception {
        sampler.close();
        System.out.printf("race matrix: %d monitor samples, %d violations%n", sampler.samples(),
                sampler.violations().size());
        assertThat(sampler.samples()).as("the sampler ran").isGreaterThan(10);
        assertThat(sampler.violations()).as("an ixp monitor held across blocking I/O or a wait").isEmpty();
    }

    static List<Dialect> dialects() {
        return FaultTable.DIALECTS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void disconnectDropAndCommandsRaceFromEightThreads(Dialect d) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Scenario.Setup.PLAIN.mode(), c -> Serve.session(d, c, true))) {
            for (int round = 0; round < ROUNDS; round++) {
                FaultRecorder cb = new FaultRecorder();
                InternetTransport<?> t = d.transport(cb);
                boolean tls = round % 2 == 1;
                Scenario.Setup setup = tls ? Scenario.Setup.startTls(TestCertificate.localhost()) : Scenario.Setup.PLAIN;
                t.connect(FaultMatrixTest.settings(d, server.port(), setup), true, false).get(10, TimeUnit.SECONDS);
                race(d, t, round);
                cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(10));
                Thread.sleep(20);
                assertThat(cb.count(IxpStatus.DISCONNECTED)).as("%s round %d: %s", d.name(), round, cb.statuses)
                        .isEqualTo(1);
                assertThat(cb.statuses.get(cb.statuses.size() - 1)).isEqualTo(IxpStatus.DISCONNECTED);
                assertThat(t.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
            }
        }
    }

    private static void race(Dialect d, InternetTransport<?> t, int round) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<?>> futures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int kind = (i + round) % 4;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    CompletableFuture<?> f = switch (kind) {
                        case 0 -> t.disconnect();
                        case 1 -> t.dropConnection();
                        default -> kind == 2 ? d.simple(t) : d.multiLine(t);
                    };
                    synchronized (futures) {
                        futures.add(f);
                    }
                } catch (IxpException expected) {
                    // NOT_CONNECTED, BUSY: a precondition lost the race and was refused at once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "racer-" + i);
            threads.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : threads) {
            th.join(10_000);
            assertThat(th.isAlive()).as("%s round %d: racing thread %s returned (no deadlock)", d.name(), round,
                    th.getName()).isFalse();
        }
        List<CompletableFuture<?>> all;
        synchronized (futures) {
            all = new ArrayList<>(futures);
        }
        for (CompletableFuture<?> f : all) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(IxpException.unwrap(e)).as("a failed future fails with an IxpException").isNotNull();
            } catch (TimeoutException e) {
                throw new AssertionError(d.name() + " round " + round + ": a future never completed");
            }
        }
        if (t.getStatus() != IxpStatus.DISCONNECTED) {
            t.dropConnection().get(10, TimeUnit.SECONDS); // only disconnects and commands raced: end it
        }
    }

    static TlsSettings trust() {
        return TlsSettings.trusting(TestCertificate.caPemFile());
    }
}
