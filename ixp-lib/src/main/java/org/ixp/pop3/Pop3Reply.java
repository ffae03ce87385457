package org.ixp.pop3;

import java.util.Locale;

/**
 * A POP3 status line: {@code +OK text} or {@code -ERR text} (RFC 1939 §3), with the RESP-CODE of RFC 2449 §8 when
 * the text begins with one ({@code -ERR [IN-USE] maildrop locked}).
 *
 * @param ok       {@code +OK} rather than {@code -ERR}
 * @param respCode the response code without brackets, upper case (e.g. {@code IN-USE}, {@code SYS/TEMP}), or
 *                 {@code null}
 * @param text     everything after the status indicator and its space, the response code included
 */
public record Pop3Reply(boolean ok, String respCode, String text) implements Pop3Event {

    /** Parses a status line's text (after {@code +OK}/{@code -ERR}); the response code is taken from it. */
    static Pop3Reply of(boolean ok, String text) {
        return new Pop3Reply(ok, respCode(text), text);
    }

    /** The line as the server sent it (status indicator and text). */
    public String line() {
        return (ok ? "+OK" : "-ERR") + (text.isEmpty() ? "" : " " + text);
    }

    /** The text without its response code. */
    public String message() {
        if (respCode == null) {
            return text;
        }
        int close = text.indexOf(']');
        return text.substring(close + 1).trim();
    }

    /** Whether the response code is {@code code} or one of its sub-codes ({@code SYS} matches {@code SYS/TEMP}). */
    public boolean hasRespCode(String code) {
        if (respCode == null) {
            return false;
        }
        String c = code.toUpperCase(Locale.ROOT);
        return respCode.equals(c) || respCode.startsWith(c + "/");
    }

    /** {@code [CODE/SUB]} at the start of the text (RFC 2449 §8: no spaces, brackets or CTLs inside), else null. */
    static String respCode(String text) {
        if (text.length() < 3 || text.charAt(0) != '[') {
            return null;
        }
        int close = text.indexOf(']');
        if (close < 2) {
            return null;
        }
        for (int i = 1; i < close; i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '[' || c == 0x7F) {
                return null;
            }
        }
        return text.substring(1, close).toUpperCase(Locale.ROOT);
    }
}
