package org.ixp.cli;

import java.util.List;
import org.ixp.pop3.Pop3CmdType;
import org.ixp.pop3.Pop3MarkType;
import org.ixp.pop3.Pop3Response;
import org.ixp.pop3.Pop3Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ixp pop3 uidl [N…]}: unique ids, the identity of a message across sessions. */
@Command(name = "uidl", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Prints 'N UNIQUE-ID' for every message, or for the numbers given (UIDL).")
final class Pop3UidlCommand extends Pop3Subcommand {

    @Parameters(paramLabel = "N", arity = "0..*", description = "Message numbers (this session's); none: all.")
    List<Long> numbers;

    @Override
    void work(Pop3Transport pop3, Events events, long messages) {
        if (messages == 0) {
            events.say("no messages");
            return;
        }
        List<Long> ids = select(numbers, messages);
        mark(pop3, Pop3MarkType.UIDL, ids);
        List<Pop3Response.UidlInfo> list = Await.result(pop3.commandUIDL(
                ids.isEmpty() ? Pop3CmdType.GET_ALL : Pop3CmdType.GET_MARKED, 0));
        for (Pop3Response.UidlInfo u : list) {
            events.say(u.popId() + " " + u.uidl());
        }
    }
}
