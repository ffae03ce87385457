package org.ixp.cli;

import org.ixp.nntp.NntpTransport;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One NNTP session of an {@code ixp nntp} command: connect with the shared connection flags, run the command's
 * work, end with Disconnect (or DropConnection with {@code --drop}). Failures print
 * {@code error: IXP_E_NAME (0x800CCCxx): text} and exit 1.
 */
final class NntpSession {
    /** The command's work on a connected transport; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(NntpTransport nntp, Events events);
    }

    private NntpSession() {
    }

    static int run(CommandSpec spec, ConnectionOptions connection, Work work) {
        return CliSession.run(spec, connection, CliSession.Options.DEFAULT, new NntpTransport(), work::run);
    }
}
