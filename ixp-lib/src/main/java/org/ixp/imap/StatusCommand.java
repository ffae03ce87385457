package org.ixp.imap;

import java.util.Objects;

/** STATUS mailbox (items): the mailbox's STATUS response ({@code null} if the server sent none). */
final class StatusCommand extends ImapCommand<ImapEvent.MailboxStatus> {
    private ImapEvent.MailboxStatus status;

    /** @param items e.g. {@code "MESSAGES UNSEEN"}, parenthesised or not */
    StatusCommand(ImapTransport t, String mailbox, String items) {
        super(t, "STATUS");
        String args = Objects.requireNonNull(items, "items").trim();
        text("STATUS ").mailbox(mailbox).text(" " + (args.startsWith("(") ? args : "(" + args + ")"));
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.MailboxStatus;
    }

    @Override
    void untagged(ImapEvent e) {
        status = (ImapEvent.MailboxStatus) e;
    }

    @Override
    ImapEvent.MailboxStatus result(ImapEvent.Tagged ok) {
        return status;
    }
}
