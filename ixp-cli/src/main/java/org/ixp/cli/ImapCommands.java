package org.ixp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code ixp imap}: IMAP commands. */
@Command(name = "imap", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"IMAP: list and look at mailboxes, fetch, search, append and move messages, watch a mailbox"
                + " (IDLE), mirror one into a local Maildir (sync).",
                "Every command logs on (--user), does its work and ends with Disconnect (LOGOUT); --drop ends"
                        + " with DropConnection instead. UIDs are the mailbox's own (see 'status' for its"
                        + " UIDVALIDITY)."},
        subcommands = {ImapListCommand.class, ImapStatusCommand.class, ImapFetchCommand.class,
                ImapSearchCommand.class, ImapAppendCommand.class, ImapMoveCommand.class, ImapIdleCommand.class,
                ImapSyncCommand.class, HelpCommand.class})
final class ImapCommands {
}
