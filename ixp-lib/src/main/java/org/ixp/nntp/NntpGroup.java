package org.ixp.nntp;

/**
 * NNTPGROUP: the reply to GROUP or LISTGROUP, {@code 211 count first last name}. Numbers are 64-bit (RFC 3977
 * allows up to 2^31-1 per server today, and servers past that exist).
 *
 * @param count an estimate of the number of articles ({@code dwCount})
 * @param first the lowest article number ({@code dwFirst})
 * @param last  the highest article number ({@code dwLast})
 * @param name  the group ({@code pszGroup})
 */
public record NntpGroup(long count, long first, long last, String name) implements NntpData {
}
