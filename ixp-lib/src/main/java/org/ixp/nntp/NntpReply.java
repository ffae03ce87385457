package org.ixp.nntp;

/**
 * One NNTP status line (RFC 3977 §3.2): a three-digit code and its text.
 *
 * @param code      the status code, 100–599
 * @param text      the text after the code (may be empty)
 * @param multiLine whether a multi-line data block follows: true only when {@code code} is one of the codes the
 *                  command in flight declared as opening a block (e.g. 211 for LISTGROUP, never for GROUP)
 */
public record NntpReply(int code, String text, boolean multiLine) implements NntpEvent {

    /** The status line as received: {@code "211 3 1 3 misc.test"}. */
    public String line() {
        return text.isEmpty() ? Integer.toString(code) : code + " " + text;
    }

    /** 1xx, 2xx or 3xx. */
    public boolean positive() {
        return code < 400;
    }

    @Override
    public String toString() {
        return line();
    }
}
