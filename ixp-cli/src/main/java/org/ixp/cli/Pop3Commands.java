package org.ixp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code ixp pop3}: read and delete mail over POP3. */
@Command(name = "pop3", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"POP3: look at a maildrop, fetch and delete messages.",
                "Every command logs on (--user), says STAT, does its work and ends with Disconnect (QUIT), which is"
                        + " what commits deletions; --drop ends with DropConnection instead, so nothing is deleted."},
        subcommands = {Pop3StatCommand.class, Pop3ListCommand.class, Pop3UidlCommand.class, Pop3FetchCommand.class,
                Pop3DeleteCommand.class, HelpCommand.class})
final class Pop3Commands {
}
