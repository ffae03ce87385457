package org.ixp.nntp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of an overview line, in order, as {@code LIST OVERVIEW.FMT} gives them (RFC 3977 §8.4): the seven
 * standard fields (Subject, From, Date, Message-ID, References, :bytes, :lines; older servers write
 * {@code Bytes:}/{@code Lines:}), then optional "full" fields such as {@code Xref:full}, whose values carry their
 * header name ({@code Xref: host group:1}).
 */
public final class OverviewFormat {
    /** The RFC 3977 format, used when the server has no LIST OVERVIEW.FMT. */
    public static final OverviewFormat DEFAULT = new OverviewFormat(List.of("Subject:", "From:", "Date:",
            "Message-ID:", "References:", ":bytes", ":lines"));

    private final List<String> fields;
    private final List<Field> parsed = new ArrayList<>();
    private final boolean supportsXref;
    private final boolean hasOthers;

    /** One field: its key (lower case, no colon, no ":full") and whether values carry the header name. */
    record Field(String name, String key, boolean full, int kind) {
        static final int SUBJECT = 0;
        static final int FROM = 1;
        static final int DATE = 2;
        static final int MESSAGE_ID = 3;
        static final int REFERENCES = 4;
        static final int BYTES = 5;
        static final int LINES = 6;
        static final int XREF = 7;
        static final int OTHER = 8;

        Field(String name, String key, boolean full) {
            this(name, key, full, switch (key) {
                case "subject" -> SUBJECT;
                case "from" -> FROM;
                case "date" -> DATE;
                case "message-id" -> MESSAGE_ID;
                case "references" -> REFERENCES;
                case "bytes" -> BYTES;
                case "lines" -> LINES;
                case "xref" -> XREF;
                default -> OTHER;
            });
        }
    }

    private OverviewFormat(List<String> fields) {
        this.fields = List.copyOf(fields);
        for (String f : fields) {
            String s = f.trim();
            boolean full = s.toLowerCase(Locale.ROOT).endsWith(":full");
            if (full) {
                s = s.substring(0, s.length() - ":full".length());
            }
            String key = s.toLowerCase(Locale.ROOT);
            if (key.startsWith(":")) {
                key = key.substring(1);
            } else if (key.endsWith(":")) {
                key = key.substring(0, key.length() - 1);
            }
            parsed.add(new Field(f.trim(), key, full));
        }
        this.supportsXref = parsed.stream().anyMatch(f -> f.key().equals("xref"));
        this.hasOthers = parsed.stream().anyMatch(f -> f.kind() == Field.OTHER);
    }

    /** The lines of a {@code LIST OVERVIEW.FMT} answer; blank lines are ignored. */
    public static OverviewFormat of(List<String> lines) {
        List<String> f = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                f.add(l.trim());
            }
        }
        return f.isEmpty() ? DEFAULT : new OverviewFormat(f);
    }

    /** The field names as the server gave them. */
    public List<String> fields() {
        return fields;
    }

    List<Field> parsedFields() {
        return parsed;
    }

    /** Whether Xref is one of the fields (NNTPHEADERRESP's {@code fSupportsXRef}). */
    public boolean supportsXref() {
        return supportsXref;
    }

    /** Whether the format has fields beyond the standard seven and Xref (they go to {@link NntpHeader#others()}). */
    boolean hasOthers() {
        return hasOthers;
    }

    @Override
    public String toString() {
        return "OverviewFormat" + fields;
    }
}
