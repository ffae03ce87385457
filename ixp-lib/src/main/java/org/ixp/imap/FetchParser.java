package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the item list of {@code * n FETCH (…)}. Each item is parsed on its own: an item whose value is broken
 * becomes {@link FetchItem.Invalid} and the items next to it survive (only a list that cannot even be skipped
 * loses the response).
 */
final class FetchParser {
    private FetchParser() {
    }

    /** The items after {@code FETCH SP}, through the closing parenthesis and the end of the response. */
    static List<FetchItem> items(ImapReader r) {
        r.expect('(');
        List<FetchItem> items = new ArrayList<>();
        r.skipSpaces();
        while (!r.tryChar(')')) {
            String name = itemName(r);
            r.sp();
            long valueStart = r.mark();
            try {
                items.add(item(name, r));
            } catch (ParseException e) {
                r.reset(valueStart);
                r.skipValue(); // skip it; if even that fails, the response is lost
                items.add(new FetchItem.Invalid(name, e.getMessage()));
            }
            r.skipSpaces();
        }
        r.end();
        return items;
    }

    /** An item name, with its {@code [section]} (which may hold spaces and parentheses) and {@code <origin>}. */
    static String itemName(ImapReader r) {
        StringBuilder sb = new StringBuilder(r.atom());
        if (r.at('[')) {
            String section = r.until(']');
            if (section == null) {
                throw new ParseException("unterminated section " + r.where());
            }
            sb.append(section);
            r.expect(']');
            sb.append(']');
            if (r.at('<')) {
                String origin = r.until('>');
                if (origin == null) {
                    throw new ParseException("unterminated origin " + r.where());
                }
                sb.append(origin);
                r.expect('>');
                sb.append('>');
            }
        }
        return sb.toString();
    }

    private static FetchItem item(String name, ImapReader r) {
        String upper = name.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "FLAGS":
                return new FetchItem.Flags(r.atomList());
            case "UID":
                return new FetchItem.Uid(r.number());
            case "INTERNALDATE": {
                String text = r.nstring();
                return new FetchItem.InternalDate(text, ImapDates.internalDate(text));
            }
            case "RFC822.SIZE":
                return new FetchItem.Rfc822Size(r.number());
            case "ENVELOPE":
                return new FetchItem.EnvelopeItem(EnvelopeParser.envelope(r));
            case "BODYSTRUCTURE":
                return new FetchItem.Structure(BodyStructureParser.body(r), true);
            case "BODY":
                return new FetchItem.Structure(BodyStructureParser.body(r), false);
            case "MODSEQ": {
                r.expect('(');
                long modSeq = r.number();
                r.expect(')');
                return new FetchItem.ModSeq(modSeq);
            }
            case "EMAILID":
                return new FetchItem.EmailId(objectId(r));
            case "THREADID":
                return new FetchItem.ThreadId(r.tryNil() ? null : objectId(r));
            case "PREVIEW":
                return new FetchItem.Preview(r.nstring());
            default:
                break;
        }
        if (upper.startsWith("BINARY.SIZE[") && upper.endsWith("]")) {
            return new FetchItem.BinarySize(name.substring(12, name.length() - 1), r.number());
        }
        BodySection section = BodySection.parse(name);
        if (section != null) {
            return body(section, r);
        }
        return new FetchItem.Other(name, r.value());
    }

    /** Body data: streamed literal (only its size is here), quoted string or NIL. */
    private static FetchItem body(BodySection section, ImapReader r) {
        if (r.tryNil()) {
            return new FetchItem.Body(section, 0, true);
        }
        if (r.at('"')) {
            return new FetchItem.Body(section, r.stringBytes().length, false);
        }
        if (!r.atString()) {
            throw new ParseException("expected body data " + r.where());
        }
        return new FetchItem.Body(section, r.literal().size(), false);
    }

    /** {@code (objectid)}: 1 to 255 of ALPHA, DIGIT, "_" and "-". */
    private static String objectId(ImapReader r) {
        r.expect('(');
        String id = r.atom();
        if (id.length() > 255 || !id.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'
                || c == '-'))) {
            throw new ParseException("malformed object id \"" + id + "\"");
        }
        r.expect(')');
        return id;
    }
}
