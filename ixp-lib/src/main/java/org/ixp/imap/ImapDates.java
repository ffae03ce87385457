package org.ixp.imap;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Dates in IMAP responses: INTERNALDATE ({@code "17-Jul-1996 02:44:25 -0700"}, RFC 9051 date-time) and the
 * ENVELOPE's Date header (RFC 5322 with its obsolete forms). Both are parsed leniently and give {@code null}
 * rather than fail: a date nobody can read is not a reason to lose the message.
 */
final class ImapDates {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC"};

    private ImapDates() {
    }

    /** INTERNALDATE: {@code dd-Mon-yyyy hh:mm:ss +zzzz}; the day may be space-padded. */
    static OffsetDateTime internalDate(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        int d1 = t.indexOf('-');
        int d2 = d1 < 0 ? -1 : t.indexOf('-', d1 + 1);
        int sp1 = d2 < 0 ? -1 : t.indexOf(' ', d2 + 1);
        if (sp1 < 0) {
            return null;
        }
        String[] rest = t.substring(sp1 + 1).trim().split(" +");
        if (rest.length != 2) {
            return null;
        }
        return build(t.substring(0, d1), t.substring(d1 + 1, d2), t.substring(d2 + 1, sp1), rest[0], rest[1]);
    }

    /**
     * RFC 5322 date: {@code [Day,] dd Mon yyyy hh:mm[:ss] zone [(comment)]}, with two- and three-digit years, named
     * zones (UT, GMT, EST… as RFC 5322 §4.3) and a missing zone read as UTC.
     */
    static OffsetDateTime headerDate(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("\\([^)]*\\)", " ").replace(',', ' ').trim();
        String[] w = t.split("\\s+");
        int i = 0;
        if (w.length > 0 && !w[0].isEmpty() && Character.isLetter(w[0].charAt(0))) {
            i++; // day of week
        }
        if (w.length - i < 4) {
            return null;
        }
        String zone = w.length - i >= 5 ? w[i + 4] : "+0000";
        return build(w[i], w[i + 1], w[i + 2], w[i + 3], zone);
    }

    private static OffsetDateTime build(String day, String month, String year, String time, String zone) {
        try {
            int d = Integer.parseInt(day.trim());
            int m = month(month);
            int y = Integer.parseInt(year);
            if (year.length() == 2) {
                y += y < 50 ? 2000 : 1900;
            } else if (year.length() == 3) {
                y += 1900;
            }
            String[] hms = time.split(":");
            if (m < 0 || hms.length < 2 || hms.length > 3) {
                return null;
            }
            int h = Integer.parseInt(hms[0]);
            int min = Integer.parseInt(hms[1]);
            int sec = hms.length == 3 ? Integer.parseInt(hms[2]) : 0;
            ZoneOffset off = zone(zone);
            if (off == null) {
                return null;
            }
            return OffsetDateTime.of(y, m, d, h, min, Math.min(sec, 59), 0, off);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static int month(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (u.startsWith(MONTHS[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    private static ZoneOffset zone(String z) {
        if (z.length() == 5 && (z.charAt(0) == '+' || z.charAt(0) == '-')) {
            int hh = Integer.parseInt(z.substring(1, 3));
            int mm = Integer.parseInt(z.substring(3, 5));
            if (hh > 18 || mm > 59 || (hh == 18 && mm > 0)) {
                return null;
            }
            int secs = (hh * 3600 + mm * 60) * (z.charAt(0) == '-' ? -1 : 1);
            return ZoneOffset.ofTotalSeconds(secs);
        }
        switch (z.toUpperCase(Locale.ROOT)) {
            case "UT":
            case "UTC":
            case "GMT":
            case "Z":
                return ZoneOffset.UTC;
            case "EDT":
                return ZoneOffset.ofHours(-4);
            case "EST":
            case "CDT":
                return ZoneOffset.ofHours(-5);
            case "CST":
            case "MDT":
                return ZoneOffset.ofHours(-6);
            case "MST":
            case "PDT":
                return ZoneOffset.ofHours(-7);
            case "PST":
                return ZoneOffset.ofHours(-8);
            default:
                return ZoneOffset.UTC; // RFC 5322 §4.3: other alphabetic zones are to be taken as -0000
        }
    }
}
