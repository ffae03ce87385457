package org.ixp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ixp nntp groups [WILDMAT]}: LIST ACTIVE (or NEWSGROUPS with {@code --descriptions}), line by line. */
@Command(name = "groups", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Lists the server's groups: name, high and low article numbers, status.")
final class NntpGroupsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WILDMAT", description = "Only groups matching, e.g. comp.*")
    private String wildmat;

    @Option(names = "--descriptions", description = "List the groups' descriptions instead (LIST NEWSGROUPS).")
    private boolean descriptions;

    @Option(names = "--no-progress", description = "No progress bar.")
    private boolean noProgress;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        return NntpSession.run(spec, connection, (nntp, events) -> {
            String args = (descriptions ? "NEWSGROUPS" : "ACTIVE") + (wildmat == null ? "" : " " + wildmat);
            try (Progress p = Progress.of("groups", -1, !noProgress && !connection.verbose)) {
                long n = Await.result(nntp.list(args, line -> {
                    events.print(line);
                    p.step(1);
                }));
                events.say(n + " groups");
            }
            return 0;
        });
    }
}
