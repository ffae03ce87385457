package org.ixp.cli;

import org.ixp.DisconnectResult;
import org.ixp.IxpException;
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
        connection.validate(spec);
        Console console = Console.of(spec);
        IxpCli cli = spec.root().userObject() instanceof IxpCli c ? c : new IxpCli();
        Events events = new Events(console, "", connection.verbose);
        NntpTransport nntp = new NntpTransport();
        try {
            nntp.initNew(connection.logFile, events, events.executor());
            events.started();
            Await.result(nntp.connect(connection.settings(cli::environment), connection.authenticate(),
                    connection.verbose));
            int code = work.run(nntp, events);
            end(nntp, events, connection.drop);
            return code;
        } catch (IxpException e) {
            try {
                nntp.dropConnection();
            } catch (IxpException ignored) {
                // not initialised: nothing to drop
            }
            events.awaitDisconnected();
            console.err("error: " + e.result().describe());
            return 1;
        } finally {
            try {
                nntp.handsOffCallback();
            } catch (IxpException ignored) {
                // not initialised
            }
        }
    }

    private static void end(NntpTransport nntp, Events events, boolean drop) {
        if (drop) {
            Await.result(nntp.dropConnection());
            events.awaitDisconnected();
            events.say("dropped");
        } else {
            DisconnectResult r = Await.result(nntp.disconnect());
            events.awaitDisconnected();
            events.say("disconnect: " + r.ending() + (r.response() == null ? "" : " " + r.response()));
        }
    }
}
