package org.ixp;

/**
 * Bounds on what a server may send, so a hostile server cannot exhaust memory.
 *
 * @param maxLineLength  longest response line accepted, in bytes, without its CRLF
 * @param maxLiteralSize largest IMAP literal (or other declared size) accepted, in bytes
 * @param maxReplyLines  most lines in one multi-line status reply (SMTP, capability lists)
 */
public record Limits(int maxLineLength, long maxLiteralSize, int maxReplyLines) {
    public static final Limits DEFAULT = new Limits(64 * 1024, 1L << 31, 1000);

    public Limits {
        if (maxLineLength < 512) {
            throw new IllegalArgumentException("maxLineLength must be at least 512 (RFC 5321 reply lines)");
        }
        if (maxLiteralSize < 0 || maxReplyLines < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
