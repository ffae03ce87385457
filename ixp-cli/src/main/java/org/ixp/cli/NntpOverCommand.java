package org.ixp.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.ixp.nntp.NntpGroup;
import org.ixp.nntp.NntpRange;
import org.ixp.nntp.OverviewSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp nntp over GROUP [RANGE]}: the overview (OVER/XOVER) of a range, one line per article:
 * {@code number<TAB>date<TAB>from<TAB>subject}. Malformed lines are reported and the listing goes on.
 */
@Command(name = "over", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Prints the overview of a group: number, date, from, subject.")
final class NntpOverCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The group.")
    private String group;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RANGE",
            description = "N, N-M or N- (default: the whole group).")
    private String range;

    @Option(names = "--no-progress", description = "No progress bar.")
    private boolean noProgress;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        NntpRange wanted = range == null ? null : parse(range);
        return NntpSession.run(spec, connection, (nntp, events) -> {
            NntpGroup g = Await.result(nntp.commandGROUP(group));
            NntpRange r = wanted != null ? wanted : NntpRange.of(g.first(), Math.max(g.first(), g.last()));
            long expected = r.last() < 0 ? -1 : r.last() - r.first() + 1;
            AtomicLong malformed = new AtomicLong();
            try (Progress p = Progress.of("overview", expected, !noProgress && !connection.verbose)) {
                OverviewSummary s = Await.result(nntp.over(r, h -> {
                    events.print(h.articleNumber() + "\t" + h.date() + "\t" + h.from() + "\t" + h.subject());
                    p.step(1);
                }, problem -> {
                    malformed.incrementAndGet();
                    events.print("malformed: " + problem.articleNumber() + " " + problem.reason());
                    p.step(1);
                }));
                events.say(s.entries() + " articles" + (s.malformed() == 0 ? "" : ", " + s.malformed()
                        + " malformed overview lines"));
            }
            return 0;
        });
    }

    private NntpRange parse(String s) {
        try {
            int dash = s.indexOf('-');
            if (dash < 0) {
                return NntpRange.single(Long.parseLong(s));
            }
            long first = Long.parseLong(s.substring(0, dash));
            String rest = s.substring(dash + 1);
            return rest.isEmpty() ? NntpRange.from(first) : NntpRange.of(first, Long.parseLong(rest));
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "RANGE is N, N-M or N-: " + s);
        }
    }
}
