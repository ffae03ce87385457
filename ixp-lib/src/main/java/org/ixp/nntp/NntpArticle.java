package org.ixp.nntp;

/**
 * NNTPARTICLE: one part of an ARTICLE, HEAD or BODY. Parts are never accumulated: join {@link #bytes()} until the
 * response with {@code done()}, whose part is empty.
 *
 * @param articleNumber the article number, 0 when asked by message-id ({@code dwArticleNum})
 * @param messageId     the message-id ({@code pszMessageId})
 * @param bytes         this part: whole lines, de-stuffed, each ending with CRLF ({@code pszLines}, {@code cbLines})
 * @param lines         the number of lines in this part ({@code cLines})
 */
public record NntpArticle(long articleNumber, String messageId, byte[] bytes, int lines) implements NntpData {

    @Override
    public String toString() {
        return "NntpArticle[" + articleNumber + " " + messageId + ", " + bytes.length + " bytes, " + lines
                + " lines]";
    }
}
