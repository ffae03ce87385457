package org.ixp.imap;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.ixp.Arguments;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * How a string argument travels in a command (RFC 9051 §4.3 astring): as an atom when it can, a quoted string
 * when it must, a literal otherwise. CR, LF and NUL are refused in every form before anything is sent: they would
 * let a mailbox name or search string inject commands.
 */
public final class ImapQuoting {
    /** Longest string sent quoted; longer ones go as literals (servers bound their command lines). */
    public static final int MAX_QUOTED = 1000;

    /** The three forms of an astring. */
    public enum Form { ATOM, QUOTED, LITERAL }

    private ImapQuoting() {
    }

    /**
     * The form {@code s} must take.
     *
     * @param utf8 the server accepts UTF-8 in quoted strings (IMAP4rev2 or UTF8=ACCEPT enabled)
     * @throws IxpException E_INVALIDARG if {@code s} holds CR, LF or NUL
     */
    public static Form form(String s, boolean utf8) {
        Arguments.requireSafe("IMAP string", s);
        if (s.isEmpty()) {
            return Form.QUOTED;
        }
        boolean atom = !s.equalsIgnoreCase("NIL");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 && !utf8) {
                return Form.LITERAL;
            }
            if (!isAstringChar(c)) {
                atom = false;
            }
        }
        if (atom) {
            return Form.ATOM;
        }
        return s.getBytes(UTF_8).length > MAX_QUOTED ? Form.LITERAL : Form.QUOTED;
    }

    /**
     * {@code s} as an atom or quoted string.
     *
     * @throws IxpException E_INVALIDARG if it holds CR, LF or NUL
     * @throws IllegalStateException if it can only go as a literal (check {@link #form} first)
     */
    public static String astring(String s, boolean utf8) {
        switch (form(s, utf8)) {
            case ATOM:
                return s;
            case QUOTED:
                return quote(s);
            default:
                throw new IllegalStateException("this string must be sent as a literal");
        }
    }

    /**
     * {@code s} as a quoted string, {@code "} and {@code \} escaped.
     *
     * @throws IxpException E_INVALIDARG if it holds CR, LF or NUL
     */
    public static String quote(String s) {
        Arguments.requireSafe("IMAP string", s);
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /**
     * The literal header for {@code octets} octets: {@code {n}} (wait for the server's continuation) or, with
     * LITERAL+ / LITERAL- within its limit, {@code {n+}} (send at once).
     */
    public static String literalHeader(long octets, boolean nonSynchronizing) {
        if (octets < 0) {
            throw new IxpException(IxpCode.E_INVALIDARG, "negative literal size");
        }
        return "{" + octets + (nonSynchronizing ? "+}" : "}");
    }

    /**
     * The literal8 header (RFC 3516 BINARY, for APPEND of a body that may hold NUL octets): {@code ~{n}} or, with
     * LITERAL+ (RFC 7888 extends it to literal8), {@code ~{n+}}.
     */
    public static String literal8Header(long octets, boolean nonSynchronizing) {
        return "~" + literalHeader(octets, nonSynchronizing);
    }

    /**
     * The octets of {@code s} as a literal (UTF-8).
     *
     * @throws IxpException E_INVALIDARG if it holds CR, LF or NUL
     */
    public static byte[] literal(String s) {
        Arguments.requireSafe("IMAP string", s);
        return s.getBytes(UTF_8);
    }

    /**
     * A mailbox name ready for {@link #form}: modified UTF-7 unless the server takes UTF-8. INBOX in any case is
     * sent as {@code INBOX}.
     */
    public static String mailboxName(String name, boolean utf8) {
        if (name.equalsIgnoreCase("INBOX")) {
            return "INBOX";
        }
        return utf8 ? name : ModifiedUtf7.encode(name);
    }

    /** ASTRING-CHAR: ATOM-CHAR or {@code ]}; printable ASCII except {@code ( ) { SP % * " \}. */
    private static boolean isAstringChar(char c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\';
    }
}
