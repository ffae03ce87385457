package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.junit.jupiter.api.Test;

/**
 * FETCH responses come by the thousand (a mailbox sync) and reach the callback with read backpressure, like body
 * data: a callback slower than the server stops the reading once about 2 MiB of parsed responses wait for it, so
 * memory stays constant (run with the heap capped at 64 MB: the 60,000 responses of the first test, queued, would need ~110 MB).
 * A callback that waits for a later command of the same transport while reading is paused (it can take nothing)
 * has the reading resumed after 2 s, so that wait ends instead of deadlocking.
 */
class ImapSlowCallbackLargeHeapTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Counts FETCH responses, checks their order, optionally slowly; keeps only the few other responses. */
    private static final class Counting extends ImapRecorder {
        final AtomicLong taken = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        volatile long millisPerFetch;
        volatile java.util.function.Consumer<ImapTransport> onFirst = t -> { };

        @Override
        public void onResponse(ImapResponse r, ImapTransport transport) {
            if (r.type() != ImapResponseType.UPDATE_MSG) {
                imap.add(r);
                return;
            }
            long n = taken.incrementAndGet();
            if (r.data(ImapEvent.Fetch.class).seq() != n) {
                outOfOrder.incrementAndGet();
            }
            if (n == 1) {
                onFirst.accept(transport);
            }
            long ms = millisPerFetch;
            if (ms > 0) {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A FETCH response of about 250 octets with an ENVELOPE, as a sync asks for. */
    private static String fetch(int n) {
        return "* " + n + " FETCH (UID " + n + " FLAGS (\\Seen) ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" "
                + "\"message " + n + " of the flood\" ((\"Sender Name\" NIL \"sender\" \"example.org\")) "
                + "((\"Sender Name\" NIL \"sender\" \"example.org\")) ((\"Sender Name\" NIL \"sender\" \"example.org\"))"
                + " ((NIL NIL \"alice\" \"example.org\")) NIL NIL NIL \"<m" + n + "@example.org>\"))\r\n";
    }

    /** Greets, logs alice on, selects INBOX of {@code count} messages and answers a FETCH of all with the flood. */
    private static void flood(Conversation c, int count, AtomicInteger sent) {
        ImapFixture.greetAndLogin(c);
        c.expect("a3 SELECT INBOX");
        c.send("* " + count + " EXISTS");
        c.send("a3 OK [READ-WRITE] done");
        c.expect("a4 FETCH 1:" + count + " (UID FLAGS ENVELOPE)");
        StringBuilder batch = new StringBuilder();
        for (int n = 1; n <= count; n++) {
            batch.append(fetch(n));
            if (n % 200 == 0 || n == count) {
                c.sendRaw(batch.toString());
                batch.setLength(0);
                sent.set(n);
            }
        }
        c.send("a4 OK fetched");
    }

    private static ImapTransport connect(ScriptedServer server, Counting cb) throws Exception {
        ImapTransport t = new ImapTransport();
        t.initNew(null, cb, cb.executor());
        t.connect(InetServer.builder().serverName(server.host()).port(server.port()).security(Security.NONE)
                        .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, Duration.ofSeconds(1))).userName("alice")
                        .password("s3cret pass").allowPlaintextAuth(true).build(), true, true)
                .get(10, TimeUnit.SECONDS);
        t.select("INBOX").get(10, TimeUnit.SECONDS);
        return t;
    }

    private static RangeList all(int count) {
        RangeList r = new RangeList();
        r.addRange(1, count);
        return r;
    }

    @Test
    void aCallbackSlowerThanTheServerStopsTheReading() throws Exception {
        int count = 60_000;
        AtomicInteger sent = new AtomicInteger();
        Counting cb = new Counting();
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            flood(c, count, sent);
            ImapFixture.logout(c, "a5");
        })) {
            ImapTransport t = connect(server, cb);
            long before = HeapProbe.afterGc();
            cb.millisPerFetch = 1; // about 900 responses a second: the server is far faster
            CompletableFuture<ImapCompletion> f = t.fetch(all(count), "(UID FLAGS ENVELOPE)");
            List<Long> heap = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread.sleep(500);
                heap.add(HeapProbe.afterGc() - before);
            }
            int sentWhileSlow = sent.get();
            long takenWhileSlow = cb.taken.get();
            long peak = heap.stream().mapToLong(Long::longValue).max().orElseThrow();
            cb.millisPerFetch = 0;
            ImapCompletion done = f.get(60, TimeUnit.SECONDS);
            t.disconnect().get(10, TimeUnit.SECONDS);
            cb.drain();

            System.out.printf("ImapSlowCallbackLargeHeapTest: in 2 s the callback took %d responses, the server sent"
                    + " %d of %d; live heap growth %s%n", takenWhileSlow, sentWhileSlow, count,
                    heap.stream().map(HeapProbe::mib).toList());
            assertThat(sentWhileSlow).as("responses the server could send while the callback was slow (it took %d)",
                    takenWhileSlow).isLessThan(count);
            assertThat(peak).as("live heap growth while the callback was slow, every 500 ms: %s",
                    heap.stream().map(HeapProbe::mib).toList()).isLessThan(8L << 20);
            assertThat(done.status()).isEqualTo(ImapStatus.OK);
            assertThat(cb.taken.get()).as("FETCH responses taken").isEqualTo(count);
            assertThat(cb.outOfOrder.get()).as("responses out of order").isZero();
        }
    }

    @Test
    void aCallbackWaitingForALaterCommandWhileReadingIsPausedIsNotDeadlocked() throws Exception {
        int count = 20_000; // ~25 MiB of parsed responses by the weight: reading pauses at 2 MiB
        AtomicInteger sent = new AtomicInteger();
        Counting cb = new Counting();
        AtomicLong waitedMs = new AtomicLong(-1);
        List<Throwable> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            flood(c, count, sent);
            c.expect("a5 NOOP");
            c.send("a5 OK nothing new");
            ImapFixture.logout(c, "a6");
        })) {
            ImapTransport t = connect(server, cb);
            cb.onFirst = transport -> {
                long t0 = System.nanoTime();
                try {
                    Thread.sleep(300); // let the queue fill and the reading pause before the wait begins
                    transport.noop().get(20, TimeUnit.SECONDS);
                    waitedMs.set((System.nanoTime() - t0) / 1_000_000);
                } catch (Exception e) {
                    failed.add(e);
                }
            };
            ImapCompletion done = t.fetch(all(count), "(UID FLAGS ENVELOPE)").get(60, TimeUnit.SECONDS);
            cb.drain();
            t.disconnect().get(10, TimeUnit.SECONDS);

            assertThat(failed).as("the callback's NOOP").isEmpty();
            assertThat(waitedMs.get()).as("ms the callback waited for its NOOP (the stall is detected after 2 s)")
                    .isBetween(2_000L, 15_000L);
            assertThat(done.status()).isEqualTo(ImapStatus.OK);
            assertThat(cb.taken.get()).as("FETCH responses taken").isEqualTo(count);
            assertThat(cb.outOfOrder.get()).as("responses out of order").isZero();
        }
    }
}
