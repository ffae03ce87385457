package org.ixp.nntp;

import java.util.Map;

/**
 * NNTPHEADER: one article's overview entry (OVER/XOVER), mapped by the server's OVERVIEW.FMT.
 *
 * @param articleNumber the article number ({@code dwArticleNum})
 * @param subject       Subject ({@code pszSubject})
 * @param from          From ({@code pszFrom})
 * @param date          Date ({@code pszDate})
 * @param messageId     Message-ID ({@code pszMessageId})
 * @param references    References ({@code pszReferences})
 * @param bytes         :bytes, or -1 when absent or empty ({@code dwBytes}, which "may be unset")
 * @param lines         :lines, or -1 when absent or empty ({@code dwLines})
 * @param xref          Xref, or {@code null} when the format has none ({@code pszXref})
 * @param others        further fields of the format, by name as the format gives it (e.g. {@code "Newsgroups:"})
 */
public record NntpHeader(long articleNumber, String subject, String from, String date, String messageId,
                         String references, long bytes, long lines, String xref, Map<String, String> others) {
}
