package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;

/** LIST or LSUB reference pattern (RFC 3501 form): the MAILBOX_LISTINGs of its kind, in order. */
final class ListingCommand extends ImapCommand<List<ImapEvent.MailboxListing>> {
    private final ImapEvent.ListKind kind;
    private final List<ImapEvent.MailboxListing> found = new ArrayList<>();

    ListingCommand(ImapTransport t, ImapEvent.ListKind kind, String reference, String pattern) {
        super(t, kind.name());
        this.kind = kind;
        text(kind.name() + " ").mailbox(reference == null ? "" : reference).text(" ")
                .mailbox(pattern == null ? "" : pattern);
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.MailboxListing m && m.kind() == kind;
    }

    @Override
    void untagged(ImapEvent e) {
        found.add((ImapEvent.MailboxListing) e);
    }

    @Override
    List<ImapEvent.MailboxListing> result(ImapEvent.Tagged ok) {
        return List.copyOf(found);
    }
}
