package org.ixp.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IxpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ixp probe}: connect, print the greeting and capabilities, then disconnect (or drop). With
 * {@code --verbose}, every status change and protocol line too, ending with {@code status: DISCONNECTED}.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Connects to a server, prints its greeting and capabilities, and disconnects.")
final class ProbeCommand implements Callable<Integer> {

    @ParentCommand
    private IxpCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--protocol", required = true, paramLabel = "P",
            description = "smtp, pop3, imap or nntp (case-insensitive).")
    private String protocol;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        validate();
        Console console = Console.of(spec);
        try {
            return probe(console, connection.settings(cli::environment));
        } catch (IxpException e) {
            console.err("error: " + e.result().describe());
            return 1;
        }
    }

    /** @throws IxpException once the session has ended, so that the error is printed last */
    private int probe(Console console, InetServer settings) {
        Events events = new Events(console, "", connection.verbose);
        InternetTransport<?> transport = Protocols.open(protocol, connection.logFile, events);
        try {
            CompletableFuture<Void> connected = transport.connect(settings, connection.authenticate(),
                    connection.verbose);
            events.started();
            Await.result(connected);
            events.say("greeting: " + transport.getGreeting());
            for (String capability : transport.getCapabilities()) {
                events.say("capability: " + capability);
            }
            if (connection.drop) {
                Await.result(transport.dropConnection());
                events.awaitDisconnected();
                events.say("dropped");
            } else {
                DisconnectResult result = Await.result(transport.disconnect());
                events.awaitDisconnected();
                events.say("disconnect: " + result.ending()
                        + (result.response() == null ? "" : " " + result.response()));
            }
            return 0;
        } catch (IxpException e) {
            transport.dropConnection(); // nothing may stay open; a no-op when the failure already ended the session
            events.awaitDisconnected(); // so that a verbose run still ends with "status: DISCONNECTED"
            throw e;
        } finally {
            transport.handsOffCallback();
        }
    }

    private void validate() {
        if (!Protocols.isKnown(protocol)) {
            throw usage("unknown protocol '" + protocol + "': expected one of " + String.join(", ", Protocols.NAMES));
        }
        connection.validate(spec);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
