package org.ixp.imap;

import java.util.List;

/**
 * The result of {@link ImapTransport#resync}: what changed in a mailbox since the client's cached state (its
 * UIDVALIDITY and HIGHESTMODSEQ), found with QRESYNC (RFC 7162 §3.2.5: one SELECT) or CONDSTORE alone (SELECT, then
 * {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE m)} and a UID SEARCH compared with the UIDs the client knows).
 *
 * @param mailbox  the SELECT's report; {@code highestModSeq()} is the value to cache for the next resync
 * @param method   how it was found
 * @param vanished the UIDs expunged since (with QRESYNC and no known UIDs given: all the server remembers);
 *                 UID flavour
 * @param changed  the messages whose flags changed or that arrived since, each with UID, FLAGS and MODSEQ
 */
public record ImapResync(ImapMailbox mailbox, Method method, RangeList vanished, List<ImapEvent.Fetch> changed) {
    public ImapResync {
        changed = List.copyOf(changed);
    }

    /** How a resync asks the server. */
    public enum Method {
        /** SELECT … (QRESYNC (…)): ENABLE QRESYNC first when it is not enabled yet. */
        QRESYNC,
        /** SELECT … (CONDSTORE), UID FETCH … (CHANGEDSINCE …), UID SEARCH: needs the known UIDs. */
        CONDSTORE
    }
}
