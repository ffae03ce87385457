package org.ixp.nntp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One overview line (OVER/XOVER, RFC 3977 §8.3) to an {@link NntpHeader}, or to an {@link OverviewProblem} naming
 * its article: a malformed line never stops the rest of the range. Fields are separated by TAB; the first is the
 * article number (64-bit); missing trailing fields count as empty; :bytes and :lines must be digits when present.
 */
final class OverviewParser {
    private static final int MANDATORY = 7;

    private OverviewParser() {
    }

    /** Either a header or a problem. */
    record Parsed(NntpHeader header, OverviewProblem problem) {
    }

    static Parsed parse(String line, OverviewFormat format) {
        // One pass over the TABs (no split, no regex): the number, then each field of the format in order.
        int tab = line.indexOf('\t');
        String first = tab < 0 ? line : line.substring(0, tab);
        long number = number(first);
        if (number < 0) {
            return problem(-1, line, "the article number is not a number: '" + shorten(first) + "'");
        }
        List<OverviewFormat.Field> fields = format.parsedFields();
        int present = 0; // text fields after the number
        for (int i = tab; i >= 0; i = line.indexOf('\t', i + 1)) {
            present++;
        }
        if (present < Math.min(MANDATORY, fields.size()) - 2) {
            // fewer than five text fields: not an overview line at all (trailing :bytes/:lines may be omitted)
            return problem(number, line, "only " + present + " fields; the format has " + fields.size());
        }
        String subject = "";
        String from = "";
        String date = "";
        String messageId = "";
        String references = "";
        String xref = null;
        long bytes = -1;
        long lines = -1;
        Map<String, String> others = format.hasOthers() ? new LinkedHashMap<>() : null;
        int start = tab < 0 ? -1 : tab + 1;
        for (int i = 0; i < fields.size(); i++) {
            OverviewFormat.Field f = fields.get(i);
            String value;
            if (start < 0) {
                value = "";
            } else {
                int next = line.indexOf('\t', start);
                value = line.substring(start, next < 0 ? line.length() : next);
                start = next < 0 ? -1 : next + 1;
            }
            if (f.full()) {
                value = stripName(value, f.key());
            }
            switch (f.kind()) {
                case OverviewFormat.Field.SUBJECT -> subject = value;
                case OverviewFormat.Field.FROM -> from = value;
                case OverviewFormat.Field.DATE -> date = value;
                case OverviewFormat.Field.MESSAGE_ID -> messageId = value;
                case OverviewFormat.Field.REFERENCES -> references = value;
                case OverviewFormat.Field.BYTES -> {
                    bytes = count(value);
                    if (bytes == -2) {
                        return problem(number, line, "the :bytes field is not a number: '" + shorten(value) + "'");
                    }
                }
                case OverviewFormat.Field.LINES -> {
                    lines = count(value);
                    if (lines == -2) {
                        return problem(number, line, "the :lines field is not a number: '" + shorten(value) + "'");
                    }
                }
                case OverviewFormat.Field.XREF -> xref = value;
                default -> others.put(f.name(), value);
            }
        }
        if (xref == null && format.supportsXref()) {
            xref = "";
        }
        return new Parsed(new NntpHeader(number, subject, from, date, messageId, references, bytes, lines, xref,
                others == null ? Map.of() : Map.copyOf(others)), null);
    }

    /** A "full" field's value without its {@code Name: } prefix (left as is when the server omitted it). */
    private static String stripName(String value, String key) {
        int colon = value.indexOf(':');
        if (colon > 0 && value.substring(0, colon).toLowerCase(Locale.ROOT).equals(key)) {
            return value.substring(colon + 1).trim();
        }
        return value;
    }

    /** The article number, or -1 when it is not 1–19 digits within the 64-bit range. */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** -1 for empty, -2 for not a number, else the value. */
    private static long count(String s) {
        String t = s.isEmpty() || (s.charAt(0) > ' ' && s.charAt(s.length() - 1) > ' ') ? s : s.trim();
        if (t.isEmpty()) {
            return -1;
        }
        long n = number(t);
        return n < 0 ? -2 : n;
    }

    private static Parsed problem(long number, String line, String reason) {
        return new Parsed(null, new OverviewProblem(number, shorten(line), reason));
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
