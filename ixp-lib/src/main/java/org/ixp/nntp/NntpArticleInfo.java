package org.ixp.nntp;

/**
 * What an ARTICLE, HEAD or BODY retrieved.
 *
 * @param articleNumber the article number, 0 when asked by message-id
 * @param messageId     the message-id
 * @param bytes         the bytes delivered (de-stuffed, CRLF line ends)
 * @param lines         the lines delivered
 */
public record NntpArticleInfo(long articleNumber, String messageId, long bytes, long lines) {
}
