package org.ixp.imap;

import java.util.List;

/**
 * What GETQUOTAROOT answered (RFC 9208): the mailbox's quota roots and the quota of each.
 *
 * @param mailbox the mailbox name as the server sent it back (decoded), or the one asked for
 * @param roots   its quota roots (may be none)
 * @param quotas  the QUOTA responses, one per root the server reported
 */
public record ImapQuotaRoot(String mailbox, List<String> roots, List<ImapEvent.Quota> quotas) {
    public ImapQuotaRoot {
        roots = List.copyOf(roots);
        quotas = List.copyOf(quotas);
    }
}
