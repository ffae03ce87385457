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
