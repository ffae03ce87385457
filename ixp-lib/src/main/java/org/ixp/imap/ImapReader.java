package org.ixp.imap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cursor over one framed {@link RawResponse} that reads the IMAP grammar's tokens: atoms, numbers, quoted
 * strings, literals, NIL, lists. Every method either consumes what it read or throws {@link ParseException}.
 *
 * <p>Named quirk: runs of spaces where the grammar has one, and spaces just inside parentheses, are accepted
 * (seen from Exchange and older Courier builds in SEARCH, FETCH and BODYSTRUCTURE).
 */
final class ImapReader {
    /** Bytes that end an atom: SP ( ) { " [ ] and controls. */
    private static final boolean[] ATOM_END = new boolean[256];
    /** Bytes that end an astring's atom form: as atoms, but [ and ] belong to it. */
    private static final boolean[] ASTRING_END = new boolean[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            ATOM_END[c] = true;
            ASTRING_END[c] = true;
        }
        ATOM_END[0x7f] = true;
        ASTRING_END[0x7f] = true;
        for (char c : new char[] {' ', '(', ')', '{', '"'}) {
            ATOM_END[c] = true;
            ASTRING_END[c] = true;
        }
        ATOM_END['['] = true;
        ATOM_END[']'] = true;
    }

    /** Nesting bound for lists, so a hostile server cannot overflow the stack. */
    static final int MAX_DEPTH = 100;

    private final RawResponse response;
    private int seg;
    private int pos;
    private byte[] cur;

    ImapReader(RawResponse response) {
        this.response = response;
        this.cur = response.segments.get(0);
    }

    // ------------------------------------------------------------------ position

    long mark() {
        return ((long) seg << 32) | pos;
    }

    void reset(long mark) {
        seg = (int) (mark >>> 32);
        pos = (int) mark;
        cur = response.segments.get(seg);
    }

    /** The next byte (0–255), or -1 at the end of the current segment. */
    int peek() {
        return pos < cur.length ? cur[pos] & 0xff : -1;
    }

    boolean atEnd() {
        return pos >= cur.length && seg == response.segments.size() - 1;
    }

    void skip() {
        pos++;
    }

    boolean tryChar(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!tryChar(c)) {
            throw new ParseException("expected '" + c + "' " + where());
        }
    }

    /** One space, or (quirk) several. */
    void sp() {
        if (peek() != ' ') {
            throw new ParseException("expected a space " + where());
        }
        skipSpaces();
    }

    boolean trySp() {
        if (peek() != ' ') {
            return false;
        }
        skipSpaces();
        return true;
    }

    void skipSpaces() {
        while (peek() == ' ') {
            pos++;
        }
    }

    /** Requires the end of the response; trailing spaces are tolerated (quirk). */
    void end() {
        skipSpaces();
        if (!atEnd()) {
            throw new ParseException("unexpected data " + where());
        }
    }

    /** True if a space then {@code c}, or {@code c}, follows (without consuming). */
    boolean at(char c) {
        return peek() == c;
    }

    String where() {
        if (pos >= cur.length) {
            return seg == response.segments.size() - 1 ? "at the end" : "before a literal";
        }
        int to = Math.min(cur.length, pos + 20);
        return "at \"" + new String(cur, pos, to - pos, UTF_8) + (to < cur.length ? "…" : "") + "\"";
    }

    // ------------------------------------------------------------------ atoms and numbers

    /** An atom (1 or more ATOM-CHARs; 8-bit bytes accepted). */
    String atom() {
        return token(ATOM_END, "an atom");
    }

    /** The atom form of an astring: like {@link #atom()} but with [ and ] (e.g. {@code [Gmail]/Sent}). */
    String astringAtom() {
        return token(ASTRING_END, "an astring");
    }

    private String token(boolean[] end, String what) {
        int start = pos;
        while (pos < cur.length && !end[cur[pos] & 0xff]) {
            pos++;
        }
        if (pos == start) {
            throw new ParseException("expected " + what + " " + where());
        }
        return new String(cur, start, pos - start, UTF_8);
    }

    /** An atom in upper case, for keywords. */
    String keyword() {
        return atom().toUpperCase(Locale.ROOT);
    }

    boolean peekDigit() {
        int c = peek();
        return c >= '0' && c <= '9';
    }

    /** A number (1*DIGIT) up to 2^63-1, checked digit by digit. */
    long number() {
        if (!peekDigit()) {
            throw new ParseException("expected a number " + where());
        }
        long n = 0;
        while (peekDigit()) {
            int d = cur[pos] - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                throw new ParseException("number too large " + where());
            }
            n = n * 10 + d;
            pos++;
        }
        int c = peek();
        if (c >= 0 && !ATOM_END[c] && c != ']') {
            throw new ParseException("expected a number " + where());
        }
        return n;
    }

    /** A non-zero number. */
    long nzNumber() {
        long n = number();
        if (n == 0) {
            throw new ParseException("expected a non-zero number " + where());
        }
        return n;
    }

    /** Digits only, checked; -1 if {@code s} is not a number that fits 63 bits. */
    static long parseNumberOrMinus1(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9 || n > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** True if NIL (any case) is next, and consumes it. */
    boolean tryNil() {
        if (pos + 3 <= cur.length && (cur[pos] | 0x20) == 'n' && (cur[pos + 1] | 0x20) == 'i'
                && (cur[pos + 2] | 0x20) == 'l' && (pos + 3 == cur.length || ATOM_END[cur[pos + 3] & 0xff])) {
            pos += 3;
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ strings

    /** True if a quoted string or a literal starts here. */
    boolean atString() {
        int c = peek();
        return c == '"' || c == '{' || (c == '~' && pos + 1 < cur.length && cur[pos + 1] == '{');
    }

    /** A quoted string or literal, as bytes. */
    byte[] stringBytes() {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '{' || c == '~') {
            RawResponse.Literal l = literal();
            if (l.streamed()) {
                throw new ParseException("streamed body data where a string was expected");
            }
            return l.bytes();
        }
        throw new ParseException("expected a string " + where());
    }

    String string() {
        if (peek() == '"') {
            // the common case, a quoted string without escapes, decoded straight from the segment (one copy)
            int start = pos + 1;
            int i = start;
            while (i < cur.length && cur[i] != '"' && cur[i] != '\\') {
                i++;
            }
            if (i < cur.length && cur[i] == '"') {
                pos = i + 1;
                return new String(cur, start, i - start, UTF_8);
            }
        }
        return new String(stringBytes(), UTF_8);
    }

    /** A string or NIL ({@code null}). */
    String nstring() {
        return tryNil() ? null : string();
    }

    /** An atom (with [ ]) or a string. */
    String astring() {
        return atString() ? string() : astringAtom();
    }

    private byte[] quoted() {
        pos++;
        int start = pos;
        boolean escaped = false;
        while (pos < cur.length && cur[pos] != '"') {
            if (cur[pos] == '\\') {
                escaped = true;
                pos++;
            }
            pos++;
        }
        if (pos >= cur.length) {
            throw new ParseException("unterminated quoted string");
        }
        int stop = pos;
        pos++;
        if (!escaped) {
            return java.util.Arrays.copyOfRange(cur, start, stop);
        }
        // Quirk: a backslash before any character stands for that character (RFC: only \\ and \").
        byte[] out = new byte[stop - start];
        int n = 0;
        for (int i = start; i < stop; i++) {
            if (cur[i] == '\\') {
                i++;
            }
            out[n++] = cur[i];
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * A literal ({@code {n}}, {@code {n+}} or {@code ~{n}}) whose header ends the current segment; the reader moves
     * to the next segment.
     */
    RawResponse.Literal literal() {
        int start = pos;
        if (peek() == '~') {
            pos++;
        }
        expect('{');
        while (peekDigit()) {
            pos++;
        }
        tryChar('+');
        expect('}');
        if (pos != cur.length || seg >= response.literals.size()) {
            pos = start;
            throw new ParseException("malformed literal " + where());
        }
        RawResponse.Literal l = response.literals.get(seg);
        seg++;
        pos = 0;
        cur = response.segments.get(seg);
        return l;
    }

    /** The rest of the current segment as text (resp-text), consumed. */
    String restOfSegment() {
        String s = new String(cur, pos, cur.length - pos, UTF_8);
        pos = cur.length;
        return s;
    }

    /**
     * The rest of the response as text, consumed: resp-text grammar has no literals, so a line that happened to end
     * in {@code {n}} is given back whole, literal included.
     */
    String restOfResponse() {
        String first = restOfSegment();
        if (seg == response.segments.size() - 1) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        while (seg < response.segments.size() - 1) {
            RawResponse.Literal l = response.literals.get(seg);
            sb.append("\r\n").append(l.streamed() ? "" : new String(l.bytes(), UTF_8));
            seg++;
            cur = response.segments.get(seg);
            pos = 0;
            sb.append(restOfSegment());
        }
        return sb.toString();
    }

    /** Text up to (not including) {@code stop} in the current segment, consumed; {@code null} if absent. */
    String until(char stop) {
        for (int i = pos; i < cur.length; i++) {
            if (cur[i] == stop) {
                String s = new String(cur, pos, i - pos, UTF_8);
                pos = i;
                return s;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ lists and generic values

    /** {@code (atom atom …)}: flags, attributes, capability-like lists. Empty lists allowed. */
    List<String> atomList() {
        expect('(');
        List<String> out = new ArrayList<>();
        skipSpaces();
        while (!tryChar(')')) {
            out.add(atom());
            if (!at(')')) {
                sp();
            }
        }
        return out;
    }

    /** Atoms separated by spaces up to the end of the response or {@code stop} (not consumed). */
    List<String> atomsUntil(int stop) {
        List<String> out = new ArrayList<>();
        skipSpaces();
        while (!atEnd() && peek() != stop) {
            out.add(atom());
            skipSpaces();
        }
        return out;
    }

    /**
     * Skips any one value (as {@link #value()} reads it) without building it and without recursion, so any
     * depth of nesting can be stepped over.
     */
    void skipValue() {
        int depth = 0;
        do {
            int c = peek();
            if (c == '(') {
                pos++;
                depth++;
            } else if (c == ')' && depth > 0) {
                pos++;
                depth--;
            } else if (atString()) {
                if (c == '"') {
                    quoted();
                } else {
                    literal();
                }
            } else if (!tryNil()) {
                astringAtom();
            }
            if (depth > 0) {
                skipSpaces();
            }
        } while (depth > 0);
    }

    /** Any value: list, string, NIL, number or atom, kept raw. */
    ImapValue value() {
        return value(0);
    }

    private ImapValue value(int depth) {
        int c = peek();
        if (c == '(') {
            if (depth >= MAX_DEPTH) {
                throw new ParseException("lists nested more than " + MAX_DEPTH + " deep");
            }
            pos++;
            List<ImapValue> items = new ArrayList<>();
            skipSpaces();
            while (!tryChar(')')) {
                items.add(value(depth + 1));
                skipSpaces();
            }
            return new ImapValue.ListValue(items);
        }
        if (atString()) {
            if (c != '"') {
                RawResponse.Literal l = literal();
                return new ImapValue.Text(l.streamed() ? "" : new String(l.bytes(), UTF_8));
            }
            return new ImapValue.Text(string());
        }
        if (tryNil()) {
            return ImapValue.NIL;
        }
        return new ImapValue.Atom(astringAtom());
    }
}
