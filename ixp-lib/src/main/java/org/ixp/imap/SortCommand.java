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

    /** Checks the keys, the criteria and the server (SORT; SORT=DISPLAY for DISPLAYFROM/DISPLAYTO). */
    static SortCommand of(ImapTransport t, java.util.Collection<String> keys, String charset, String criteria,
                          boolean uid) {
        java.util.Objects.requireNonNull(criteria, "criteria");
        org.ixp.Arguments.requireSafe("search criteria", criteria);
        String sortKeys = ImapArguments.sortCriteria(keys);
        t.requireCapability("SORT", "SORT");
        if ((sortKeys.contains("DISPLAYFROM") || sortKeys.contains("DISPLAYTO")) && !t.hasCapability("SORT=DISPLAY")) {
            throw new org.ixp.IxpException(org.ixp.IxpCode.IXP_E_IMAP_NOT_SUPPORTED,
                    "DISPLAYFROM/DISPLAYTO need SORT=DISPLAY");
        }
        return new SortCommand(t, uid, sortKeys, ImapArguments.charset(charset), criteria);
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
