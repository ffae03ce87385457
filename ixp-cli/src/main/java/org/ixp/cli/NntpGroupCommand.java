package org.ixp.cli;

import java.util.concurrent.Callable;
import org.ixp.nntp.NntpGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ixp nntp group NAME}: GROUP (count, first, last), and with {@code --numbers} LISTGROUP. */
@Command(name = "group", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Selects a group and prints its article count and number range.")
final class NntpGroupCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The group, e.g. comp.lang.java.")
    private String group;

    @Option(names = "--numbers", description = "Also list every article number (LISTGROUP).")
    private boolean numbers;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        return NntpSession.run(spec, connection, (nntp, events) -> {
            NntpGroup g = Await.result(nntp.commandGROUP(group));
            events.say("group: " + g.name() + " count " + g.count() + " first " + g.first() + " last " + g.last());
            if (numbers) {
                Await.result(nntp.listGroup(group, null, n -> events.print(Long.toString(n))));
            }
            return 0;
        });
    }
}
