package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code resp-text} of status responses: an optional bracketed response code, then human text. A code
 * ixp does not know, or a known one whose data does not parse, is kept as {@link ResponseCode.Other}: a bad code
 * never costs the response (a tagged OK must still end its command).
 */
final class ResponseCodeParser {
    /** Codes without data, RFC 9051 §7.1 and RFC 5530, 4469, 4978, 5162, 7162, 9208. */
    private static final Set<String> SIMPLE = Set.of("ALERT", "PARSE", "READ-ONLY", "READ-WRITE", "TRYCREATE",
            "NOMODSEQ", "NONEXISTENT", "CLOSED", "UIDNOTSTICKY", "ALREADYEXISTS", "AUTHENTICATIONFAILED",
            "AUTHORIZATIONFAILED", "EXPIRED", "PRIVACYREQUIRED", "CONTACTADMIN", "NOPERM", "INUSE",
            "EXPUNGEISSUED", "CORRUPTION", "SERVERBUG", "CLIENTBUG", "CANNOT", "LIMIT", "OVERQUOTA", "UNAVAILABLE",
            "HASCHILDREN", "COMPRESSIONACTIVE", "NOTSAVED", "UNKNOWN-CTE", "USEATTR");

    /** The code and text of a status response. */
    record Text(ResponseCode code, String text) {
    }

    private ResponseCodeParser() {
    }

    /** Reads {@code [SP] ["[" code "]" [SP]] text} up to the end of the response. */
    static Text respText(ImapReader r) {
        r.skipSpaces();
        ResponseCode code = null;
        if (r.at('[')) {
            long m = r.mark();
            code = code(r);
            if (code == null) {
                r.reset(m); // no closing bracket: all of it is text
            } else {
                r.skipSpaces();
            }
        }
        return new Text(code, r.restOfResponse());
    }

    /** A bracketed code, or {@code null} if the bracket is never closed on this line. */
    private static ResponseCode code(ImapReader r) {
        r.expect('[');
        String name;
        try {
            name = r.keyword();
        } catch (ParseException e) {
            return other(r, "");
        }
        long dataStart = r.mark();
        try {
            ResponseCode c = typed(name, r);
            r.expect(']');
            return c;
        } catch (ParseException e) {
            r.reset(dataStart);
            return other(r, name);
        }
    }

    private static ResponseCode other(ImapReader r, String name) {
        String data = r.until(']');
        if (data == null) {
            return null;
        }
        r.expect(']');
        data = data.strip();
        return new ResponseCode.Other(name, data.isEmpty() ? null : data);
    }

    private static ResponseCode typed(String name, ImapReader r) {
        if (r.at(']')) {
            if (SIMPLE.contains(name)) {
                return new ResponseCode.Simple(name);
            }
            if (name.equals("BADCHARSET")) {
                return new ResponseCode.BadCharset(List.of());
            }
            if (name.equals("CAPABILITY")) {
                return new ResponseCode.Capability(List.of());
            }
            throw new ParseException("unknown code");
        }
        r.sp();
        switch (name) {
            case "UIDVALIDITY":
                return new ResponseCode.UidValidity(r.number());
            case "UIDNEXT":
                return new ResponseCode.UidNext(r.number());
            case "UNSEEN":
                return new ResponseCode.Unseen(r.number());
            case "HIGHESTMODSEQ":
                return new ResponseCode.HighestModSeq(r.number());
            case "PERMANENTFLAGS":
                return new ResponseCode.PermanentFlags(r.atomList());
            case "CAPABILITY":
                return new ResponseCode.Capability(r.atomsUntil(']'));
            case "APPENDUID": {
                long validity = r.number();
                r.sp();
                return new ResponseCode.AppendUid(validity, set(r));
            }
            case "COPYUID": {
                long validity = r.number();
                r.sp();
                String source = set(r);
                r.sp();
                return new ResponseCode.CopyUid(validity, source, set(r));
            }
            case "MODIFIED":
                return new ResponseCode.Modified(set(r));
            case "BADCHARSET": {
                r.expect('(');
                List<String> charsets = new ArrayList<>();
                r.skipSpaces();
                while (!r.tryChar(')')) {
                    charsets.add(r.astring());
                    r.skipSpaces();
                }
                return new ResponseCode.BadCharset(charsets);
            }
            default:
                throw new ParseException("unknown code");
        }
    }

    /** A sequence set: digits, {@code :}, {@code ,} and {@code *}. */
    static String set(ImapReader r) {
        String s = r.atom();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != ':' && c != ',' && c != '*') {
                throw new ParseException("malformed set \"" + s + "\"");
            }
        }
        return s;
    }
}
