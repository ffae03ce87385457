package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ixp.Security;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.nntp.NewsStore;
import org.ixp.testkit.nntp.NntpResponder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs anywhere, in surefire's large-heap execution (64 MB): the overview of 10,000 articles from the embedded
 * responder, through a consumer that keeps nothing, and LISTGROUP of the same group.
 */
class NntpOverviewLargeHeapTest {

    @Test
    void tenThousandOverviewEntriesAtSixtyFourMegabytes() throws Exception {
        // mvn test runs this class only in the large-heap execution; a -Dtest filter also runs it uncapped: skip then
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() <= 80L << 20, "runs with the heap capped at 64 MB");
        NewsStore store = new NewsStore("heap.ixp.test").group("local.bench", "bench");
        store.seed("local.bench", 10_000, 300);
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, new NntpResponder(store,
                NntpResponder.Options.defaults().withStartTls(false)))) {
            NntpTransport t = new NntpTransport();
            t.initNew(null, new NntpCallback() {
            });
            t.connect(org.ixp.InetServer.builder().serverName(server.host()).port(server.port())
                    .security(Security.NONE).build(), false, false).get(10, TimeUnit.SECONDS);
            t.commandGROUP("local.bench").get(10, TimeUnit.SECONDS);
            AtomicLong seen = new AtomicLong();
            OverviewSummary s = t.over(NntpRange.of(1, 10_000), h -> seen.incrementAndGet(), null)
                    .get(60, TimeUnit.SECONDS);
            assertThat(s.entries()).isEqualTo(10_000);
            assertThat(seen.get()).isEqualTo(10_000);
            AtomicLong numbers = new AtomicLong();
            t.listGroup("local.bench", null, n -> numbers.incrementAndGet()).get(60, TimeUnit.SECONDS);
            assertThat(numbers.get()).isEqualTo(10_000);
            t.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}
