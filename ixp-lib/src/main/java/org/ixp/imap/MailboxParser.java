package org.ixp.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the mailbox responses: LIST/LSUB, STATUS, NAMESPACE, QUOTA and QUOTAROOT. */
final class MailboxParser {
    private MailboxParser() {
    }

    /**
     * A mailbox name as a Java string: as sent when names are UTF-8, or when it holds 8-bit bytes (quirk: servers
     * that send raw UTF-8 without UTF8=ACCEPT); else modified UTF-7 decoded, and verbatim if that fails.
     */
    static String decodeName(String raw, boolean utf8Names) {
        if (utf8Names) {
            return raw;
        }
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return raw;
            }
        }
        String decoded = ModifiedUtf7.decodeOrNull(raw);
        return decoded == null ? raw : decoded;
    }

    /** {@code (attributes) SP delimiter SP mailbox [SP (extended items)]}, after LIST / LSUB / XLIST. */
    static ImapEvent listing(ImapReader r, ImapEvent.ListKind kind, boolean utf8Names) {
        r.sp();
        List<String> attributes = r.atomList();
        r.sp();
        Character delimiter = delimiter(r);
        r.sp();
        String raw = r.astring();
        Map<String, ImapValue> extended = new LinkedHashMap<>();
        if (r.trySp() && r.tryChar('(')) {
            r.skipSpaces();
            while (!r.tryChar(')')) {
                String name = r.astring().toUpperCase(Locale.ROOT);
                r.sp();
                extended.put(name, r.value());
                r.skipSpaces();
            }
        }
        r.end();
        return new ImapEvent.MailboxListing(kind, attributes, delimiter, decodeName(raw, utf8Names), raw, extended);
    }

    /** A quoted delimiter character, or NIL; quirk: {@code ""} is read as NIL. */
    static Character delimiter(ImapReader r) {
        if (r.tryNil()) {
            return null;
        }
        String d = r.string();
        if (d.isEmpty()) {
            return null;
        }
        if (d.length() != 1) {
            throw new ParseException("hierarchy delimiter \"" + d + "\" is not one character");
        }
        return d.charAt(0);
    }

    /** {@code mailbox SP (name number …)}, after STATUS. Non-numeric values ({@code APPENDLIMIT NIL}) are left out. */
    static ImapEvent status(ImapReader r, boolean utf8Names) {
        r.sp();
        String raw = r.astring();
        r.sp();
        r.expect('(');
        Map<String, Long> values = new LinkedHashMap<>();
        r.skipSpaces();
        while (!r.tryChar(')')) {
            String name = r.keyword();
            r.sp();
            if (r.peekDigit()) {
                values.put(name, r.number());
            } else {
                r.value();
            }
            r.skipSpaces();
        }
        r.end();
        return new ImapEvent.MailboxStatus(decodeName(raw, utf8Names), raw, values);
    }

    /** Three namespace classes, each NIL or {@code ((prefix delimiter [extensions]) …)}. */
    static ImapEvent namespace(ImapReader r) {
        r.sp();
        List<ImapEvent.NamespaceEntry> personal = namespaces(r);
        r.sp();
        List<ImapEvent.NamespaceEntry> other = namespaces(r);
        r.sp();
        List<ImapEvent.NamespaceEntry> shared = namespaces(r);
        r.end();
        return new ImapEvent.Namespace(personal, other, shared);
    }

    private static List<ImapEvent.NamespaceEntry> namespaces(ImapReader r) {
        if (r.tryNil()) {
            return List.of();
        }
        r.expect('(');
        List<ImapEvent.NamespaceEntry> out = new ArrayList<>();
        r.skipSpaces();
        while (!r.tryChar(')')) {
            r.expect('(');
            r.skipSpaces();
            String prefix = r.string();
            r.sp();
            Character delimiter = delimiter(r);
            Map<String, List<String>> extensions = new LinkedHashMap<>();
            while (r.trySp() && !r.at(')')) {
                String name = r.string().toUpperCase(Locale.ROOT);
                r.sp();
                r.expect('(');
                List<String> values = new ArrayList<>();
                r.skipSpaces();
                while (!r.tryChar(')')) {
                    values.add(r.string());
                    r.skipSpaces();
                }
                extensions.put(name, values);
            }
            r.expect(')');
            out.add(new ImapEvent.NamespaceEntry(prefix, delimiter, extensions));
            r.skipSpaces();
        }
        return out;
    }

    /** {@code root SP (resource usage limit …)}, after QUOTA. */
    static ImapEvent quota(ImapReader r) {
        r.sp();
        String root = r.astring();
        r.sp();
        r.expect('(');
        List<ImapEvent.QuotaResource> resources = new ArrayList<>();
        r.skipSpaces();
        while (!r.tryChar(')')) {
            String name = r.keyword();
            r.sp();
            long usage = r.number();
            r.sp();
            long limit = r.number();
            resources.add(new ImapEvent.QuotaResource(name, usage, limit));
            r.skipSpaces();
        }
        r.end();
        return new ImapEvent.Quota(root, resources);
    }

    /** {@code mailbox *(SP root)}, after QUOTAROOT. */
    static ImapEvent quotaRoot(ImapReader r, boolean utf8Names) {
        r.sp();
        String mailbox = decodeName(r.astring(), utf8Names);
        List<String> roots = new ArrayList<>();
        while (r.trySp() && !r.atEnd()) {
            roots.add(r.astring());
        }
        r.end();
        return new ImapEvent.QuotaRoot(mailbox, roots);
    }
}
