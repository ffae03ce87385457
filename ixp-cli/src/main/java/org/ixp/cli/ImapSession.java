package org.ixp.cli;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.imap.ImapTransport;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One IMAP session of an {@code ixp imap} command: connect with the shared connection flags (logging on with
 * {@code --user}), run the command's work, end with Disconnect (LOGOUT; DONE first when idling) or DropConnection
 * with {@code --drop}. Failures print {@code error: IXP_E_NAME (0x800CCCxx): text} and exit 1.
 */
final class ImapSession {
    /** The command's work on a connected, authenticated transport; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(ImapTransport imap, Events events);
    }

    /** How a command wants its session. */
    record Options(boolean statusToStderr, boolean commandLogging) {
        static final Options DEFAULT = new Options(false, false);
    }

    private ImapSession() {
    }

    static int run(CommandSpec spec, ConnectionOptions connection, Work work) {
        return run(spec, connection, Options.DEFAULT, work);
    }

    static int run(CommandSpec spec, ConnectionOptions connection, Options options, Work work) {
        return CliSession.run(spec, connection, new CliSession.Options(options.statusToStderr(),
                options.commandLogging()), new ImapTransport(), work::run);
    }

    /** The UIDVALIDITY the user gave must be the selected mailbox's (IXP_E_IMAP_STALE_UIDVALIDITY otherwise). */
    static void checkUidValidity(ImapTransport imap, Long expected) {
        Long current = imap.uidValidity();
        if (expected != null && !expected.equals(current)) {
            throw new IxpException(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY, "--uidvalidity " + expected
                    + " does not hold: " + imap.selectedMailbox() + " has UIDVALIDITY " + current
                    + ", so the UIDs given may name other messages; nothing was done");
        }
    }
}
