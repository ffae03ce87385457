package org.ixp.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code ixp} command: {@code probe} a server, use one protocol ({@code smtp}, {@code pop3}, {@code imap},
 * {@code nntp}), or watch the {@code demo}. Exit codes: 0 success, 1 an ixp
 * failure (printed as {@code error: IXP_E_NAME (0x800CCCxx): text}), 2 a usage error.
 */
@Command(name = "ixp", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Internet transports (SMTP, POP3, IMAP, NNTP) from the command line.",
        subcommands = {ProbeCommand.class, SmtpCommands.class, Pop3Commands.class, ImapCommands.class,
                NntpCommands.class, DemoCommand.class, HelpCommand.class})
public final class IxpCli implements Callable<Integer> {
    private final Function<String, String> env;

    @Spec
    private CommandSpec spec;

    /** Reads {@code --password-env} variables from the process environment. */
    public IxpCli() {
        this(System::getenv);
    }

    /** @param env where {@code --password-env} looks a variable up (tests pass a map's {@code get}) */
    public IxpCli(Function<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    public static void main(String[] args) {
        // The CLI reports through the transport callbacks; Netty's own warnings (java.util.logging, since the
        // CLI binds SLF4J to nop) would only interleave with them.
        java.util.logging.Logger.getLogger("io.netty").setLevel(java.util.logging.Level.OFF);
        System.exit(new CommandLine(new IxpCli()).execute(args));
    }

    /** The value of an environment variable, or {@code null}. */
    String environment(String name) {
        return env.apply(name);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: probe, smtp, pop3, imap, nntp, demo or help");
    }
}
