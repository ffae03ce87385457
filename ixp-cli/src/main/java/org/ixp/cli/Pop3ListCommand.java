package org.ixp.cli;

import java.util.List;
import org.ixp.pop3.Pop3CmdType;
import org.ixp.pop3.Pop3MarkType;
import org.ixp.pop3.Pop3Response;
import org.ixp.pop3.Pop3Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ixp pop3 list [N…]}: message sizes. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Prints 'N SIZE' for every message, or for the numbers given (LIST).")
final class Pop3ListCommand extends Pop3Subcommand {

    @Parameters(paramLabel = "N", arity = "0..*", description = "Message numbers (this session's); none: all.")
    List<Long> numbers;

    @Override
    void work(Pop3Transport pop3, Events events, long messages) {
        if (messages == 0) {
            events.say("no messages");
            return;
        }
        List<Long> ids = select(numbers, messages);
        mark(pop3, Pop3MarkType.LIST, ids);
        List<Pop3Response.ListInfo> list = Await.result(pop3.commandLIST(
                ids.isEmpty() ? Pop3CmdType.GET_ALL : Pop3CmdType.GET_MARKED, 0));
        for (Pop3Response.ListInfo l : list) {
            events.say(l.popId() + " " + l.size());
        }
    }
}
