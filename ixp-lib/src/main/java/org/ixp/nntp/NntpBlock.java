package org.ixp.nntp;

import java.util.List;

/** The parts of a multi-line data block, de-stuffed (RFC 3977 §3.1.1). */
final class NntpBlock {
    private NntpBlock() {
    }

    /**
     * Some of the block's lines, without their CRLF, decoded as UTF-8 (malformed bytes become U+FFFD).
     *
     * @param lines the lines, at least one
     * @param bytes their size on the wire (for flow control)
     */
    record Lines(List<String> lines, long bytes) implements NntpEvent {
    }

    /**
     * A bounded piece of an article: whole lines, each ending with CRLF, exactly as the article holds them.
     *
     * @param bytes the piece
     * @param lines how many lines it holds
     */
    record Chunk(byte[] bytes, int lines) implements NntpEvent {
    }

    /** The terminating "." line. */
    record End() implements NntpEvent {
        static final End INSTANCE = new End();
    }
}
