package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;

/** GETQUOTA, GETQUOTAROOT and SETQUOTA (RFC 9208): collect the QUOTAROOT and QUOTA responses. */
final class QuotaCommand extends ImapCommand<ImapQuotaRoot> {
    private final String mailbox;
    private String reported;
    private final List<String> roots = new ArrayList<>();
    private final List<ImapEvent.Quota> quotas = new ArrayList<>();

    QuotaCommand(ImapTransport t, String verb, String mailbox) {
        super(t, verb);
        this.mailbox = mailbox;
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Quota || e instanceof ImapEvent.QuotaRoot;
    }

    @Override
    void untagged(ImapEvent e) {
        if (e instanceof ImapEvent.Quota q) {
            quotas.add(q);
        } else if (e instanceof ImapEvent.QuotaRoot r) {
            reported = r.mailbox();
            roots.addAll(r.roots());
        }
    }

    @Override
    ImapQuotaRoot result(ImapEvent.Tagged ok) {
        return new ImapQuotaRoot(reported != null ? reported : mailbox, roots, quotas);
    }
}
