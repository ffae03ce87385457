package org.ixp.imap;

/**
 * Modified UTF-7, the IMAP4rev1 mailbox name encoding (RFC 3501 §5.1.3): printable US-ASCII stands for itself
 * except {@code &}, which is {@code &-}; any other run of characters is {@code &}, the modified BASE64 (with
 * {@code ,} for {@code /}, no padding) of its UTF-16BE form, and {@code -}. {@code Entwürfe} is
 * {@code Entw&APw-rfe}. The contract's MultiByteToModifiedUTF7 ({@link #encode}) and ModifiedUTF7ToMultiByte
 * ({@link #decode}); Java strings are Unicode, so there is no code page.
 *
 * <p>Decoding is strict, as RFC 3501 requires of the encoding: a printable ASCII character encoded in BASE64
 * ({@code &AGE-}), two encoded runs in a row ({@code &U,BTFw-&ZeVnLIqe-}), a run not closed by {@code -}, bits left
 * over, a broken surrogate pair, or any byte outside printable ASCII are refused. Each name then has exactly one
 * encoding, so names compare by their encoded form.
 */
public final class ModifiedUtf7 {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUE[ALPHABET[i]] = i;
        }
    }

    private ModifiedUtf7() {
    }

    /**
     * Encodes a mailbox name.
     *
     * @throws IllegalArgumentException if it holds an unpaired surrogate (E_FAIL in the contract)
     */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int start = i;
            while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                i++;
            }
            checkSurrogates(name, start, i);
            out.append('&');
            base64(name, start, i, out);
            out.append('-');
        }
        return out.toString();
    }

    /**
     * Decodes a mailbox name.
     *
     * @throws IllegalArgumentException if it is not canonical modified UTF-7 (the class comment lists how)
     */
    public static String decode(String encoded) {
        String s = decodeOrNull(encoded);
        if (s == null) {
            throw new IllegalArgumentException("not valid modified UTF-7: " + encoded);
        }
        return s;
    }

    /** As {@link #decode}, but {@code null} when the name is not valid modified UTF-7. */
    public static String decodeOrNull(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        int i = 0;
        boolean afterRun = false;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            if (c != '&') {
                out.append(c);
                i++;
                afterRun = false;
                continue;
            }
            int end = encoded.indexOf('-', i + 1);
            if (end < 0) {
                return null;
            }
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                afterRun = false;
                continue;
            }
            if (afterRun || !unbase64(encoded, i + 1, end, out)) {
                return null;
            }
            afterRun = true;
            i = end + 1;
        }
        return out.toString();
    }

    private static void base64(String s, int from, int to, StringBuilder out) {
        int bits = 0;
        int buffer = 0;
        for (int i = from; i < to; i++) {
            buffer = (buffer << 16) | s.charAt(i);
            bits += 16;
            while (bits >= 6) {
                bits -= 6;
                out.append(ALPHABET[(buffer >> bits) & 0x3f]);
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (6 - bits)) & 0x3f]);
        }
    }

    /** Decodes {@code s[from, to)} into {@code out}; false if it is not a canonical encoded run. */
    private static boolean unbase64(String s, int from, int to, StringBuilder out) {
        int bits = 0;
        int buffer = 0;
        int start = out.length();
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int v = c < 128 ? VALUE[c] : -1;
            if (v < 0) {
                return false;
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                char u = (char) ((buffer >> bits) & 0xffff);
                if (u >= 0x20 && u <= 0x7e) {
                    return false; // printable ASCII must represent itself
                }
                out.append(u);
                buffer &= (1 << bits) - 1;
            }
        }
        if (bits >= 6 || buffer != 0 || out.length() == start) {
            return false;
        }
        try {
            checkSurrogates(out, start, out.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return true;
    }

    private static void checkSurrogates(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= to || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException("unpaired surrogate at index " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i);
            }
        }
    }
}
