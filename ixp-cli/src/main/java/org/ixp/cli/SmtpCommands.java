package org.ixp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code ixp smtp}: SMTP commands. */
@Command(name = "smtp", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "SMTP: send mail.", subcommands = {SmtpSendCommand.class, HelpCommand.class})
final class SmtpCommands {
}
