package org.ixp.imap;

import java.util.Map;

/**
 * [UID] SEARCH RETURN (…) (ESEARCH, RFC 4731): takes the ESEARCH response that names its tag (or names none, from
 * servers that leave it out).
 */
final class ESearchCommand extends ImapCommand<ImapSearchResult> {
    final boolean uid;
    private ImapEvent.ESearch found;

    ESearchCommand(ImapTransport t, boolean uid) {
        super(t, "SEARCH");
        this.uid = uid;
    }

    /** [UID] SEARCH RETURN (options) [[UID] set] criteria; needs ESEARCH or IMAP4rev2. */
    static ESearchCommand of(ImapTransport t, String criteria, boolean uid,
                             java.util.Collection<String> returnOptions, RangeList range, boolean uidRange) {
        java.util.Objects.requireNonNull(criteria, "criteria");
        org.ixp.Arguments.requireSafe("search criteria", criteria);
        if (!t.hasCapability("ESEARCH") && !t.hasCapability("IMAP4rev2")) {
            t.requireCapability("ESEARCH", "SEARCH RETURN");
        }
        ESearchCommand c = new ESearchCommand(t, uid);
        c.text((uid ? "UID " : "") + "SEARCH " + ImapArguments.searchReturn(returnOptions));
        if (range != null && !range.isEmpty()) {
            c.text(" " + (uidRange ? "UID " : "") + range.toImapString());
        }
        c.text(" " + criteria);
        return c;
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.ESearch s && (s.tag() == null || s.tag().equalsIgnoreCase(tag));
    }

    @Override
    void untagged(ImapEvent e) {
        found = (ImapEvent.ESearch) e;
    }

    @Override
    ImapSearchResult result(ImapEvent.Tagged ok) {
        ImapEvent.ESearch s = found;
        if (s == null) {
            return new ImapSearchResult(uid, null, null, null, null, null, Map.of());
        }
        return new ImapSearchResult(uid, s.min(), s.max(), s.count(),
                s.all() == null ? null : RangeList.parse(s.all(), uid), s.modSeq(), s.other());
    }
}
