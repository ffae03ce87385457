package org.ixp.cli;

import org.ixp.DisconnectResult;
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
        connection.validate(spec);
        Console console = Console.of(spec);
        IxpCli cli = spec.root().userObject() instanceof IxpCli c ? c : new IxpCli();
        Events events = new Events(console, "", connection.verbose);
        if (options.statusToStderr()) {
            events.statusToStderr();
        }
        ImapTransport imap = new ImapTransport();
        try {
            imap.initNew(connection.logFile, events, events.executor());
            events.started();
            Await.result(imap.connect(connection.settings(cli::environment), connection.authenticate(),
                    connection.verbose || options.commandLogging()));
            int code = work.run(imap, events);
            end(imap, events, connection.drop);
            return code;
        } catch (IxpException e) {
            try {
                imap.dropConnection();
            } catch (IxpException ignored) {
                // not initialised: nothing to drop
            }
            events.awaitDisconnected();
            console.err("error: " + e.result().describe());
            return 1;
        } finally {
            try {
                imap.handsOffCallback();
            } catch (IxpException ignored) {
                // not initialised
            }
        }
    }

    private static void end(ImapTransport imap, Events events, boolean drop) {
        if (drop) {
            Await.result(imap.dropConnection());
            events.awaitDisconnected();
            events.say("dropped");
        } else {
            DisconnectResult r = Await.result(imap.disconnect());
            events.awaitDisconnected();
            events.say("disconnect: " + r.ending() + (r.response() == null ? "" : " " + r.response()));
        }
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
