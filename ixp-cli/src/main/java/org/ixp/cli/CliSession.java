package org.ixp.cli;

import org.ixp.DisconnectResult;
import org.ixp.InternetTransport;
import org.ixp.IxpException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One session of an {@code ixp <protocol>} command, whatever the protocol: connect with the shared connection flags,
 * run the command's work, end with Disconnect (the protocol's goodbye) or DropConnection with {@code --drop}.
 * Failures print {@code error: IXP_E_NAME (0x800CCCxx): text} and exit 1; the connection is dropped first.
 */
final class CliSession {
    /** The command's work on a connected transport; returns the exit code. */
    @FunctionalInterface
    interface Work<T> {
        int run(T transport, Events events);
    }

    /** How a command wants its session. */
    record Options(boolean statusToStderr, boolean commandLogging) {
        static final Options DEFAULT = new Options(false, false);
    }

    private CliSession() {
    }

    static <T extends InternetTransport<? super Events>> int run(CommandSpec spec, ConnectionOptions connection,
                                                                 Options options, T transport, Work<T> work) {
        connection.validate(spec);
        Console console = Console.of(spec);
        IxpCli cli = spec.root().userObject() instanceof IxpCli c ? c : new IxpCli();
        Events events = new Events(console, "", connection.verbose);
        if (options.statusToStderr()) {
            events.statusToStderr();
        }
        try {
            transport.initNew(connection.logFile, events, events.executor());
            events.started();
            Await.result(transport.connect(connection.settings(cli::environment), connection.authenticate(),
                    connection.verbose || options.commandLogging()));
            int code = work.run(transport, events);
            end(transport, events, connection.drop);
            return code;
        } catch (IxpException e) {
            try {
                transport.dropConnection();
            } catch (IxpException ignored) {
                // not initialised: nothing to drop
            }
            events.awaitDisconnected();
            console.err("error: " + e.result().describe());
            return 1;
        } finally {
            try {
                transport.handsOffCallback();
            } catch (IxpException ignored) {
                // not initialised
            }
        }
    }

    private static void end(InternetTransport<?> transport, Events events, boolean drop) {
        if (drop) {
            Await.result(transport.dropConnection());
            events.awaitDisconnected();
            events.say("dropped");
        } else {
            DisconnectResult r = Await.result(transport.disconnect());
            events.awaitDisconnected();
            events.say("disconnect: " + r.ending() + (r.response() == null ? "" : " " + r.response()));
        }
    }
}
