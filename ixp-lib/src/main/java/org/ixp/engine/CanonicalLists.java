package org.ixp.engine;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of each capability list seen: a thousand sessions to one server hold one list, not a thousand
 * copies of its forty-odd names (Dovecot's: about 3 KiB of strings per session, a third of an idle IMAP session's
 * heap). Bounded: forgotten past {@link #MAX} lists (a client of many different servers only loses the sharing).
 */
public final class CanonicalLists {
    static final int MAX = 64;
    private static final ConcurrentHashMap<List<String>, List<String>> SEEN = new ConcurrentHashMap<>();

    private CanonicalLists() {
    }

    /** An immutable list equal to {@code list}: the one already seen, or this one's copy. */
    public static List<String> of(List<String> list) {
        List<String> copy = List.copyOf(list);
        if (SEEN.size() >= MAX) {
            SEEN.clear();
        }
        return SEEN.computeIfAbsent(copy, k -> k);
    }
}
