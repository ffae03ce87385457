package org.ixp.nntp;

/**
 * NNTPXHDR: one line of an XHDR/HDR answer.
 *
 * @param articleNumber the article number, or 0 when asked by message-id ({@code dwArticleNum})
 * @param value         the header's value, empty when the article has none ({@code pszHeader})
 */
public record NntpXhdr(long articleNumber, String value) {
}
