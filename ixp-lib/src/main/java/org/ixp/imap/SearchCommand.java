package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;

/** [UID] SEARCH: collects SEARCH numbers or the ESEARCH answering its tag. */
final class SearchCommand extends ImapCommand<List<Long>> {
    final boolean uid;
    private final List<Long> numbers = new ArrayList<>();

    SearchCommand(ImapTransport t, boolean uid) {
        super(t, "SEARCH");
        this.uid = uid;
    }

    /** [UID] SEARCH [RETURN (ALL)] [[UID] set] criteria: RETURN (ALL) under ESEARCH or IMAP4rev2 (compact). */
    static SearchCommand of(ImapTransport t, String criteria, boolean returnUids, RangeList range,
                            boolean uidRange) {
        java.util.Objects.requireNonNull(criteria, "criteria");
        org.ixp.Arguments.requireSafe("search criteria", criteria);
        SearchCommand c = new SearchCommand(t, returnUids);
        c.text((returnUids ? "UID " : "") + "SEARCH");
        if (t.hasCapability("ESEARCH") || t.hasCapability("IMAP4rev2")) {
            c.text(" RETURN (ALL)");
        }
        if (range != null && !range.isEmpty()) {
            c.text(" " + (uidRange ? "UID " : "") + range.toImapString());
        }
        c.text(" " + criteria);
        return c;
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Search
                || e instanceof ImapEvent.ESearch s && (s.tag() == null || s.tag().equalsIgnoreCase(tag));
    }

    @Override
    void untagged(ImapEvent e) {
        if (e instanceof ImapEvent.Search s) {
            numbers.addAll(s.numbers());
        } else if (e instanceof ImapEvent.ESearch s && s.all() != null) {
            for (RangeList.Range r : RangeList.parse(s.all(), s.uid()).ranges()) {
                for (long n = r.low(); n <= r.high(); n++) {
                    numbers.add(n);
                }
            }
        }
    }

    @Override
    List<Long> result(ImapEvent.Tagged ok) {
        return List.copyOf(numbers);
    }
}
