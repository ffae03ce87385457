package org.ixp.cli;

import org.ixp.pop3.Pop3Transport;
import picocli.CommandLine.Command;

/** {@code ixp pop3 stat}: how many messages, how many bytes. */
@Command(name = "stat", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Prints the number of messages and their total size (STAT).")
final class Pop3StatCommand extends Pop3Subcommand {

    @Override
    void work(Pop3Transport pop3, Events events, long messages) {
        // STAT is what every POP3 command starts with; here it is the whole work
        events.say("messages: " + messages);
    }
}
