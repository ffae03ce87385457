package org.ixp.pop3;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.sasl.SaslCredentials;
import org.ixp.sasl.SaslMechanism;
import org.ixp.sasl.SaslMechanisms;

/**
 * How Connect logs on to a POP3 server: a SASL mechanism (AUTH, RFC 5034), APOP (RFC 1939 §7) or USER/PASS.
 *
 * <p>The candidates are walked in order and the first usable one wins. The order is the user's
 * ({@link InetServer#saslMechanisms()}, where {@code APOP} and {@code USER} may appear among the SASL names), or by
 * default, strongest first:
 * {@code OAUTHBEARER, XOAUTH2, SCRAM-SHA-256, SCRAM-SHA-1, NTLM, CRAM-MD5, APOP, PLAIN, LOGIN, USER}. APOP, like
 * CRAM-MD5, keeps the password off the wire (it sends an MD5 digest of the greeting's timestamp and the password) but
 * allows an offline dictionary attack, so it comes after SCRAM and before the mechanisms that send the password.
 *
 * <ul>
 *   <li>A SASL mechanism is usable when CAPA's {@code SASL} tag offers it and the credentials fit (a token for the
 *       OAuth ones, a password for the rest); NTLM only with SPA ({@code fTrySicily}), and then nothing else.</li>
 *   <li>APOP is usable when the greeting carried a timestamp ({@code <…@…>}) and there is a password.</li>
 *   <li>USER/PASS is usable when CAPA announces USER, or when the server has no CAPA (RFC 1939 servers all have
 *       USER).</li>
 *   <li>PLAIN, LOGIN, USER/PASS and the OAuth mechanisms reveal a reusable secret: without TLS they are skipped unless
 *       the user allows plaintext logon ({@link InetServer#allowPlaintextAuth()}). If that leaves nothing, the logon
 *       fails with IXP_E_PLAINTEXT_AUTH_REFUSED before any credential is sent.</li>
 * </ul>
 */
final class Pop3LogonChoice {
    static final String APOP = "APOP";
    static final String USER = "USER";
    private static final Set<String> OAUTH = Set.of("OAUTHBEARER", "XOAUTH2");

    /** One way to log on: a SASL mechanism, or APOP, or USER/PASS (mechanism null). */
    record Method(String name, SaslMechanism mechanism) {
    }

    private Pop3LogonChoice() {
    }

    /**
     * @throws IxpException IXP_E_PLAINTEXT_AUTH_REFUSED, IXP_E_NO_AUTH_MECHANISM, E_INVALIDARG (an unknown name in the
     *                      user's list), IXP_E_LOAD_SICILY_FAILED
     */
    static Method choose(Pop3Capabilities caps, String apopTimestamp, InetServer s, boolean encrypted) {
        SaslCredentials creds = new SaslCredentials(s.userName(), s.password(), s.oauthToken(), null);
        List<String> offered = caps.saslMechanisms();
        IxpException refused = null;
        List<String> considered = new ArrayList<>();
        for (String name : order(s.saslMechanisms())) {
            boolean spaOk = s.trySicily() == name.equals("NTLM");
            if (!spaOk) {
                continue;
            }
            if (name.equals(APOP)) {
                if (apopTimestamp != null && creds.hasPassword()) {
                    return new Method(APOP, null);
                }
                continue;
            }
            if (name.equals(USER)) {
                if (caps.user() && creds.hasPassword()) {
                    if (encrypted || s.allowPlaintextAuth()) {
                        return new Method(USER, null);
                    }
                    considered.add(USER);
                    refused = plaintextRefused(considered);
                }
                continue;
            }
            boolean credsOk = OAUTH.contains(name) ? creds.hasToken() : creds.hasPassword();
            if (!offered.contains(name) || !credsOk) {
                continue;
            }
            if (SaslMechanisms.revealsPassword(name) && !encrypted && !s.allowPlaintextAuth()) {
                considered.add(name);
                refused = plaintextRefused(considered);
                continue;
            }
            return new Method(name, SaslMechanisms.create(name, creds, encrypted, s.allowPlaintextAuth(), "pop",
                    s.serverName()));
        }
        if (refused != null) {
            throw refused;
        }
        throw new IxpException(IxpCode.IXP_E_NO_AUTH_MECHANISM, "no way to log on in common: the server offers "
                + describe(caps, apopTimestamp) + "; ixp may use " + order(s.saslMechanisms())
                + (s.trySicily() ? " (SPA: NTLM only)" : "") + " given the credentials");
    }

    /** The user's order (validated), or the default. */
    static List<String> order(List<String> userAllowed) {
        List<String> out = new ArrayList<>();
        if (userAllowed == null || userAllowed.isEmpty()) {
            for (String k : SaslMechanisms.known()) {
                if (k.equals("PLAIN")) {
                    out.add(APOP);
                }
                out.add(k);
            }
            out.add(USER);
            return out;
        }
        for (String n : userAllowed) {
            String u = n == null ? "" : n.trim().toUpperCase(Locale.ROOT);
            if (!u.equals(APOP) && !u.equals(USER) && !SaslMechanisms.known().contains(u)) {
                throw new IxpException(IxpCode.E_INVALIDARG, "unknown logon method '" + n + "'; ixp knows "
                        + order(List.of()));
            }
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }

    private static String describe(Pop3Capabilities caps, String apopTimestamp) {
        List<String> ways = new ArrayList<>();
        if (!caps.saslMechanisms().isEmpty()) {
            ways.add("SASL " + caps.saslMechanisms());
        }
        if (apopTimestamp != null) {
            ways.add(APOP);
        }
        if (caps.user()) {
            ways.add(USER);
        }
        return ways.isEmpty() ? "nothing" : String.join(", ", ways);
    }

    private static IxpException plaintextRefused(List<String> names) {
        return new IxpException(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED, "the usable logon methods " + names
                + " would reveal the password or token on an unencrypted connection; use TLS or allow plaintext"
                + " logon");
    }
}
