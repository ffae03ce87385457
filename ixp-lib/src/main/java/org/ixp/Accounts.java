package org.ixp;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The account file: named server settings, the role of the original account manager (IImnAccount).
 *
 * <p>Location: {@code $IXP_ACCOUNTS} if set, else {@code $XDG_CONFIG_HOME/ixp/accounts.properties}, else
 * {@code ~/.config/ixp/accounts.properties}. A Java properties file; keys are {@code ACCOUNT.PROTOCOL.FIELD}, or
 * {@code ACCOUNT.FIELD} for all protocols of an account:
 * <pre>
 * work.server            = mail.example.com
 * work.user              = alice
 * work.password-env      = WORK_MAIL_PASSWORD   # the password is read from this environment variable
 * work.smtp.port         = 587
 * work.imap.security     = implicit             # none | starttls (default) | implicit
 * work.ca-file           = /etc/ssl/work-ca.pem
 * work.timeout           = 60                   # seconds (dwTimeout)
 * work.spa               = false                # fTrySicily (NTLM)
 * work.allow-plaintext-auth = false
 * </pre>
 * Passwords are never stored in the file itself.
 */
public final class Accounts {
    private final Properties props;
    private final Function<String, String> env;
    private final Path source;

    private Accounts(Properties props, Function<String, String> env, Path source) {
        this.props = props;
        this.env = env;
        this.source = source;
    }

    /** The default file (see the class comment); an absent file has no accounts. */
    public static Accounts fromDefaultFile() {
        return load(defaultPath(System.getenv()), System::getenv);
    }

    static Path defaultPath(Map<String, String> environment) {
        String explicit = environment.get("IXP_ACCOUNTS");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("ixp").resolve("accounts.properties");
    }

    /** Reads {@code file}; environment lookups (for {@code password-env}) go to {@code env}. */
    public static Accounts load(Path file, Function<String, String> env) {
        Properties p = new Properties();
        if (file != null && Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IxpException(IxpCode.IXP_E_INVALID_ACCOUNT, "cannot read account file " + file + ": "
                        + e.getMessage());
            }
        }
        return new Accounts(p, env, file);
    }

    /**
     * The server settings of {@code account} for {@code type}.
     *
     * @throws IxpException IXP_E_INVALID_ACCOUNT when the account (or its server) is not in the file
     */
    public InetServer server(String account, IxpType type) {
        if (account == null || account.isBlank()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "account name is required");
        }
        String proto = type.name().toLowerCase(Locale.ROOT);
        String server = field(account, proto, "server");
        if (server == null) {
            throw new IxpException(IxpCode.IXP_E_INVALID_ACCOUNT, "no account '" + account + "' with a server for "
                    + proto + " in " + source);
        }
        InetServer.Builder b = InetServer.builder().account(account).serverName(server);
        String v;
        if ((v = field(account, proto, "port")) != null) {
            int port = parseInt(account, "port", v);
            if (port < 0 || port > 65535) {
                throw new IxpException(IxpCode.IXP_E_INVALID_ACCOUNT, "account '" + account + "': port out of range: "
                        + port);
            }
            b.port(port);
        }
        if ((v = field(account, proto, "user")) != null) {
            b.userName(v);
        }
        if ((v = field(account, proto, "password-env")) != null) {
            String pw = env.apply(v);
            if (pw != null) {
                b.password(pw);
            }
        }
        if ((v = field(account, proto, "security")) != null) {
            b.security(parseSecurity(account, v));
        }
        if ((v = field(account, proto, "ca-file")) != null) {
            b.tls(TlsSettings.trusting(Path.of(v)));
        }
        if ((v = field(account, proto, "timeout")) != null) {
            int seconds = parseInt(account, "timeout", v);
            if (seconds <= 0) {
                throw new IxpException(IxpCode.IXP_E_INVALID_ACCOUNT, "account '" + account
                        + "': timeout must be a positive number of seconds, not " + seconds);
            }
            b.timeouts(Timeouts.DEFAULT.withResponse(Duration.ofSeconds(seconds)));
        }
        if ((v = field(account, proto, "spa")) != null) {
            b.trySicily(Boolean.parseBoolean(v));
        }
        if ((v = field(account, proto, "allow-plaintext-auth")) != null) {
            b.allowPlaintextAuth(Boolean.parseBoolean(v));
        }
        return b.build();
    }

    private String field(String account, String proto, String name) {
        String v = props.getProperty(account + "." + proto + "." + name);
        if (v == null) {
            v = props.getProperty(account + "." + name);
        }
        return v == null ? null : v.trim();
    }

    private static int parseInt(String account, String field, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IxpException(IxpCode.IXP_E_INVALID_ACCOUNT, "account '" + account + "': " + field
                    + " is not a number: " + v);
        }
    }

    private static Security parseSecurity(String account, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "none": return Security.NONE;
            case "starttls": return Security.STARTTLS;
            case "implicit": case "implicit-tls": case "ssl": case "tls": return Security.IMPLICIT_TLS;
            default:
                throw new IxpException(IxpCode.IXP_E_INVALID_ACCOUNT, "account '" + account
                        + "': security must be none, starttls or implicit, not " + v);
        }
    }
}
