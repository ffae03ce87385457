package org.ixp.pop3;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/**
 * The data in POP3 replies: {@code +OK nn mm} (STAT), {@code n size} (LIST), {@code n unique-id} (UIDL). Every digit
 * is checked; numbers are 64-bit (at most 18 digits, so no overflow); anything else is IXP_E_POP3_PARSE_FAILURE.
 */
final class Pop3Parse {
    private Pop3Parse() {
    }

    static Pop3Response.StatInfo stat(String text) {
        String[] w = words(text, 2, "STAT");
        return new Pop3Response.StatInfo(number(w[0], text), number(w[1], text));
    }

    static Pop3Response.ListInfo list(String text) {
        String[] w = words(text, 2, "LIST");
        return new Pop3Response.ListInfo(number(w[0], text), number(w[1], text));
    }

    static Pop3Response.UidlInfo uidl(String text) {
        String[] w = words(text, 2, "UIDL");
        String uid = w[1];
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw failure(text, "a unique-id is printable ASCII (RFC 1939 §7)");
            }
        }
        return new Pop3Response.UidlInfo(number(w[0], text), uid);
    }

    /** The first {@code n} space-separated words (more may follow: servers may add text). */
    private static String[] words(String text, int n, String what) {
        String[] w = text.trim().split(" +");
        if (w.length < n || w[0].isEmpty()) {
            throw failure(text, what + " data needs " + n + " fields");
        }
        return w;
    }

    static long number(String s, String context) {
        if (s.isEmpty() || s.length() > 18) {
            throw failure(context, "not a number of at most 18 digits: " + abbreviate(s));
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw failure(context, "not a number: " + abbreviate(s));
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static IxpException failure(String text, String problem) {
        return new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_POP3_PARSE_FAILURE, abbreviate(text), 0, problem));
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
