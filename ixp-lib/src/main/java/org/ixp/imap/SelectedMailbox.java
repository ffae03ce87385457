package org.ixp.imap;

import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * The selected mailbox as the session knows it: its name, its UIDVALIDITY, and the sequence-number ↔ UID table
 * ({@link MsgSeqTable}), with the contract's table operations (MsgSeqNumToUID…) and their errors. SELECT/EXAMINE
 * clears all three when sent and sets name and UIDVALIDITY on OK; CLOSE, UNSELECT, a failed SELECT and the end of
 * the session clear them. Read from any thread.
 */
final class SelectedMailbox {
    final MsgSeqTable table = new MsgSeqTable();
    private volatile String name;
    private volatile Long uidValidity;

    /** A SELECT/EXAMINE went out, or the mailbox was left: nothing is selected, the table is void. */
    void clear() {
        table.reset();
        name = null;
        uidValidity = null;
    }

    void selected(String mailbox, Long validity) {
        name = mailbox;
        uidValidity = validity;
    }

    String name() {
        return name;
    }

    Long uidValidity() {
        return uidValidity;
    }

    /** IXP_E_IMAP_STALE_UIDVALIDITY unless {@code validity} is the selected mailbox's; {@code null} when it is. */
    IxpException stale(long validity) {
        Long current = uidValidity;
        if (current != null && current == validity) {
            return null;
        }
        return new IxpException(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY, "UIDVALIDITY " + validity
                + " does not hold: the selected mailbox " + (current == null ? "is none" : "has " + current));
    }

    /** MsgSeqNumToUID: 0 when no UID is known; E_FAIL when out of range. */
    long uid(long seq) {
        long uid = table.uid(seq);
        if (uid < 0) {
            throw new IxpException(IxpCode.E_FAIL, "sequence number " + seq + " is not in the table ("
                    + table.size() + " messages)");
        }
        return uid;
    }

    /** RemoveSequenceNum: E_FAIL when out of range. */
    void remove(long seq) {
        if (!table.remove(seq)) {
            throw new IxpException(IxpCode.E_FAIL, "sequence number " + seq + " is not in the table");
        }
    }

    /** ResizeMsgSeqNumTable: E_INVALIDARG for a negative or huge count. */
    void resize(long count) {
        try {
            table.resize(count);
        } catch (IllegalArgumentException e) {
            throw new IxpException(IxpCode.E_INVALIDARG, e.getMessage());
        }
    }

    /** UpdateSeqNumToUID: E_INVALIDARG if either is 0. */
    void update(long seq, long uid) {
        if (!table.update(seq, uid)) {
            throw new IxpException(IxpCode.E_INVALIDARG, "sequence number and UID must be positive");
        }
    }
}
