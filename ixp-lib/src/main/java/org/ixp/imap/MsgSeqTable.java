package org.ixp.imap;

import java.util.Arrays;

/**
 * The sequence-number ↔ UID table of the selected mailbox: index {@code seq - 1} holds the UID, 0 for "not known".
 * Kept by the transport as EXISTS, EXPUNGE, VANISHED and FETCH UID arrive (on the I/O thread); read by the
 * caller through the transport (synchronized).
 */
final class MsgSeqTable {
    private long[] uids = new long[0];
    private int size;

    synchronized void reset() {
        uids = new long[0];
        size = 0;
    }

    synchronized void resize(long count) {
        if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("table size " + count);
        }
        int n = (int) count;
        if (n > uids.length) {
            uids = Arrays.copyOf(uids, Math.max(n, Math.min(Integer.MAX_VALUE - 8, uids.length * 2)));
        }
        if (n < size) {
            Arrays.fill(uids, n, size, 0);
        }
        size = n;
    }

    synchronized boolean update(long seq, long uid) {
        if (seq <= 0 || uid <= 0) {
            return false;
        }
        if (seq > size) {
            resize(seq);
        }
        uids[(int) seq - 1] = uid;
        return true;
    }

    synchronized boolean remove(long seq) {
        if (seq <= 0 || seq > size) {
            return false;
        }
        int i = (int) seq - 1;
        System.arraycopy(uids, i + 1, uids, i, size - i - 1);
        uids[--size] = 0;
        return true;
    }

    /** The UID at {@code seq}; 0 if not known; -1 if out of range. */
    synchronized long uid(long seq) {
        if (seq <= 0 || seq > size) {
            return -1;
        }
        return uids[(int) seq - 1];
    }

    /** The sequence number holding {@code uid} (binary search: UIDs ascend with sequence numbers), or 0. */
    synchronized long seqOf(long uid) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long u = uids[mid];
            if (u == 0) {
                for (int i = 0; i < size; i++) { // unknown entries break the order: scan
                    if (uids[i] == uid) {
                        return i + 1;
                    }
                }
                return 0;
            }
            if (u < uid) {
                lo = mid + 1;
            } else if (u > uid) {
                hi = mid - 1;
            } else {
                return mid + 1;
            }
        }
        return 0;
    }

    /**
     * Removes the messages whose UIDs are in {@code set} (a VANISHED), as EXPUNGEs of them would; returns their
     * sequence numbers highest first (the order in which removing one never shifts the next). Walks the table,
     * never the set, so a huge set costs no more than the table.
     */
    synchronized long[] removeUids(RangeList set) {
        long[] found = new long[size];
        int n = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (uids[i] != 0 && set.isInRange(uids[i])) {
                found[n++] = i + 1;
            }
        }
        for (int k = 0; k < n; k++) {
            remove(found[k]);
        }
        return Arrays.copyOf(found, n);
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(uids, size);
    }

    synchronized int size() {
        return size;
    }
}
