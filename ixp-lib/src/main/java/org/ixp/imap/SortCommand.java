package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;

/** [UID] SORT (RFC 5256): {@code SORT (criteria) charset search-keys}; collects the SORT responses in order. */
final class SortCommand extends ImapCommand<List<Long>> {
    private final List<Long> numbers = new ArrayList<>();

    SortCommand(ImapTransport t, boolean uid, String criteria, String charset, String search) {
        super(t, "SORT");
        text((uid ? "UID " : "") + "SORT " + criteria + " " + charset + " " + search);
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Sort;
    }

    @Override
    void untagged(ImapEvent e) {
        numbers.addAll(((ImapEvent.Sort) e).numbers());
    }

    @Override
    List<Long> result(ImapEvent.Tagged ok) {
        return List.copyOf(numbers);
    }
}
