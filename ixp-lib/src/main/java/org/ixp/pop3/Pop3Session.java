package org.ixp.pop3;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * The client's view of one POP3 session: the RFC 1939 state, what STAT said, which messages the server has marked
 * deleted, and the user's {@link Pop3Transport#markItem marks}. The checks the contract makes before a command is sent
 * live here: a command in the wrong state is refused with IXP_E_POP3_WRONG_STATE; a per-message command before STAT
 * with IXP_E_POP3_NEED_STAT; then IXP_E_POP3_NO_MESSAGES, IXP_E_POP3_POPID_OUT_OF_RANGE,
 * IXP_E_POP3_NO_MARKED_MESSAGES.
 *
 * <p>Message numbers are those of the session (1 to the count STAT reported plus the messages deleted since): POP3
 * never renumbers within a session, and STAT does not count messages marked deleted (RFC 1939 §5).
 *
 * <p>Read by callers (for the checks) and written on the I/O thread (as replies arrive): every method is
 * synchronized. Nothing here is sized by what the server declares: marks and deletions are sparse sets.
 */
final class Pop3Session {
    private Pop3State state = Pop3State.AUTHORIZATION;
    private Pop3Capabilities capabilities = Pop3Capabilities.UNKNOWN;
    private boolean encrypted;
    private String apopTimestamp;
    private boolean statDone;
    private long highestId;
    private final TreeSet<Long> deleted = new TreeSet<>();
    private final TreeMap<Long, Integer> marks = new TreeMap<>();
    private Pop3Response.QuitInfo quit;

    synchronized Pop3State state() {
        return state;
    }

    synchronized Pop3Capabilities capabilities() {
        return capabilities;
    }

    synchronized void capabilities(Pop3Capabilities caps) {
        this.capabilities = caps;
    }

    synchronized boolean encrypted() {
        return encrypted;
    }

    synchronized void encrypted(boolean on) {
        this.encrypted = on;
    }

    synchronized String apopTimestamp() {
        return apopTimestamp;
    }

    synchronized void apopTimestamp(String timestamp) {
        this.apopTimestamp = timestamp;
    }

    /** The logon succeeded: TRANSACTION, with nothing known about the maildrop yet. */
    synchronized void loggedOn() {
        state = Pop3State.TRANSACTION;
        statDone = false;
        highestId = 0;
        deleted.clear();
        marks.clear();
    }

    /** QUIT is being sent; returns whether it commits (sent in TRANSACTION, so the server enters UPDATE). */
    synchronized boolean quitting() {
        boolean commits = state == Pop3State.TRANSACTION;
        if (commits) {
            state = Pop3State.UPDATE;
        }
        return commits;
    }

    synchronized void quit(Pop3Response.QuitInfo info) {
        this.quit = info;
    }

    synchronized Pop3Response.QuitInfo quit() {
        return quit;
    }

    synchronized void stat(Pop3Response.StatInfo info) {
        statDone = true;
        highestId = info.messages() + deleted.size();
    }

    synchronized void deleted(long popId) {
        deleted.add(popId);
    }

    synchronized long deletionsMarked() {
        return deleted.size();
    }

    /** RSET: the server unmarks every deletion. */
    synchronized void reset() {
        deleted.clear();
    }

    synchronized long highestId() {
        return highestId;
    }

    // ------------------------------------------------------------------ checks

    synchronized void require(Pop3State wanted, String command) {
        if (state != wanted) {
            throw new IxpException(IxpCode.IXP_E_POP3_WRONG_STATE, command + " is valid only in the " + wanted
                    + " state; the session is in " + state);
        }
    }

