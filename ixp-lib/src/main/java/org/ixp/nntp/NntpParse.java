package org.ixp.nntp;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/** The data of single-line replies (RFC 3977): 211 group, 223/22x article pointer, 111 date. Numbers are 64-bit. */
final class NntpParse {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private NntpParse() {
    }

    /** {@code 211 count first last name}. */
    static NntpGroup group(NntpReply r) {
        String[] w = r.text().trim().split("\\s+");
        if (w.length < 4) {
            throw malformed(r, "211 needs count, first, last and the group name");
        }
        return new NntpGroup(number(r, w[0]), number(r, w[1]), number(r, w[2]), w[3]);
    }

    /** {@code 22x n <message-id>} (STAT, NEXT, LAST, ARTICLE, HEAD, BODY). */
    static NntpNext pointer(NntpReply r) {
        String[] w = r.text().trim().split("\\s+");
        if (w.length < 2) {
            throw malformed(r, r.code() + " needs an article number and a message-id");
        }
        return new NntpNext(number(r, w[0]), w[1]);
    }

    /** {@code 111 yyyymmddhhmmss}, UTC. */
    static NntpDate date(NntpReply r) {
        String t = r.text().trim();
        String digits = t.split("\\s+")[0];
        try {
            return new NntpDate(LocalDateTime.parse(digits, DATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw malformed(r, "111 needs yyyymmddhhmmss");
        }
    }

    /** A non-negative 64-bit decimal, or a protocol error. */
    static long number(NntpReply r, String s) {
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(r, "'" + s + "' is not an article number");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw malformed(r, "'" + s + "' is out of the 64-bit range");
        }
    }

    private static IxpException malformed(NntpReply r, String why) {
        return new IxpException(NntpCodes.result(IxpCode.IXP_E_PROTOCOL_ERROR, r, "malformed reply: " + why));
    }
}
