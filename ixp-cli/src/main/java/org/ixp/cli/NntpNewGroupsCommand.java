package org.ixp.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ixp nntp newgroups SINCE}: the groups created since a date (NEWGROUPS), optionally by distribution. */
@Command(name = "newgroups", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Lists the groups created since SINCE (2024-06-01, or 2024-06-01T12:00:00Z).")
final class NntpNewGroupsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SINCE", description = "A date (UTC) or an instant.")
    private String since;

    @Option(names = "--dist", paramLabel = "D", description = "Only names beginning with these, e.g. alt.tv,comp")
    private String dist;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        Instant from = parse(since);
        return NntpSession.run(spec, connection, (nntp, events) -> {
            long n = Await.result(nntp.newGroups(from, dist, events::print));
            events.say(n + " new groups since " + from);
            return 0;
        });
    }

    private Instant parse(String s) {
        try {
            return s.contains("T") ? Instant.parse(s) : LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "SINCE is a date (2024-06-01) or an instant"
                    + " (2024-06-01T12:00:00Z): " + s);
        }
    }
}
