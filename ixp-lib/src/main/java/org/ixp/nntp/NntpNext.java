package org.ixp.nntp;

/**
 * NNTPNEXT: the reply to NEXT, LAST or STAT, {@code 223 n <message-id>}; also the article a retrieval answered.
 *
 * @param articleNumber the article number, or 0 when the article was named by message-id ({@code dwArticleNum})
 * @param messageId     the message-id, with its angle brackets ({@code pszMessageId})
 */
public record NntpNext(long articleNumber, String messageId) implements NntpData {
}
