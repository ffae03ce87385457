package org.ixp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import picocli.CommandLine.Command;
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

    @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]", converter = HostPort.Converter.class,
            description = "The server; [IPv6]:PORT for an IPv6 address. No port: the protocol's default for --tls.")
    private HostPort server;

    @Option(names = "--tls", paramLabel = "MODE", defaultValue = "starttls", converter = TlsModeConverter.class,
            completionCandidates = TlsModeConverter.Candidates.class,
            description = "implicit, starttls (the default: TLS is required) or none.")
    private Security security;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "Trust the CA certificates of this PEM file instead of the system's.")
    private Path caFile;

    @Option(names = "--insecure", description = "Accept any certificate for any host (throwaway test servers only).")
    private boolean insecure;

    @Option(names = "--user", paramLabel = "U", description = "Log on as this user (needs --password-env).")
    private String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "The environment variable holding the password (never give it on the command line).")
    private String passwordEnv;

    @Option(names = "--allow-plaintext-auth",
            description = "Allow the password to travel without TLS (only matters with --tls none).")
    private boolean allowPlaintextAuth;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long to wait for each server response (default: the library's, 60).")
    private Long timeoutSeconds;

    @Option(names = "--log", paramLabel = "FILE", description = "Append a redacted protocol log to FILE.")
    private Path logFile;

    @Option(names = "--verbose", description = "Print every status change and protocol line.")
    private boolean verbose;

    @Option(names = "--drop", description = "End with DropConnection (send nothing) instead of Disconnect.")
    private boolean drop;

    @Override
    public Integer call() {
        validate();
        Console console = Console.of(spec);
        try {
            return probe(console, settings());
        } catch (IxpException e) {
            console.err("error: " + e.result().describe());
            return 1;
        }
    }

    /** @throws IxpException once the session has ended, so that the error is printed last */
    private int probe(Console console, InetServer settings) {
        Events events = new Events(console, "", verbose);
        InternetTransport<?> transport = Protocols.open(protocol, logFile, events);
        try {
            CompletableFuture<Void> connected = transport.connect(settings, user != null, verbose);
            events.started();
            Await.result(connected);
            events.say("greeting: " + transport.getGreeting());
            for (String capability : transport.getCapabilities()) {
                events.say("capability: " + capability);
            }
            if (drop) {
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
        if (insecure && caFile != null) {
            throw usage("--insecure and --ca-file exclude each other");
        }
        if (caFile != null) {
            checkCaFile();
        }
        if ((user == null) != (passwordEnv == null)) {
            throw usage("--user and --password-env go together");
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw usage("--timeout must be a positive number of seconds");
        }
    }

    /**
     * Reads the CA file now: the library reads it only during the TLS handshake, and reports a bad file there as a
     * handshake timeout (see the CLI's notes on library issues).
     */
    private void checkCaFile() {
        try (InputStream in = Files.newInputStream(caFile)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw usage("--ca-file " + caFile + " contains no certificate");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw usage("--ca-file " + caFile + " is not a readable PEM file of certificates: " + e.getMessage());
        }
    }

    private InetServer settings() {
        InetServer.Builder b = InetServer.builder()
                .serverName(server.host())
                .port(server.port())
                .security(security)
                .allowPlaintextAuth(allowPlaintextAuth);
        if (insecure) {
            b.tls(TlsSettings.insecureAcceptAnyCertificate());
        } else if (caFile != null) {
            b.tls(TlsSettings.trusting(caFile));
        }
        if (timeoutSeconds != null) {
            b.timeouts(Timeouts.DEFAULT.withResponse(Duration.ofSeconds(timeoutSeconds)));
        }
        if (user != null) {
            String password = cli.environment(passwordEnv);
            if (password == null || password.isEmpty()) {
                throw new IxpException(IxpCode.E_INVALIDARG,
                        "environment variable " + passwordEnv + " (named by --password-env) is not set or empty");
            }
            b.userName(user).password(password);
        }
        return b.build();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