    /**
     * The messages a per-message command applies to, checked as the contract asks. Never empty.
     *
     * @throws IxpException E_INVALIDARG (no type), IXP_E_POP3_WRONG_STATE, IXP_E_POP3_NEED_STAT,
     *                      IXP_E_POP3_NO_MESSAGES, IXP_E_POP3_POPID_OUT_OF_RANGE, IXP_E_POP3_NO_MARKED_MESSAGES
     */
    synchronized Messages select(Pop3CmdType type, long popId, Pop3MarkType mark, String command) {
        if (type == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the command type (POP3CMDTYPE) is missing");
        }
        requireStat(command);
        switch (type) {
            case GET_POPID:
                if (popId < 1 || popId > highestId) {
                    throw new IxpException(IxpCode.IXP_E_POP3_POPID_OUT_OF_RANGE, "message " + popId
                            + " is not in 1.." + highestId);
                }
                return Messages.of(List.of(popId));
            case GET_MARKED:
                List<Long> marked = new ArrayList<>();
                for (Map.Entry<Long, Integer> e : marks.entrySet()) {
                    if ((e.getValue() & mark.bit()) != 0 && !deleted.contains(e.getKey())) {
                        marked.add(e.getKey());
                    }
                }
                if (marked.isEmpty()) {
                    throw new IxpException(IxpCode.IXP_E_POP3_NO_MARKED_MESSAGES, "no message is marked for "
                            + command);
                }
                return Messages.of(marked);
            default:
                if (deleted.size() >= highestId) {
                    throw new IxpException(IxpCode.IXP_E_POP3_NO_MESSAGES, "every message is marked deleted");
                }
                return Messages.all(highestId, new TreeSet<>(deleted));
        }
    }

    /** MarkItem. */
    synchronized void mark(Pop3MarkType type, long popId, boolean marked) {
        if (type == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the mark type (POP3MARKTYPE) is missing");
        }
        requireStat("MarkItem");
        if (popId < 1 || popId > highestId) {
            throw new IxpException(IxpCode.E_INVALIDARG, "message " + popId + " is not in 1.." + highestId);
        }
        int bits = marks.getOrDefault(popId, 0);
        bits = marked ? bits | type.bit() : bits & ~type.bit();
        if (bits == 0) {
            marks.remove(popId);
        } else {
            marks.put(popId, bits);
        }
    }

    /** Whether a message carries a mark (for tests and the CLI). */
    synchronized boolean marked(Pop3MarkType type, long popId) {
        return (marks.getOrDefault(popId, 0) & type.bit()) != 0;
    }

    private void requireStat(String command) {
        require(Pop3State.TRANSACTION, command);
        if (!statDone) {
            throw new IxpException(IxpCode.IXP_E_POP3_NEED_STAT, command + " needs STAT first in this session");
        }
        if (highestId == 0) {
            throw new IxpException(IxpCode.IXP_E_POP3_NO_MESSAGES, "the maildrop is empty");
        }
    }

    /** The message numbers a command walks, in ascending order; iterated once, lazily (GET_ALL is a range). */
    static final class Messages implements Iterable<Long> {
        private final Iterable<Long> ids;
        private final long count;

        private Messages(Iterable<Long> ids, long count) {
            this.ids = ids;
            this.count = count;
        }

        static Messages of(List<Long> ids) {
            return new Messages(List.copyOf(ids), ids.size());
        }

        static Messages all(long highest, TreeSet<Long> skip) {
            return new Messages(() -> new Range(highest, skip), highest - skip.size());
        }

        long count() {
            return count;
        }

        @Override
        public Iterator<Long> iterator() {
            return ids.iterator();
        }

        PrimitiveIterator.OfLong ids() {
            Iterator<Long> it = iterator();
            return new PrimitiveIterator.OfLong() {
                @Override
                public long nextLong() {
                    return it.next();
                }

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }
            };
        }
    }

    /** 1..highest without the deleted ones. */
    private static final class Range implements Iterator<Long> {
        private final long highest;
        private final TreeSet<Long> skip;
        private long next = 1;

        Range(long highest, TreeSet<Long> skip) {
            this.highest = highest;
            this.skip = skip;
            advance();
        }

        private void advance() {
            while (next <= highest && skip.contains(next)) {
                next++;
            }
        }

        @Override
        public boolean hasNext() {
            return next <= highest;
        }

        @Override
        public Long next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long id = next++;
            advance();
            return id;
        }
    }
}
