package org.ixp.smtp;

import org.ixp.Arguments;

/** The command lines ixp sends, built from checked arguments (CR, LF and NUL refused before sending). */
public final class SmtpCommands {
    private SmtpCommands() {
    }

    public static String ehlo(String domain) {
        return "EHLO " + Arguments.requireSafe("EHLO domain", domain);
    }

    public static String helo(String domain) {
        return "HELO " + Arguments.requireSafe("HELO domain", domain);
    }

    public static String startTls() {
        return "STARTTLS";
    }

    public static String rset() {
        return "RSET";
    }

    public static String noop() {
        return "NOOP";
    }

    public static String quit() {
        return "QUIT";
    }

    /** {@code MAIL FROM:<addr>} with ESMTP parameters (each {@code KEYWORD} or {@code KEYWORD=value}). */
    public static String mail(String from, java.util.List<String> parameters) {
        return withParameters("MAIL FROM:<" + Arguments.requireSafe("sender", from) + ">", parameters);
    }

    /** {@code RCPT TO:<addr>} with ESMTP parameters. */
    public static String rcpt(String to, java.util.List<String> parameters) {
        return withParameters("RCPT TO:<" + Arguments.requireSafe("recipient", to) + ">", parameters);
    }

    public static String data() {
        return "DATA";
    }

    /** {@code BDAT size [LAST]} (RFC 3030). */
    public static String bdat(long size, boolean last) {
        return "BDAT " + size + (last ? " LAST" : "");
    }

    /** RFC 3461 xtext: printable ASCII except "+" and "=", the rest as {@code +XX}. */
    public static String xtext(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int u = c & 0xff;
            if (u >= 0x21 && u <= 0x7e && u != '+' && u != '=') {
                b.append((char) u);
            } else {
                b.append('+').append(String.format("%02X", u));
            }
        }
        return b.toString();
    }

    private static String withParameters(String base, java.util.List<String> parameters) {
        StringBuilder b = new StringBuilder(Arguments.requireSafe("command", base));
        for (String p : parameters) {
            b.append(' ').append(Arguments.requireSafe("ESMTP parameter", p));
        }
        return b.toString();
    }

    /** {@code AUTH MECH} or {@code AUTH MECH initial-response} (the response already base64). */
    public static String auth(String mechanism, String initialResponseBase64) {
        Arguments.requireSafe("SASL mechanism", mechanism);
        Arguments.requireSafe("SASL initial response", initialResponseBase64);
        return initialResponseBase64 == null ? "AUTH " + mechanism : "AUTH " + mechanism + " "
                + (initialResponseBase64.isEmpty() ? "=" : initialResponseBase64);
    }
}
