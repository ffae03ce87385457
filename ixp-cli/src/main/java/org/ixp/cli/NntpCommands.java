package org.ixp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code ixp nntp}: NNTP commands. */
@Command(name = "nntp", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "NNTP: list groups, read overviews and articles, post.",
        subcommands = {NntpGroupsCommand.class, NntpGroupCommand.class, NntpOverCommand.class,
                NntpArticleCommand.class, NntpPostCommand.class, NntpNewGroupsCommand.class, HelpCommand.class})
final class NntpCommands {
}
