package org.ixp.nntp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * NNTPMESSAGE: an article to post (RFC 5536 headers, a blank line, the body). The transport reads the stream once,
 * on the calling thread, when the command is accepted (as the original copies its argument), normalises line ends
 * to CRLF and dot-stuffs it.
 *
 * @param stream the article ({@code pstmMsg})
 * @param size   its size in bytes, or -1 when unknown ({@code cbSize}); informational
 */
public record NntpMessage(InputStream stream, long size) {

    public NntpMessage {
        Objects.requireNonNull(stream, "stream");
    }

    public static NntpMessage of(byte[] article) {
        return new NntpMessage(new ByteArrayInputStream(article), article.length);
    }

    /** The article as text, UTF-8 encoded; LF line ends are fine (they become CRLF). */
    public static NntpMessage of(String article) {
        return of(article.getBytes(StandardCharsets.UTF_8));
    }
}
