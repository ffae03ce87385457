package org.ixp.nntp;

import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * RANGE: article numbers, inclusive, 64-bit. {@code last == -1} means "to the end" ({@code first-}).
 *
 * @param first the first article number ({@code dwFirst})
 * @param last  the last, inclusive ({@code dwLast}); equal to {@code first} for RT_SINGLE; -1 for no upper bound
 */
public record NntpRange(long first, long last) {

    public NntpRange {
        if (first < 0 || (last != -1 && last < first)) {
            throw new IxpException(IxpCode.E_INVALIDARG, "invalid article range " + first + "-" + last);
        }
    }

    /** RT_SINGLE. */
    public static NntpRange single(long n) {
        return new NntpRange(n, n);
    }

    /** RT_RANGE, inclusive. */
    public static NntpRange of(long first, long last) {
        return new NntpRange(first, last);
    }

    /** From {@code first} to the group's end. */
    public static NntpRange from(long first) {
        return new NntpRange(first, -1);
    }

    /** Whether this is RT_SINGLE. */
    public boolean single() {
        return first == last;
    }

    /** The RFC 3977 form: {@code n}, {@code n-m} or {@code n-}. */
    @Override
    public String toString() {
        if (first == last) {
            return Long.toString(first);
        }
        return last == -1 ? first + "-" : first + "-" + last;
    }
}
