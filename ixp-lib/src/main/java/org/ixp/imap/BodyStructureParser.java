package org.ixp.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads BODY / BODYSTRUCTURE (RFC 9051 §7.5.2, body and its extension data).
 *
 * <p>Named quirks, all seen in the wild and accepted by MailKit and K-9: a NIL media type or encoding (Exchange);
 * {@code ()} for an empty parameter list; a text part without its line count; a message/rfc822 part without
 * envelope, body and lines (Dovecot for broken attachments); a disposition sent as a bare string (GroupWise);
 * a body size of -1.
 */
final class BodyStructureParser {
    /** Nesting bound: a hostile server cannot overflow the stack with ((((…. */
    static final int MAX_DEPTH = 100;

    private BodyStructureParser() {
    }

    static BodyStructure body(ImapReader r) {
        return body(r, 0);
    }

    private static BodyStructure body(ImapReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ParseException("body structure nested more than " + MAX_DEPTH + " deep");
        }
        r.expect('(');
        r.skipSpaces();
        BodyStructure b = r.at('(') ? multipart(r, depth) : part(r, depth);
        r.skipSpaces();
        r.expect(')');
        return b;
    }

    private static BodyStructure multipart(ImapReader r, int depth) {
        List<BodyStructure> parts = new ArrayList<>();
        while (r.at('(')) {
            parts.add(body(r, depth + 1));
            r.skipSpaces();
        }
        String subtype = r.nstring();
        BodyStructure.Extension ext = null;
        if (r.trySp() && !r.at(')')) {
            Map<String, String> params = params(r);
            ext = extension(r, params, null);
        }
        return new BodyStructure.Multipart(parts, subtype, ext);
    }

    private static BodyStructure part(ImapReader r, int depth) {
        String type = r.nstring();
        r.sp();
        String subtype = r.nstring();
        r.sp();
        Map<String, String> params = params(r);
        r.sp();
        String id = r.nstring();
        r.sp();
        String description = r.nstring();
        r.sp();
        String encoding = r.nstring();
        r.sp();
        long size = signedNumber(r);
        Envelope envelope = null;
        BodyStructure message = null;
        Long lines = null;
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        String st = subtype == null ? "" : subtype.toUpperCase(Locale.ROOT);
        if (t.equals("MESSAGE") && (st.equals("RFC822") || st.equals("GLOBAL"))) {
            long m = r.mark();
            if (r.trySp() && r.at('(')) {
                envelope = EnvelopeParser.envelope(r);
                r.sp();
                message = body(r, depth + 1);
                r.sp();
                lines = r.number();
            } else {
                r.reset(m);
            }
        } else if (t.equals("TEXT")) {
            long m = r.mark();
            if (r.trySp() && r.peekDigit()) {
                lines = r.number();
            } else {
                r.reset(m);
            }
        }
        BodyStructure.Extension ext = null;
        if (r.trySp() && !r.at(')')) {
            String md5 = r.nstring();
            ext = extension(r, Map.of(), md5);
        }
        return new BodyStructure.Part(type, subtype, params, id, description, encoding, size, lines, envelope,
                message, ext);
    }

    /** Disposition, language, location and further data, each optional in turn. */
    private static BodyStructure.Extension extension(ImapReader r, Map<String, String> params, String md5) {
        BodyStructure.Disposition disposition = null;
        List<String> language = List.of();
        String location = null;
        List<ImapValue> more = new ArrayList<>();
        if (r.trySp() && !r.at(')')) {
            disposition = disposition(r);
            if (r.trySp() && !r.at(')')) {
                language = language(r);
                if (r.trySp() && !r.at(')')) {
                    location = r.nstring();
                    while (r.trySp() && !r.at(')')) {
                        more.add(r.value());
                    }
                }
            }
        }
        return new BodyStructure.Extension(params, md5, disposition, language, location, more);
    }

    private static BodyStructure.Disposition disposition(ImapReader r) {
        if (r.tryNil()) {
            return null;
        }
        if (r.atString()) {
            return new BodyStructure.Disposition(r.string(), Map.of()); // quirk: bare string
        }
        r.expect('(');
        r.skipSpaces();
        String type = r.string();
        r.sp();
        Map<String, String> params = params(r);
        r.skipSpaces();
        r.expect(')');
        return new BodyStructure.Disposition(type, params);
    }

    private static List<String> language(ImapReader r) {
        if (r.tryNil()) {
            return List.of();
        }
        if (!r.at('(')) {
            return List.of(r.string());
        }
        r.expect('(');
        List<String> out = new ArrayList<>();
        r.skipSpaces();
        while (!r.tryChar(')')) {
            out.add(r.string());
            r.skipSpaces();
        }
        return out;
    }

    /** {@code ("name" "value" …)} or NIL; names lower-cased, the last of a repeated name wins. */
    static Map<String, String> params(ImapReader r) {
        if (r.tryNil()) {
            return Map.of();
        }
        r.expect('(');
        Map<String, String> out = new LinkedHashMap<>();
        r.skipSpaces();
        while (!r.tryChar(')')) {
            String name = r.string();
            r.sp();
            String value = r.nstring();
            out.put(name.toLowerCase(Locale.ROOT), value == null ? "" : value);
            r.skipSpaces();
        }
        return out;
    }

    private static long signedNumber(ImapReader r) {
        if (r.tryChar('-')) {
            r.number();
            return -1; // quirk: some servers send -1 for an unknown size
        }
        return r.number();
    }
}
