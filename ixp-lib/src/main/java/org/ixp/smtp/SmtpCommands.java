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

    /** {@code AUTH MECH} or {@code AUTH MECH initial-response} (the response already base64). */
    public static String auth(String mechanism, String initialResponseBase64) {
        Arguments.requireSafe("SASL mechanism", mechanism);
        return initialResponseBase64 == null ? "AUTH " + mechanism : "AUTH " + mechanism + " "
                + (initialResponseBase64.isEmpty() ? "=" : initialResponseBase64);
    }
}
