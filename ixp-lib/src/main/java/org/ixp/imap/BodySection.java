package org.ixp.imap;

import java.util.Locale;

/**
 * Which body data a FETCH item carries: {@code BODY[section]<origin>}, {@code BINARY[section]<origin>},
 * {@code RFC822}, {@code RFC822.HEADER} or {@code RFC822.TEXT}.
 *
 * @param item    {@code BODY}, {@code BINARY}, {@code RFC822}, {@code RFC822.HEADER} or {@code RFC822.TEXT}
 * @param section the text between the brackets as sent ({@code ""}, {@code 1.2}, {@code HEADER.FIELDS (SUBJECT)}),
 *                or {@code null} for the RFC822 items
 * @param origin  the first octet's position of a partial fetch ({@code <0>}), or {@code null}
 */
public record BodySection(String item, String section, Long origin) {

    /** The FETCH item as sent: {@code BODY[2.2]<0>}. */
    public String tag() {
        StringBuilder sb = new StringBuilder(item);
        if (section != null) {
            sb.append('[').append(section).append(']');
        }
        if (origin != null) {
            sb.append('<').append(origin).append('>');
        }
        return sb.toString();
    }

    /**
     * The contract's {@code pszBodyTag}: the tag cut at its first space, so {@code BODY[HEADER.FIELDS (SUBJECT)]}
     * becomes {@code BODY[HEADER.FIELDS}.
     */
    public String contractTag() {
        String t = tag();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    /** The part number prefix of the section ({@code 1.2} of {@code 1.2.MIME}), or {@code ""} for the message. */
    public String part() {
        if (section == null) {
            return "";
        }
        int i = 0;
        while (i < section.length()) {
            int j = i;
            while (j < section.length() && Character.isDigit(section.charAt(j))) {
                j++;
            }
            if (j == i || (j < section.length() && section.charAt(j) != '.')) {
                break;
            }
            i = j == section.length() ? j : j + 1;
        }
        String p = section.substring(0, i);
        return p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * Parses a FETCH item name; {@code null} if it names no body data (UID, BODYSTRUCTURE, BINARY.SIZE…) or its
     * brackets or origin are malformed.
     */
    static BodySection parse(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("RFC822") || upper.equals("RFC822.HEADER") || upper.equals("RFC822.TEXT")) {
            return new BodySection(upper, null, null);
        }
        String item;
        if (upper.startsWith("BODY[") || upper.startsWith("BODY.PEEK[")) {
            item = "BODY";
        } else if (upper.startsWith("BINARY[") || upper.startsWith("BINARY.PEEK[")) {
            item = "BINARY";
        } else {
            return null;
        }
        int open = name.indexOf('[');
        int close = name.lastIndexOf(']');
        if (close < open) {
            return null;
        }
        String rest = name.substring(close + 1);
        Long origin = null;
        if (!rest.isEmpty()) {
            if (rest.length() < 3 || rest.charAt(0) != '<' || rest.charAt(rest.length() - 1) != '>') {
                return null;
            }
            long o = ImapReader.parseNumberOrMinus1(rest.substring(1, rest.length() - 1));
            if (o < 0) {
                return null;
            }
            origin = o;
        }
        return new BodySection(item, name.substring(open + 1, close), origin);
    }
}
