package org.ixp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.function.Function;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The connection flags every command shares (a picocli mixin): server, TLS, credentials, timeout, log, verbose,
 * and how the session ends ({@code --drop}).
 */
final class ConnectionOptions {

    @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]", converter = HostPort.Converter.class,
            description = "The server; [IPv6]:PORT for an IPv6 address. No port: the protocol's default for --tls.")
    HostPort server;

    @Option(names = "--tls", paramLabel = "MODE", defaultValue = "starttls", converter = TlsModeConverter.class,
            completionCandidates = TlsModeConverter.Candidates.class,
            description = "implicit, starttls (the default: TLS is required) or none.")
    Security security;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "Trust the CA certificates of this PEM file instead of the system's.")
    Path caFile;

    @Option(names = "--insecure", description = "Accept any certificate for any host (throwaway test servers only).")
    boolean insecure;

    @Option(names = "--user", paramLabel = "U", description = "Log on as this user (needs --password-env).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "The environment variable holding the password (never give it on the command line).")
    String passwordEnv;

    @Option(names = "--allow-plaintext-auth",
            description = "Allow the password to travel without TLS (only matters with --tls none).")
    boolean allowPlaintextAuth;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long to wait for each server response (default: the library's, 60).")
    Long timeoutSeconds;

    @Option(names = "--log", paramLabel = "FILE", description = "Append a redacted protocol log to FILE.")
    Path logFile;

    @Option(names = "--verbose", description = "Print every status change and protocol line.")
    boolean verbose;

    @Option(names = "--drop", description = "End with DropConnection (send nothing) instead of Disconnect.")
    boolean drop;

    /** Whether the session should authenticate (a user was named). */
    boolean authenticate() {
        return user != null;
    }

    /** Usage errors (exit 2) for flag combinations that cannot work. */
    void validate(CommandSpec spec) {
        if (insecure && caFile != null) {
            throw usage(spec, "--insecure and --ca-file exclude each other");
        }
        if (caFile != null) {
            checkCaFile(spec);
        }
        if ((user == null) != (passwordEnv == null)) {
            throw usage(spec, "--user and --password-env go together");
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw usage(spec, "--timeout must be a positive number of seconds");
        }
    }

    private void checkCaFile(CommandSpec spec) {
        try (InputStream in = Files.newInputStream(caFile)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw usage(spec, "--ca-file " + caFile + " contains no certificate");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw usage(spec, "--ca-file " + caFile + " is not a readable PEM file of certificates: " + e.getMessage());
        }
    }

    /** The server settings; the password comes from {@code env} (the variable named by --password-env). */
    InetServer settings(Function<String, String> env) {
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
            String password = env.apply(passwordEnv);
            if (password == null || password.isEmpty()) {
                throw new IxpException(IxpCode.E_INVALIDARG,
                        "environment variable " + passwordEnv + " (named by --password-env) is not set or empty");
            }
            b.userName(user).password(password);
        }
        return b.build();
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
