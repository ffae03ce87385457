package org.ixp.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one framed response into its typed {@link ImapEvent}: tagged, untagged or continuation (RFC 9051 §7 and
 * the extensions' responses). A response that breaks the grammar becomes {@link ImapEvent.Malformed}; an untagged
 * response nobody types becomes {@link ImapEvent.Unknown}. Never throws for what the server sent.
 */
final class ResponseParser {
    private final boolean utf8Names;
    private String tag;

    /** @param utf8Names mailbox names are UTF-8 (IMAP4rev2 or UTF8=ACCEPT enabled), not modified UTF-7 */
    ResponseParser(boolean utf8Names) {
        this.utf8Names = utf8Names;
    }

    ImapEvent parse(RawResponse raw) {
        ImapReader r = new ImapReader(raw);
        try {
            if (r.tryChar('+')) {
                r.tryChar(' ');
                return new ImapEvent.Continuation(r.restOfResponse());
            }
            if (r.tryChar('*')) {
                r.sp();
                return untagged(r, raw);
            }
            return tagged(r);
        } catch (ParseException e) {
            return new ImapEvent.Malformed(tag, raw.text(), e.getMessage());
        }
    }

    private ImapEvent tagged(ImapReader r) {
        String t = r.astringAtom();
        if (t.indexOf('+') >= 0 || t.indexOf(']') >= 0) {
            throw new ParseException("malformed tag \"" + t + "\"");
        }
        tag = t;
        r.sp();
        String word = r.keyword();
        ImapStatus status = ImapStatus.of(word);
        if (status == null || status == ImapStatus.PREAUTH) {
            throw new ParseException("tagged response with \"" + word + "\" instead of OK, NO or BAD");
        }
        ResponseCodeParser.Text text = ResponseCodeParser.respText(r);
        return new ImapEvent.Tagged(t, status, text.code(), text.text());
    }

    private ImapEvent untagged(ImapReader r, RawResponse raw) {
        if (r.peekDigit()) {
            long n = r.number();
            r.sp();
            String kw = r.keyword();
            switch (kw) {
                case "EXISTS":
                    r.end();
                    return new ImapEvent.Exists(n);
                case "RECENT":
                    r.end();
                    return new ImapEvent.Recent(n);
                case "EXPUNGE":
                    r.end();
                    return new ImapEvent.Expunge(n);
                case "FETCH":
                    r.sp();
                    return new ImapEvent.Fetch(n, FetchParser.items(r));
                default:
                    return new ImapEvent.Unknown(kw, raw.text());
            }
        }
        String kw = r.keyword();
        switch (kw) {
            case "OK":
            case "NO":
            case "BAD":
            case "PREAUTH": {
                ResponseCodeParser.Text text = ResponseCodeParser.respText(r);
                return new ImapEvent.Condition(ImapStatus.of(kw), text.code(), text.text());
            }
            case "BYE": {
                ResponseCodeParser.Text text = ResponseCodeParser.respText(r);
                return new ImapEvent.Bye(text.code(), text.text());
            }
            case "CAPABILITY":
                return new ImapEvent.Capability(atoms(r));
            case "ENABLED":
                return new ImapEvent.Enabled(atoms(r));
            case "FLAGS": {
                r.sp();
                List<String> flags = r.atomList();
                r.end();
                return new ImapEvent.Flags(flags);
            }
            case "LIST":
                return MailboxParser.listing(r, ImapEvent.ListKind.LIST, utf8Names);
            case "LSUB":
                return MailboxParser.listing(r, ImapEvent.ListKind.LSUB, utf8Names);
            case "XLIST":
                return MailboxParser.listing(r, ImapEvent.ListKind.XLIST, utf8Names);
            case "STATUS":
                return MailboxParser.status(r, utf8Names);
            case "SEARCH":
                return search(r);
            case "SORT":
                return new ImapEvent.Sort(numbers(r));
            case "THREAD":
                return threads(r);
            case "ESEARCH":
                return esearch(r);
            case "VANISHED":
                return vanished(r);
            case "NAMESPACE":
                return MailboxParser.namespace(r);
            case "ID":
                return id(r);
            case "QUOTA":
                return MailboxParser.quota(r);
            case "QUOTAROOT":
                return MailboxParser.quotaRoot(r, utf8Names);
            default:
                return new ImapEvent.Unknown(kw, raw.text());
        }
    }

    private static List<String> atoms(ImapReader r) {
        List<String> out = r.atomsUntil(-1);
        r.end();
        return out;
    }

    private static List<Long> numbers(ImapReader r) {
        List<Long> out = new ArrayList<>();
        r.skipSpaces();
        while (!r.atEnd()) {
            out.add(r.number());
            r.skipSpaces();
        }
        return out;
    }

    /** {@code * SEARCH [n…] [(MODSEQ n)]}. */
    private static ImapEvent search(ImapReader r) {
        List<Long> out = new ArrayList<>();
        Long modSeq = null;
        r.skipSpaces();
        while (!r.atEnd()) {
            if (r.tryChar('(')) {
                r.skipSpaces();
                if (!r.keyword().equals("MODSEQ")) {
                    throw new ParseException("expected MODSEQ " + r.where());
                }
                r.sp();
                modSeq = r.number();
                r.skipSpaces();
                r.expect(')');
                r.end();
                break;
            }
            out.add(r.number());
            r.skipSpaces();
        }
        return new ImapEvent.Search(out, modSeq);
    }

    /** {@code * THREAD [thread-list…]}. */
    private static ImapEvent threads(ImapReader r) {
        List<ImapEvent.ThreadNode> threads = new ArrayList<>();
        r.skipSpaces();
        while (!r.atEnd()) {
            threads.add(threadList(r, 0));
            r.skipSpaces();
        }
        return new ImapEvent.Threads(threads);
    }

    private static ImapEvent.ThreadNode threadList(ImapReader r, int depth) {
        if (depth >= ImapReader.MAX_DEPTH) {
            throw new ParseException("threads nested more than " + ImapReader.MAX_DEPTH + " deep");
        }
        r.expect('(');
        r.skipSpaces();
        List<Long> messages = new ArrayList<>();
        while (r.peekDigit()) {
            messages.add(r.number());
            r.skipSpaces();
        }
        List<ImapEvent.ThreadNode> children = new ArrayList<>();
        while (r.at('(')) {
            children.add(threadList(r, depth + 1));
            r.skipSpaces();
        }
        r.expect(')');
        return new ImapEvent.ThreadNode(messages, children);
    }

    /** {@code * ESEARCH [(TAG "t")] [UID] *(name value)}. */
    private static ImapEvent esearch(ImapReader r) {
        String tag = null;
        boolean uid = false;
        Long min = null;
        Long max = null;
        Long count = null;
        Long modSeq = null;
        String all = null;
        Map<String, ImapValue> other = new LinkedHashMap<>();
        r.skipSpaces();
        if (r.tryChar('(')) {
            r.skipSpaces();
            if (!r.keyword().equals("TAG")) {
                throw new ParseException("expected TAG " + r.where());
            }
            r.sp();
            tag = r.astring();
            r.skipSpaces();
            r.expect(')');
            r.skipSpaces();
        }
        while (!r.atEnd()) {
            String name = r.keyword();
            if (name.equals("UID")) {
                uid = true;
            } else {
                r.sp();
                switch (name) {
                    case "MIN":
                        min = r.number();
                        break;
                    case "MAX":
                        max = r.number();
                        break;
                    case "COUNT":
                        count = r.number();
                        break;
                    case "MODSEQ":
                        modSeq = r.number();
                        break;
                    case "ALL":
                        all = ResponseCodeParser.set(r);
                        break;
                    default:
                        other.put(name, r.value());
                        break;
                }
            }
            r.skipSpaces();
        }
        return new ImapEvent.ESearch(tag, uid, min, max, count, all, modSeq, other);
    }

    /** {@code * VANISHED [(EARLIER)] uid-set}. */
    private static ImapEvent vanished(ImapReader r) {
        r.sp();
        boolean earlier = false;
        if (r.tryChar('(')) {
            if (!r.keyword().equals("EARLIER")) {
                throw new ParseException("expected EARLIER " + r.where());
            }
            r.expect(')');
            r.sp();
            earlier = true;
        }
        String set = ResponseCodeParser.set(r);
        r.end();
        return new ImapEvent.Vanished(earlier, set);
    }

    /** {@code * ID NIL} or {@code * ID ("name" "value" …)}. */
    private static ImapEvent id(ImapReader r) {
        r.sp();
        Map<String, String> fields = new LinkedHashMap<>();
        if (!r.tryNil()) {
            r.expect('(');
            r.skipSpaces();
            while (!r.tryChar(')')) {
                String name = r.string();
                r.sp();
                fields.put(name, r.nstring());
                r.skipSpaces();
            }
        }
        r.end();
        return new ImapEvent.Id(fields);
    }
}
