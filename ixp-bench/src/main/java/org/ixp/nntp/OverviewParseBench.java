package org.ixp.nntp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Overview parsing, lines/s: INN's OVERVIEW.FMT (with {@code Xref:full}) and lines shaped like the lab's
 * {@code local.bench} entries. In package {@code org.ixp.nntp} because {@link OverviewParser} is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OverviewParseBench {
    static final int LINES = 10_000;
    private final List<String> lines = new ArrayList<>(LINES);
    private OverviewFormat format;

    @Setup(Level.Trial)
    public void setUp() {
        format = OverviewFormat.of(List.of("Subject:", "From:", "Date:", "Message-ID:", "References:", ":bytes",
                ":lines", "Xref:full"));
        for (int i = 1; i <= LINES; i++) {
            lines.add(i + "\tlab seed " + i + " of 10000\talice@ixp-lab.test\tTue, 24 Nov 2026 21:46:" + (i % 60)
                    + " +0000\t<lab-seed-" + i + ".18eb1c4a7d5e22ea@ixp-lab.test>\t" + (i % 7 == 0
                    ? "<lab-seed-" + (i - 1) + ".18eb1c4a7d5e22ea@ixp-lab.test>" : "") + "\t2" + (i % 1000)
                    + "\t" + (30 + i % 20) + "\tXref: lab.localhost local.bench:" + i);
        }
    }

    /** OverviewParser.parse of 10,000 lines into NntpHeaders: ops/s = lines/s. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void overviewParse(Blackhole bh) {
        for (String line : lines) {
            bh.consume(OverviewParser.parse(line, format));
        }
    }
}
