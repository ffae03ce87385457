package org.ixp.sasl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * The SASL mechanisms ixp knows, and the choice among them.
 *
 * <p>Order of preference ({@link #known()}), and why:
 * <ol>
 *   <li><b>OAUTHBEARER, XOAUTH2</b> — only with a token, and then first: a caller who supplies a token
 *       asked for OAuth, and the password never leaves the client. The standard one before Google's
 *       earlier form.</li>
 *   <li><b>SCRAM-SHA-256, SCRAM-SHA-1</b> — salted challenge-response: the password never crosses the
 *       wire, the server need not store it, and the server proves that it knows it.</li>
 *   <li><b>NTLM</b> — challenge-response (NTLMv2), but the server does not prove itself. Used only when
 *       SPA ({@code fTrySicily}) is requested, and then it is the only candidate: the user chose Windows
 *       logon, and ixp does not silently send the password some other way.</li>
 *   <li><b>CRAM-MD5</b> — challenge-response with HMAC-MD5: the password does not cross the wire, but
 *       an eavesdropper can mount an offline dictionary attack and the server does not prove itself.</li>
 *   <li><b>PLAIN, LOGIN</b> — the password itself, base64-encoded; PLAIN first (one round trip, defined
 *       as UTF-8), LOGIN last (an unregistered legacy mechanism).</li>
 * </ol>
 *
 * <p>PLAIN, LOGIN, OAUTHBEARER and XOAUTH2 reveal a reusable secret to anyone who reads the
 * connection, so they are used without TLS only when the user explicitly allows it.
 */
public final class SaslMechanisms {
    private static final List<String> KNOWN = List.of(
            BearerTokenMechanism.OAUTHBEARER, BearerTokenMechanism.XOAUTH2,
            ScramSaslMechanism.SHA_256, ScramSaslMechanism.SHA_1,
            JdkSaslMechanism.NTLM, JdkSaslMechanism.CRAM_MD5,
            JdkSaslMechanism.PLAIN, LoginMechanism.NAME);

    private static final Set<String> REVEALING = Set.of(
            BearerTokenMechanism.OAUTHBEARER, BearerTokenMechanism.XOAUTH2,
            JdkSaslMechanism.PLAIN, LoginMechanism.NAME);

    private static final Set<String> OAUTH = Set.of(BearerTokenMechanism.OAUTHBEARER, BearerTokenMechanism.XOAUTH2);

    private SaslMechanisms() {
    }

    /** Every mechanism ixp knows, in its order of preference (see the class comment). */
    public static List<String> known() {
        return KNOWN;
    }

    /** Whether the named mechanism sends a reusable secret (password or bearer token); case-insensitive. */
    public static boolean revealsPassword(String name) {
        return name != null && REVEALING.contains(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Chooses the most preferred mechanism both sides allow, and creates it.
     *
     * @param serverOffered  the server's advertised mechanisms (case-insensitive; unknown ones are ignored)
     * @param creds          the credentials; OAuth mechanisms need a token, the others a password
     * @param userAllowed    empty for every known mechanism in ixp's order, else only these, in this order
     * @param encrypted      whether the connection is protected by TLS
     * @param allowPlaintext whether the user allows password-revealing mechanisms without TLS
     * @param spa            SPA ({@code fTrySicily}): use NTLM and nothing else
     * @param protocol       the SASL service name: {@code smtp}, {@code imap}, {@code pop} or {@code nntp}
     * @param serverName     the server's host name
     * @throws IxpException {@code IXP_E_NO_AUTH_MECHANISM} when nothing usable is in common;
     *         {@code IXP_E_PLAINTEXT_AUTH_REFUSED} when only password-revealing mechanisms are in common, the
     *         connection is not encrypted and plaintext is not allowed; {@code IXP_E_LOAD_SICILY_FAILED} when
     *         NTLM was chosen but cannot be created; {@code E_INVALIDARG} for a missing argument or an
     *         unknown name in {@code userAllowed}
     */
    public static SaslMechanism choose(Collection<String> serverOffered, SaslCredentials creds,
                                       List<String> userAllowed, boolean encrypted, boolean allowPlaintext,
                                       boolean spa, String protocol, String serverName) {
        requireArgs(creds, protocol, serverName);
        if (serverOffered == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the server's mechanism list is missing");
        }
        Set<String> offered = new LinkedHashSet<>();
        for (String s : serverOffered) {
            if (s != null && !s.isBlank()) {
                offered.add(s.trim().toUpperCase(Locale.ROOT));
            }
        }
        List<String> usable = new ArrayList<>();
        for (String name : preference(userAllowed)) {
            boolean spaOk = spa == JdkSaslMechanism.NTLM.equals(name); // SPA: NTLM only; otherwise never NTLM
            boolean credsOk = OAUTH.contains(name) ? creds.hasToken() : creds.hasPassword();
            if (spaOk && credsOk) {
                usable.add(name);
            }
        }
        List<String> common = new ArrayList<>(usable);
        common.retainAll(offered);
        if (common.isEmpty()) {
            throw new IxpException(IxpCode.IXP_E_NO_AUTH_MECHANISM, "no SASL mechanism in common: the server offers "
                    + offered + "; ixp can use " + usable + " (given the credentials"
                    + (userAllowed != null && !userAllowed.isEmpty() ? ", the allowed list" : "")
                    + (spa ? ", and SPA, which means NTLM only" : "") + ")");
        }
        for (String name : common) {
            if (encrypted || allowPlaintext || !REVEALING.contains(name)) {
                return instantiate(name, creds, protocol, serverName);
            }
        }
        throw plaintextRefused(common);
    }

    /**
     * Creates one named mechanism (for an explicit AUTH command), case-insensitive.
     *
     * @throws IxpException {@code E_INVALIDARG} for an unknown name or missing credentials;
     *         {@code IXP_E_PLAINTEXT_AUTH_REFUSED} for a password-revealing mechanism on an unencrypted
     *         connection without permission; {@code IXP_E_LOAD_SICILY_FAILED} when NTLM cannot be created
     */
    public static SaslMechanism create(String name, SaslCredentials creds, boolean encrypted, boolean allowPlaintext,
                                       String protocol, String serverName) {
        requireArgs(creds, protocol, serverName);
        String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (!KNOWN.contains(upper)) {
            throw new IxpException(IxpCode.E_INVALIDARG, "unknown SASL mechanism '" + name + "'; ixp knows " + KNOWN);
        }
        if (REVEALING.contains(upper) && !encrypted && !allowPlaintext) {
            throw plaintextRefused(List.of(upper));
        }
        return instantiate(upper, creds, protocol, serverName);
    }

    private static List<String> preference(List<String> userAllowed) {
        if (userAllowed == null || userAllowed.isEmpty()) {
            return KNOWN;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String s : userAllowed) {
            String upper = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
            if (!KNOWN.contains(upper)) {
                throw new IxpException(IxpCode.E_INVALIDARG,
                        "unknown SASL mechanism '" + s + "' in the allowed list; ixp knows " + KNOWN);
            }
            names.add(upper);
        }
        return List.copyOf(names);
    }

    private static SaslMechanism instantiate(String name, SaslCredentials c, String protocol, String serverName) {
        return switch (name) {
            case BearerTokenMechanism.OAUTHBEARER -> BearerTokenMechanism.oauthBearer(c);
            case BearerTokenMechanism.XOAUTH2 -> BearerTokenMechanism.xoauth2(c);
            case ScramSaslMechanism.SHA_256, ScramSaslMechanism.SHA_1 -> new ScramSaslMechanism(name, c);
            case JdkSaslMechanism.NTLM -> JdkSaslMechanism.ntlm(c, protocol, serverName);
            case JdkSaslMechanism.CRAM_MD5 -> JdkSaslMechanism.cramMd5(c, protocol, serverName);
            case JdkSaslMechanism.PLAIN -> JdkSaslMechanism.plain(c, protocol, serverName);
            case LoginMechanism.NAME -> new LoginMechanism(c);
            default -> throw new IxpException(IxpCode.E_INVALIDARG, "unknown SASL mechanism '" + name + "'");
        };
    }

    private static IxpException plaintextRefused(List<String> names) {
        return new IxpException(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED, "the usable SASL mechanisms " + names
                + " would reveal the password or token on an unencrypted connection; use TLS or allow plaintext logon");
    }

    private static void requireArgs(SaslCredentials creds, String protocol, String serverName) {
        if (creds == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the SASL credentials are missing");
        }
        if (protocol == null || protocol.isEmpty() || serverName == null || serverName.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the SASL service name and server name are required");
        }
    }
}
