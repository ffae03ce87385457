package org.ixp.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extended LIST (RFC 5258): {@code LIST (selection) reference (patterns…) RETURN (options STATUS (items))}. Takes
 * the LIST responses and, with LIST-STATUS (RFC 5819), the STATUS response the server sends after each one; pairs
 * them by mailbox name.
 */
final class ListCommand extends ImapCommand<List<ImapListEntry>> {
    private final boolean withStatus;
    private final Map<String, ImapEvent.MailboxListing> listings = new LinkedHashMap<>();
    private final Map<String, ImapEvent.MailboxStatus> statuses = new LinkedHashMap<>();
    private final List<ImapEvent.MailboxStatus> unmatched = new ArrayList<>();

    ListCommand(ImapTransport t, boolean withStatus) {
        super(t, "LIST");
        this.withStatus = withStatus;
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.MailboxListing m && m.kind() == ImapEvent.ListKind.LIST
                || withStatus && e instanceof ImapEvent.MailboxStatus;
    }

    @Override
    void untagged(ImapEvent e) {
        if (e instanceof ImapEvent.MailboxListing m) {
            listings.put(m.rawName(), m);
        } else if (e instanceof ImapEvent.MailboxStatus s) {
            if (listings.containsKey(s.rawName())) {
                statuses.put(s.rawName(), s);
            } else if (listings.values().stream().anyMatch(m -> m.name().equals(s.name()))) {
                statuses.put(listings.values().stream().filter(m -> m.name().equals(s.name())).findFirst()
                        .orElseThrow().rawName(), s); // the same name written differently (quoted vs atom)
            } else {
                unmatched.add(s);
            }
        }
    }

    @Override
    List<ImapListEntry> result(ImapEvent.Tagged ok) {
        if (!unmatched.isEmpty()) {
            t.note(unmatched.size() + " STATUS response(s) named no listed mailbox: "
                    + unmatched.stream().map(ImapEvent.MailboxStatus::rawName).toList());
        }
        List<ImapListEntry> out = new ArrayList<>(listings.size());
        for (ImapEvent.MailboxListing m : listings.values()) {
            out.add(new ImapListEntry(m, statuses.get(m.rawName())));
        }
        return out;
    }
}
