package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ixp.IxpCode;
import org.ixp.IxpException;

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

    /** GETQUOTA root; needs QUOTA. */
    static QuotaCommand getQuota(ImapTransport t, String root) {
        Objects.requireNonNull(root, "root");
        t.requireCapability("QUOTA", "GETQUOTA");
        QuotaCommand c = new QuotaCommand(t, "GETQUOTA", null);
        c.text("GETQUOTA ").astring(root, false);
        return c;
    }

    /** GETQUOTAROOT mailbox; needs QUOTA. */
    static QuotaCommand getQuotaRoot(ImapTransport t, String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        t.requireCapability("QUOTA", "GETQUOTAROOT");
        QuotaCommand c = new QuotaCommand(t, "GETQUOTAROOT", mailbox);
        c.text("GETQUOTAROOT ").mailbox(mailbox);
        return c;
    }

    /** SETQUOTA root (resource limit …); needs QUOTASET, or an RFC 2087 server (QUOTA and no QUOTA=RES-*). */
    static QuotaCommand setQuota(ImapTransport t, String root, Map<String, Long> limits) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(limits, "limits");
        StringBuilder sb = new StringBuilder("(");
        for (Map.Entry<String, Long> e : limits.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IxpException(IxpCode.E_INVALIDARG, "quota limit of " + e.getKey() + " must be >= 0");
            }
            sb.append(sb.length() > 1 ? " " : "").append(ImapArguments.quotaResource(e.getKey())).append(' ')
                    .append(e.getValue());
        }
        boolean rfc2087 = t.hasCapability("QUOTA") && t.caps().offered().stream().noneMatch(x -> x.toUpperCase(Locale.ROOT)
                .startsWith("QUOTA=RES-"));
        if (!rfc2087) {
            t.requireCapability("QUOTASET", "SETQUOTA");
        }
        QuotaCommand c = new QuotaCommand(t, "SETQUOTA", null);
        c.text("SETQUOTA ").astring(root, false).text(" " + sb.append(')'));
        return c;
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
