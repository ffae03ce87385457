package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.junit.jupiter.api.Test;

/**
 * RETR of a 200 MB message with the heap capped at 64 MB (this class runs in its own surefire execution with
 * {@code -Xmx64m}, see {@code ixp-lib/pom.xml}; in a JVM with a larger heap it is skipped, saying where it runs). The
 * server (in the same JVM) generates the message line by line, dot-stuffed; the client writes it into an
 * {@code OutputStream} that hashes it, through a callback that is deliberately slow now and then, so reading must
 * pause. The digest proves every byte arrived, de-stuffed; the heap's peak after collections proves constant memory.
 */
class Pop3RetrLargeHeapTest {
    private static final long SIZE = 200L << 20;
    private static final int LINE = 78;
    private static final long MAX_HEAP = 64L << 20;

    /** Line {@code i} of the message, CRLF included, as the client must receive it (every 7th begins with a dot). */
    private static byte[] line(long i) {
        StringBuilder sb = new StringBuilder(LINE + 2);
        if (i % 7 == 0) {
            sb.append('.');
        }
        String seq = Long.toString(i);
        while (sb.length() < LINE - seq.length()) {
            sb.append((char) ('a' + (i + sb.length()) % 26));
        }
        sb.append(seq).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long lines() {
        return SIZE / (LINE + 2);
    }

    private static void serve(Conversation c) {
        c.send("+OK big maildrop");
        c.expect("CAPA");
        c.send("-ERR");
        c.expect("USER");
        c.send("+OK");
        c.expect("PASS");
        c.send("+OK");
        c.expect("STAT");
        c.send("+OK 1 " + SIZE);
        c.expect("RETR 1");
        c.send("+OK " + SIZE + " octets");
        byte[] block = new byte[64 * 1024];
        int n = 0;
        for (long i = 0; i < lines(); i++) {
            byte[] l = line(i);
            boolean stuff = l[0] == '.';
            int need = l.length + (stuff ? 1 : 0);
            if (n + need > block.length) {
                c.sendRaw(java.util.Arrays.copyOf(block, n));
                n = 0;
            }
            if (stuff) {
                block[n++] = '.';
            }
            System.arraycopy(l, 0, block, n, l.length);
            n += l.length;
        }
        c.sendRaw(java.util.Arrays.copyOf(block, n));
        c.send(".");
        c.expect("QUIT");
        c.send("+OK bye");
    }

    @Test
    void a200MbMessageStreamsThroughA64MbHeap() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() <= MAX_HEAP + (8L << 20),
                "runs in the large-heap surefire execution (-Xmx64m); this JVM's heap is larger");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        long expectedBytes = 0;
        for (long i = 0; i < lines(); i++) {
            byte[] l = line(i);
            expected.update(l);
            expectedBytes += l.length;
        }
        String expectedDigest = HexFormat.of().formatHex(expected.digest());

        // each pool's usage after its last collection: collect now, or an old generation not collected since the
        // previous test class ran still reports what that class had live (58 MiB after a 200 MB literal test)
        ManagementFactory.getMemoryMXBean().gc();
        long baseline = liveAfterLastCollection();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(liveAfterLastCollection(), Math::max);
                Pop3Fixture.sleepQuietly(10);
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        AtomicLong chunks = new AtomicLong();
        Pop3Recorder slow = new Pop3Recorder() {
            @Override
            public void onResponse(Pop3Response response, Pop3Transport transport) {
                if (chunks.incrementAndGet() % 256 == 0) {
                    Pop3Fixture.sleepQuietly(20); // a consumer that falls behind now and then
                }
            }
        };
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, Pop3RetrLargeHeapTest::serve)) {
            Pop3Transport t = new Pop3Transport();
            t.initNew(null, slow);
            Duration wait = Duration.ofSeconds(30);
            InetServer s = InetServer.builder().serverName(server.host()).port(server.port())
                    .security(Security.NONE).allowPlaintextAuth(true).userName("big").password("pw")
                    .timeouts(new Timeouts(wait, wait, wait, wait, wait)).build();
            t.connect(s, true, false).get(30, TimeUnit.SECONDS);
            assertThat(t.commandSTAT().get(30, TimeUnit.SECONDS).bytes()).isEqualTo(SIZE);
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            OutputStream hashing = new OutputStream() {
                @Override
                public void write(int b) {
                    got.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    got.update(b, off, len);
                }
            };
            long written = t.commandRETR(1, hashing).get(5, TimeUnit.MINUTES);
            assertThat(written).isEqualTo(expectedBytes);
            assertThat(HexFormat.of().formatHex(got.digest())).isEqualTo(expectedDigest);
            assertThat(chunks.get()).isGreaterThan(expectedBytes / Pop3Decoder.MAX_CHUNK);
            assertThat(t.disconnect().get(30, TimeUnit.SECONDS).acknowledged()).isTrue();
            assertThat(server.scriptFailures()).isEmpty();
        }
        sampler.interrupt();
        System.out.println("live heap after collections: before the RETR " + (baseline >> 10) + " KiB, peak "
                + (peak.get() >> 10) + " KiB");
        assertThat(peak.get() - baseline).as("live heap growth after collections, highest sample (before %d KiB)",
                baseline >> 10).isLessThan(MAX_HEAP / 4);
    }

    /** The heap pools' usage right after their last collection (what was live then), summed. */
    private static long liveAfterLastCollection() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                sum += p.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }
}
