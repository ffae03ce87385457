package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.RecordingCallback;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.junit.jupiter.api.Test;

/** Disconnect, drop and commands racing from 8 threads: no deadlock, every future completes, one DISCONNECTED. */
class RaceTest {

    @Test
    void disconnectDropAndCommandsRaceFromEightThreads() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            SmtpScripts.greetAndEhlo(c);
            while (true) {
                String l = c.readLine();
                if (l == null) {
                    return;
                }
                c.send(l.equals("QUIT") ? "221 bye" : "250 ok");
                if (l.equals("QUIT")) {
                    return;
                }
            }
        })) {
            for (int round = 0; round < 40; round++) {
                SmtpTransport t = new SmtpTransport();
                RecordingCallback cb = new RecordingCallback();
                t.initNew(null, cb);
                t.connect(SmtpScripts.plain(server), false, false).get(5, TimeUnit.SECONDS);
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<?>> futures = new ArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int kind = (i + round) % 3;
                    Thread th = new Thread(() -> {
                        try {
                            go.await();
                            CompletableFuture<?> f = kind == 0 ? t.disconnect()
                                    : kind == 1 ? t.dropConnection() : t.commandNOOP();
                            synchronized (futures) {
                                futures.add(f);
                            }
                        } catch (IxpException expected) {
                            // NOT_CONNECTED / BUSY: a precondition lost the race, thrown at once
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    threads.add(th);
                    th.start();
                }
                go.countDown();
                for (Thread th : threads) {
                    th.join(5000);
                    assertThat(th.isAlive()).as("racing thread finished").isFalse();
                }
                synchronized (futures) {
                    for (CompletableFuture<?> f : futures) {
                        try {
                            f.get(5, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.ExecutionException expected) {
                            assertThat(IxpException.unwrap(expected)).isNotNull();
                        }
                    }
                }
                cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(5));
                Thread.sleep(20);
                assertThat(cb.count(IxpStatus.DISCONNECTED)).as("round %d: %s", round, cb.statuses).isEqualTo(1);
                assertThat(t.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
            }
        }
    }
}
