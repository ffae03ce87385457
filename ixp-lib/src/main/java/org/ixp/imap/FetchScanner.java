package org.ixp.imap;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Arrays;

/**
 * Follows a {@code * n FETCH (…)} response segment by segment while it is being framed, so the decoder knows,
 * when a literal is announced, whether it is body data to stream ({@code BODY[…]}, {@code BINARY[…]},
 * {@code RFC822*} at the top level of the item list) or a small string to keep (a subject in an ENVELOPE).
 * Body data sent as a quoted string or NIL is reported as it is seen, so every body reaches the consumer the same
 * way. Each segment is scanned once.
 *
 * <p>The scanner only tracks nesting and quoting; {@link FetchParser} checks the grammar afterwards, and the
 * decoder checks both agree on the number of bodies.
 */
final class FetchScanner {
    /** Where body data seen inline (quoted string or NIL) goes. */
    interface Sink {
        void inlineBody(long seq, BodySection section, byte[] data, boolean nil);
    }

    private enum Mode { PREFIX, NAME, VALUE, NESTED, OFF }

    private final Sink sink;
    private Mode mode = Mode.PREFIX;
    private long seq;
    private BodySection body;
    private int nested;
    private BodySection lastSection;

    FetchScanner(Sink sink) {
        this.sink = sink;
    }

    /** Starts a new response. */
    void reset() {
        mode = Mode.PREFIX;
        body = null;
        nested = 0;
    }

    long seq() {
        return seq;
    }

    /** Scans {@code seg[0, end)}: the segment without its literal header, if it has one. */
    void scan(byte[] seg, int end) {
        int i = 0;
        if (mode == Mode.PREFIX) {
            i = prefix(seg, end);
            if (i < 0) {
                mode = Mode.OFF;
                return;
            }
            mode = Mode.NAME;
        }
        while (i < end && mode != Mode.OFF) {
            switch (mode) {
                case NAME:
                    i = name(seg, i, end);
                    break;
                case VALUE:
                    i = value(seg, i, end);
                    break;
                case NESTED:
                    i = nested(seg, i, end);
                    break;
                default:
                    return;
            }
        }
    }

    /**
     * A literal follows the scanned part of the segment: true if it is body data to stream. The scanner then
     * expects what follows the literal.
     */
    boolean literal() {
        if (mode == Mode.VALUE) {
            lastSection = body;
            boolean stream = body != null;
            body = null;
            mode = Mode.NAME;
            return stream;
        }
        if (mode != Mode.NESTED && mode != Mode.OFF) {
            mode = Mode.OFF;
        }
        return false;
    }

    /** The section of the body literal {@link #literal()} just said to stream. */
    BodySection lastSection() {
        return lastSection;
    }

    // ------------------------------------------------------------------ states

    /** {@code * n FETCH (}: returns the index after the parenthesis, or -1 if this is not a FETCH. */
    private int prefix(byte[] s, int end) {
        int i = 0;
        if (end < 2 || s[0] != '*' || s[1] != ' ') {
            return -1;
        }
        i = spaces(s, 1, end);
        int start = i;
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        long n = ImapReader.parseNumberOrMinus1(new String(s, start, i - start, US_ASCII));
        if (n < 0 || i >= end || s[i] != ' ') {
            return -1;
        }
        i = spaces(s, i, end);
        if (i + 5 > end || !new String(s, i, 5, US_ASCII).equalsIgnoreCase("FETCH")) {
            return -1;
        }
        i += 5;
        if (i >= end || s[i] != ' ') {
            return -1;
        }
        i = spaces(s, i, end);
        if (i >= end || s[i] != '(') {
            return -1;
        }
        seq = n;
        return i + 1;
    }

    private int name(byte[] s, int i, int end) {
        i = spaces(s, i, end);
        if (i >= end) {
            return i;
        }
        if (s[i] == ')') {
            mode = Mode.OFF; // the list is closed: nothing more to stream
            return end;
        }
        int start = i;
        while (i < end && !ends(s[i]) && s[i] != '[') {
            i++;
        }
        if (i < end && s[i] == '[') {
            i = indexOf(s, i, end, ']');
            if (i < 0) {
                mode = Mode.OFF;
                return end;
            }
            i++;
            if (i < end && s[i] == '<') {
                i = indexOf(s, i, end, '>');
                if (i < 0) {
                    mode = Mode.OFF;
                    return end;
                }
                i++;
            }
        }
        if (i == start || i >= end || s[i] != ' ') {
            mode = Mode.OFF;
            return end;
        }
        String name = new String(s, start, i - start, java.nio.charset.StandardCharsets.UTF_8);
        body = BodySection.parse(name);
        mode = Mode.VALUE;
        return spaces(s, i, end);
    }

    private int value(byte[] s, int i, int end) {
        byte c = s[i];
        if (c == '(') {
            nested = 1;
            body = null;
            mode = Mode.NESTED;
            return i + 1;
        }
        if (c == '"') {
            int close = closingQuote(s, i + 1, end);
            if (close < 0) {
                mode = Mode.OFF;
                return end;
            }
            if (body != null) {
                sink.inlineBody(seq, body, unescape(s, i + 1, close), false);
            }
            body = null;
            mode = Mode.NAME;
            return close + 1;
        }
        int start = i;
        while (i < end && s[i] != ' ' && s[i] != ')' && s[i] != '(') {
            i++;
        }
        if (body != null && i - start == 3 && new String(s, start, 3, US_ASCII).equalsIgnoreCase("NIL")) {
            sink.inlineBody(seq, body, new byte[0], true);
        }
        body = null;
        mode = Mode.NAME;
        return i;
    }

    private int nested(byte[] s, int i, int end) {
        while (i < end) {
            byte c = s[i];
            if (c == '"') {
                int close = closingQuote(s, i + 1, end);
                if (close < 0) {
                    mode = Mode.OFF;
                    return end;
                }
                i = close + 1;
                continue;
            }
            if (c == '(') {
                nested++;
            } else if (c == ')' && --nested == 0) {
                mode = Mode.NAME;
                return i + 1;
            }
            i++;
        }
        return i;
    }

    // ------------------------------------------------------------------ helpers

    private static boolean ends(byte c) {
        return c == ' ' || c == '(' || c == ')' || c == '"' || c == '{' || c == ']' || (c >= 0 && c < 0x20) || c == 0x7f;
    }

    private static int spaces(byte[] s, int i, int end) {
        while (i < end && s[i] == ' ') {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] s, int i, int end, char c) {
        for (; i < end; i++) {
            if (s[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int closingQuote(byte[] s, int i, int end) {
        for (; i < end; i++) {
            if (s[i] == '\\') {
                i++;
            } else if (s[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] unescape(byte[] s, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s[i] == '\\') {
                i++;
            }
            out[n++] = s[i];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
