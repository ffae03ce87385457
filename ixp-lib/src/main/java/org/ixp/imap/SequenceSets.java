package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * Sequence sets the server sends whose order means something (COPYUID, APPENDUID: RFC 4315 pairs the source and
 * destination UIDs by position), expanded in the order written. Bounded: a set naming more than
 * {@link #MAX_EXPANDED} numbers is refused rather than expanded.
 */
final class SequenceSets {
    /** The most numbers one set expands to (16 Mi). */
    static final int MAX_EXPANDED = 1 << 24;

    private SequenceSets() {
    }

    /** {@code 4,1:3} → 4, 1, 2, 3 ({@code 3:1} counts up, as the RFC makes {@code n:m} the same as {@code m:n}). */
    static List<Long> inOrder(String set) {
        String[] parts = set.split(",", -1);
        long total = 0;
        long[][] bounds = new long[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int colon = p.indexOf(':');
            long a = number(colon < 0 ? p : p.substring(0, colon), set);
            long b = colon < 0 ? a : number(p.substring(colon + 1), set);
            bounds[i] = new long[] {Math.min(a, b), Math.max(a, b)};
            total += bounds[i][1] - bounds[i][0] + 1;
            if (total > MAX_EXPANDED) {
                throw malformed(set, "names more than " + MAX_EXPANDED + " numbers");
            }
        }
        List<Long> out = new ArrayList<>((int) total);
        for (long[] r : bounds) {
            for (long n = r[0]; n <= r[1]; n++) {
                out.add(n);
            }
        }
        return out;
    }

    private static long number(String s, String set) {
        long n = ImapReader.parseNumberOrMinus1(s);
        if (n < 1 || n > RangeList.LAST_MESSAGE) {
            throw malformed(set, "\"" + s + "\" is not a number here");
        }
        return n;
    }

    private static IxpException malformed(String set, String why) {
        return new IxpException(IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE, "the set \"" + set + "\" " + why);
    }
}
