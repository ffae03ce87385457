package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;

/**
 * The overview of 10,000 articles from INN with this JVM's heap capped at 64 MB (failsafe's large-heap execution),
 * read through both the contract form (onResponse parts) and the per-header consumer, keeping nothing. The group is
 * seeded with {@code lab/seed-news local.bench 10000 2048} when it holds fewer than 10,000 articles.
 */
class NntpOverviewLargeHeapIT {
    private static final String GROUP = "local.bench";
    private static final int COUNT = 10_000;

    @Test
    void overviewOfTenThousandArticlesInConstantMemory() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap cap").isLessThanOrEqualTo(80L << 20);
        Lab lab = Lab.get();
        InetServer server = InetServer.builder().serverName(lab.tlsHostname()).port(lab.nntpPort())
                .security(Security.STARTTLS).tls(TlsSettings.trusting(lab.caCert()))
                .timeouts(org.ixp.Timeouts.all(Duration.ofSeconds(30))).build();
        AtomicLong parts = new AtomicLong();
        AtomicLong entries = new AtomicLong();
        NntpTransport t = new NntpTransport();
        t.initNew(null, new NntpRecorder() {
            @Override
            public void onResponse(NntpResponse response, NntpTransport transport) {
                // keep nothing: count only
                if (response.headers() != null) {
                    parts.incrementAndGet();
                    entries.addAndGet(response.headers().headers().size());
                }
            }
        });
        t.connect(server, false, false).get(20, TimeUnit.SECONDS);
        NntpGroup g = t.commandGROUP(GROUP).get(20, TimeUnit.SECONDS);
        if (g.count() < COUNT) {
            t.disconnect().get(10, TimeUnit.SECONDS);
            seed();
            t.connect(server, false, false).get(20, TimeUnit.SECONDS);
            g = t.commandGROUP(GROUP).get(20, TimeUnit.SECONDS);
        }
        assertThat(g.count()).isGreaterThanOrEqualTo(COUNT);
        NntpRange range = NntpRange.of(g.last() - COUNT + 1, g.last());

        OverviewSummary contract = t.getHeaders(range).get(120, TimeUnit.SECONDS);
        assertThat(contract).isEqualTo(new OverviewSummary(COUNT, 0));
        assertThat(entries.get()).isEqualTo(COUNT);
        assertThat(parts.get()).isGreaterThan(COUNT / NntpDecoder.PART_LINES - 1);

        AtomicLong bytes = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        OverviewSummary sink = t.over(range, h -> {
            seen.incrementAndGet();
            bytes.addAndGet(h.bytes());
        }, p -> {
            throw new AssertionError("malformed overview line: " + p);
        }).get(120, TimeUnit.SECONDS);
        assertThat(sink.entries()).isEqualTo(COUNT);
        assertThat(seen.get()).isEqualTo(COUNT);
        assertThat(bytes.get()).isGreaterThan(COUNT * 2000L);

        // and every article's body, streamed into nothing, on the same connection
        AtomicLong total = new AtomicLong();
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                total.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                total.addAndGet(len);
            }
        };
        for (long n = g.last() - 99; n <= g.last(); n++) {
            t.body(ArticleId.number(n), counting).get(20, TimeUnit.SECONDS);
        }
        assertThat(total.get()).isGreaterThan(100 * 1000L);
        t.disconnect().get(10, TimeUnit.SECONDS);
    }

    /** Runs the project's {@code lab/seed-news} (found from the module or the project directory). */
    private static void seed() throws Exception {
        Path script = null;
        for (Path p : new Path[] {Path.of("lab/seed-news"), Path.of("../lab/seed-news")}) {
            if (Files.isExecutable(p)) {
                script = p;
                break;
            }
        }
        if (script == null) {
            throw new IllegalStateException(GROUP + " has fewer than " + COUNT + " articles and lab/seed-news was not"
                    + " found: run lab/seed-news " + GROUP + " " + COUNT + " 2048");
        }
        Process p = new ProcessBuilder(script.toString(), GROUP, Integer.toString(COUNT), "2048")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("lab/seed-news failed: " + out);
        }
    }
}
