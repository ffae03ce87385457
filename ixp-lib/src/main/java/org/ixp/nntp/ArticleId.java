package org.ixp.nntp;

import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * ARTICLEID: an article by number (in the current group) or by message-id; or {@link #current()}, the current
 * article.
 *
 * @param type      AID_MSGID or AID_ARTICLENUM ({@code idType}); {@code null} for the current article
 * @param number    the article number, for {@link Type#ARTICLENUM} ({@code dwArticleNum})
 * @param messageId the message-id with its angle brackets, for {@link Type#MSGID} ({@code pszMessageId})
 */
public record ArticleId(Type type, long number, String messageId) {
    private static final ArticleId CURRENT = new ArticleId(null, 0, null);

    /** ARTICLEIDTYPE. */
    public enum Type {
        /** AID_MSGID = 0. */
        MSGID,
        /** AID_ARTICLENUM = 1. */
        ARTICLENUM
    }

    /** An article number of the current group (needs GROUP first). */
    public static ArticleId number(long number) {
        if (number < 0) {
            throw new IxpException(IxpCode.E_INVALIDARG, "article numbers are not negative: " + number);
        }
        return new ArticleId(Type.ARTICLENUM, number, null);
    }

    /** A message-id such as {@code <1234@example.net>} (checked as RFC 3977 §3.6 requires). */
    public static ArticleId messageId(String messageId) {
        return new ArticleId(Type.MSGID, 0, NntpCommands.checkMessageId(messageId));
    }

    /** The current article (the command without an argument). */
    public static ArticleId current() {
        return CURRENT;
    }

    /** The command argument: the number, the message-id, or "" for the current article. */
    String argument() {
        if (type == null) {
            return "";
        }
        return type == Type.MSGID ? messageId : Long.toString(number);
    }

    @Override
    public String toString() {
        return type == null ? "current article" : argument();
    }
}
