package org.ixp.cli;

import java.util.List;
import org.ixp.pop3.Pop3CmdType;
import org.ixp.pop3.Pop3MarkType;
import org.ixp.pop3.Pop3Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ixp pop3 delete N…|--all}: marks messages deleted (DELE). The server removes them only when QUIT is
 * answered {@code +OK}; with --drop nothing is removed, which {@code ixp pop3 delete --all --drop} demonstrates.
 */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Deletes the messages given, or every message with --all (DELE, then QUIT).",
                "With --drop the session ends without QUIT, so the server deletes nothing."})
final class Pop3DeleteCommand extends Pop3Subcommand {

    @Parameters(paramLabel = "N", arity = "0..*", description = "Message numbers (this session's).")
    List<Long> numbers;

    @Option(names = "--all", description = "Every message.")
    boolean all;

    @Override
    void validate() {
        boolean some = numbers != null && !numbers.isEmpty();
        if (some == all) {
            throw new ParameterException(spec.commandLine(), "give message numbers or --all (not both)");
        }
    }

    @Override
    void work(Pop3Transport pop3, Events events, long messages) {
        if (messages == 0) {
            events.say("no messages");
            return;
        }
        List<Long> ids = select(numbers, messages);
        mark(pop3, Pop3MarkType.DELE, ids);
        List<Long> deleted = Await.result(pop3.commandDELE(all ? Pop3CmdType.GET_ALL : Pop3CmdType.GET_MARKED, 0));
        markedDeleted = deleted.size();
        events.say("marked deleted: " + deleted.size() + " message(s)");
    }
}
