package org.ixp.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real-server lab (Postfix, Dovecot, INN2 on 127.0.0.1) as the interop tests see it: the {@code lab.env} that
 * {@code lab/up} writes. Location: {@code $IXP_LAB_ENV}, else {@code /tmp/ixp-lab/lab.env}.
 *
 * <p>Interop tests ({@code *IT}) call {@link #get()}; when the lab is not running they fail with a message saying
 * so — they are never skipped silently.
 */
public final class Lab {
    private static volatile Lab instance;
    private final Map<String, String> values;
    private final Path file;

    private Lab(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The running lab; {@link IllegalStateException} naming {@code lab/up} when there is none. */
    public static Lab get() {
        Lab l = instance;
        if (l == null) {
            String explicit = System.getenv("IXP_LAB_ENV");
            Path file = Path.of(explicit != null && !explicit.isBlank() ? explicit : "/tmp/ixp-lab/lab.env");
            l = load(file);
            instance = l;
        }
        return l;
    }

    static Lab load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the interop lab is not running (no " + file
                    + "): start it with lab/up (as root), then run the interop suite again");
        }
        Map<String, String> v = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.trim();
                if (l.isEmpty() || l.startsWith("#") || l.startsWith("export ")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq > 0) {
                    v.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Lab(file, v);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** A raw value, e.g. {@code get("LAB_IMAP_PORT")}; {@link IllegalStateException} when missing. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException(key + " is not in " + file);
        }
        return v;
    }

    public int port(String key) {
        return Integer.parseInt(get(key));
    }

    public String host() { return get("LAB_HOST"); }
    /** The name the servers' certificate is issued for ({@code localhost}; 127.0.0.1 is in the SAN too). */
    public String tlsHostname() { return get("LAB_TLS_HOSTNAME"); }
    /** The lab's throwaway CA certificate (PEM), for {@code TlsSettings.trusting}. */
    public Path caCert() { return Path.of(get("LAB_CA_CERT")); }
    public Path dir() { return Path.of(get("LAB_DIR")); }

    public int smtpSubmissionPort() { return port("LAB_SMTP_SUBMISSION_PORT"); }
    public int smtpsPort() { return port("LAB_SMTPS_PORT"); }
    public int smtpMxPort() { return port("LAB_SMTP_MX_PORT"); }
    public int smtpSinkPort() { return port("LAB_SMTP_SINK_PORT"); }
    public int lmtpPort() { return port("LAB_LMTP_PORT"); }
    public int pop3Port() { return port("LAB_POP3_PORT"); }
    public int pop3sPort() { return port("LAB_POP3S_PORT"); }
    public int imapPort() { return port("LAB_IMAP_PORT"); }
    public int imapsPort() { return port("LAB_IMAPS_PORT"); }
    public int nntpPort() { return port("LAB_NNTP_PORT"); }
    public int nntpsPort() { return port("LAB_NNTPS_PORT"); }
    public int nntpFeedPort() { return port("LAB_NNTP_FEED_PORT"); }

    /** {@code alice} (n = 1) or {@code bob} (n = 2). */
    public String user(int n) { return get("LAB_USER" + n); }
    public String password(int n) { return get("LAB_PASS" + n); }
    public String email(int n) { return get("LAB_EMAIL" + n); }
}
