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
        // the time and the zone, separated by one or more spaces (scanned by hand: no regex per message)
        int timeStart = sp1 + 1;
        while (timeStart < t.length() && t.charAt(timeStart) <= ' ') {
            timeStart++;
        }
        int timeEnd = t.indexOf(' ', timeStart);
        if (timeEnd < 0) {
            return null;
        }
        int zoneStart = timeEnd;
        while (zoneStart < t.length() && t.charAt(zoneStart) == ' ') {
            zoneStart++;
        }
        if (zoneStart == t.length() || t.indexOf(' ', zoneStart) >= 0) {
            return null;
        }
        return build(t.substring(0, d1), t.substring(d1 + 1, d2), t.substring(d2 + 1, sp1),
                t.substring(timeStart, timeEnd), t.substring(zoneStart));
    }

    /**
     * RFC 5322 date: {@code [Day,] dd Mon yyyy hh:mm[:ss] zone [(comment)]}, with two- and three-digit years, named
     * zones (UT, GMT, EST… as RFC 5322 §4.3) and a missing zone read as UTC.
     */
    static OffsetDateTime headerDate(String s) {
        if (s == null) {
            return null;
        }
        // Words split at white space and commas, comments "(…)" dropped; scanned once by hand, no regex per message.
        String[] w = new String[6];
        int words = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '(') {
                int close = s.indexOf(')', i + 1);
                if (close >= 0) {
                    i = close + 1;
                    continue;
                }
            }
            if (c <= ' ' || c == ',') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (c = s.charAt(i)) > ' ' && c != ',' && !(c == '(' && s.indexOf(')', i + 1) >= 0)) {
                i++;
            }
            if (words < w.length) {
                w[words] = s.substring(start, i);
            }
            words++;
        }
        int k = 0;
        if (words > 0 && Character.isLetter(w[0].charAt(0))) {
            k++; // day of week
        }
        if (words - k < 4) {
            return null;
        }
        String zone = words - k >= 5 ? w[k + 4] : "+0000";
        return build(w[k], w[k + 1], w[k + 2], w[k + 3], zone);
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
            // hh:mm[:ss]; trailing colons ignored (as String.split did)
            int end = time.length();
            while (end > 0 && time.charAt(end - 1) == ':') {
                end--;
            }
            int c1 = -1;
            int c2 = -1;
            int colons = 0;
            for (int j = 0; j < end; j++) {
                if (time.charAt(j) == ':') {
                    if (colons == 0) {
                        c1 = j;
                    } else {
                        c2 = j;
                    }
                    colons++;
                }
            }
            if (m < 0 || colons < 1 || colons > 2) {
                return null;
            }
            int h = Integer.parseInt(time, 0, c1, 10);
            int min = Integer.parseInt(time, c1 + 1, c2 < 0 ? end : c2, 10);
            int sec = c2 < 0 ? 0 : Integer.parseInt(time, c2 + 1, end, 10);
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
        for (int i = 0; i < MONTHS.length; i++) {
            if (s.regionMatches(true, 0, MONTHS[i], 0, 3)) {
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
