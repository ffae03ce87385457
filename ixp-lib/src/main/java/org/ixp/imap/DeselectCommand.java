package org.ixp.imap;

/**
 * CLOSE (expunges \Deleted messages, RFC 9051 §6.4.1) or UNSELECT (RFC 3691, does not): on OK no mailbox is
 * selected any more, and the sequence table and UIDVALIDITY are void.
 */
final class DeselectCommand extends ImapCommand<ImapCompletion> {
    DeselectCommand(ImapTransport t, String verb) {
        super(t, verb);
        text(verb);
    }

    @Override
    ImapCompletion result(ImapEvent.Tagged ok) {
        t.mailbox().clear();
        return super.result(ok);
    }

    /** Changes the selected mailbox: nothing is written behind it until it completes (UIDVALIDITY checks). */
    @Override
    protected boolean isBarrier() {
        return true;
    }
}
