package org.ixp.pop3;

/**
 * Finds the end of a message's header (the first empty line, RFC 5322 §2.1) across chunks, for {@code fHeader}.
 * Looks at each byte only until the header has ended.
 */
final class HeaderScanner {
    private boolean lineEmpty = true;
    private boolean ended;

    /** Feeds the next bytes of the message; returns whether the header has ended (in them or before). */
    boolean feed(byte[] bytes) {
        for (int i = 0; i < bytes.length && !ended; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (lineEmpty) {
                    ended = true;
                }
                lineEmpty = true;
            } else if (b != '\r') {
                lineEmpty = false;
            }
        }
        return ended;
    }

    boolean ended() {
        return ended;
    }
}
