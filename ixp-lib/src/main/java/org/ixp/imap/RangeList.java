package org.ixp.imap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * The contract's IRangeList: an ordered set of message numbers (sequence numbers or UIDs, 1 to 2^32-1) kept as
 * ranges, written as an IMAP sequence set ({@code 1:5,7,10:*}). {@link #LAST_MESSAGE} ({@code RL_LAST_MESSAGE},
 * 0xFFFFFFFF) stands for IMAP's {@code *}; the lookups return {@link #RANGE_ERROR} ({@code RL_RANGE_ERROR}, the
 * same value) when there is no answer, as the contract does. Not thread-safe.
 *
 * <p>Departures from the contract, each an improvement: AddRangeList and DeleteRangeList, "not implemented" there,
 * work; a range with {@code low > high}, a value of 0 and an empty list's IMAP string are E_INVALIDARG rather than
 * undefined.
 */
public final class RangeList {
    /** {@code RL_LAST_MESSAGE}: IMAP's {@code *}. */
    public static final long LAST_MESSAGE = 0xFFFFFFFFL;
    /** {@code RL_RANGE_ERROR}: no such value. */
    public static final long RANGE_ERROR = 0xFFFFFFFFL;

    /** One range of the list, both ends included. */
    public record Range(long low, long high) {
    }

    private static final int MAGIC = 0x524C0001; // "RL", version 1

    private final boolean uid;
    /** low → high, disjoint and not adjacent. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** @param uid true if the numbers are UIDs (commands become {@code UID FETCH}…), false for sequence numbers */
    public RangeList(boolean uid) {
        this.uid = uid;
    }

    /** A sequence-number list. */
    public RangeList() {
        this(false);
    }

    /** True if the numbers are UIDs. */
    public boolean isUid() {
        return uid;
    }

    /**
     * Reads an IMAP sequence set ({@code 1:5,7,10:*}; {@code 5:1} is {@code 1:5}).
     *
     * @throws IxpException E_INVALIDARG if it is not one
     */
    public static RangeList parse(String set, boolean uid) {
        RangeList list = new RangeList(uid);
        if (set == null || set.isEmpty()) {
            throw invalid("empty sequence set");
        }
        for (String part : set.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                list.addSingleValue(number(part, set));
            } else {
                long a = number(part.substring(0, colon), set);
                long b = number(part.substring(colon + 1), set);
                list.addRange(Math.min(a, b), Math.max(a, b));
            }
        }
        return list;
    }

    private static long number(String s, String set) {
        if (s.equals("*")) {
            return LAST_MESSAGE;
        }
        long n = ImapReader.parseNumberOrMinus1(s);
        if (n < 1 || n > LAST_MESSAGE) {
            throw invalid("not a sequence set: \"" + set + "\"");
        }
        return n;
    }

    // ------------------------------------------------------------------ changing

    /** {@code Clear}: empties the list. */
    public void clear() {
        ranges.clear();
    }

    /** {@code AddSingleValue}. */
    public void addSingleValue(long value) {
        addRange(value, value);
    }

    /** {@code AddRange}: adds {@code low..high}, both included. */
    public void addRange(long low, long high) {
        check(low, high);
        Map.Entry<Long, Long> before = ranges.floorEntry(low);
        if (before != null && before.getValue() >= low - 1) {
            low = before.getKey();
            high = Math.max(high, before.getValue());
        }
        while (true) {
            Map.Entry<Long, Long> next = ranges.ceilingEntry(low);
            if (next == null || next.getKey() > high + 1) {
                break;
            }
            high = Math.max(high, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(low, high);
    }

    /** {@code DeleteSingleValue}. */
    public void deleteSingleValue(long value) {
        deleteRange(value, value);
    }

    /**
     * {@code DeleteRange}: removes {@code low..high}.
     *
     * @throws IxpException E_INVALIDARG if the list is empty (as the contract says) or the range is invalid
     */
    public void deleteRange(long low, long high) {
        check(low, high);
        if (ranges.isEmpty()) {
            throw invalid("the range list is empty");
        }
        Map.Entry<Long, Long> e = ranges.floorEntry(high);
        while (e != null && e.getValue() >= low) {
            long a = e.getKey();
            long b = e.getValue();
            ranges.remove(a);
            if (b > high) {
                ranges.put(high + 1, b);
            }
            if (a < low) {
                ranges.put(a, low - 1);
                break;
            }
            e = ranges.floorEntry(high);
        }
    }

    /** {@code AddRangeList}: adds every value of {@code other}. */
    public void addRangeList(RangeList other) {
        for (Range r : other.ranges()) {
            addRange(r.low(), r.high());
        }
    }

    /** {@code DeleteRangeList}: removes every value of {@code other}. */
    public void deleteRangeList(RangeList other) {
        for (Range r : other.ranges()) {
            if (ranges.isEmpty()) {
                return;
            }
            deleteRange(r.low(), r.high());
        }
    }

    // ------------------------------------------------------------------ asking

    /** {@code IsInRange}. */
    public boolean isInRange(long value) {
        Map.Entry<Long, Long> e = ranges.floorEntry(value);
        return e != null && e.getValue() >= value;
    }

    /** {@code Min}, or {@link #RANGE_ERROR} if empty. */
    public long min() {
        return ranges.isEmpty() ? RANGE_ERROR : ranges.firstKey();
    }

    /** {@code Max}, or {@link #RANGE_ERROR} if empty. */
    public long max() {
        return ranges.isEmpty() ? RANGE_ERROR : ranges.lastEntry().getValue();
    }

    /** {@code MinOfRange}: the low end of the range holding {@code value}, or {@link #RANGE_ERROR}. */
    public long minOfRange(long value) {
        Map.Entry<Long, Long> e = ranges.floorEntry(value);
        return e != null && e.getValue() >= value ? e.getKey() : RANGE_ERROR;
    }

    /** {@code MaxOfRange}: the high end of the range holding {@code value}, or {@link #RANGE_ERROR}. */
    public long maxOfRange(long value) {
        Map.Entry<Long, Long> e = ranges.floorEntry(value);
        return e != null && e.getValue() >= value ? e.getValue() : RANGE_ERROR;
    }

    /** {@code Next}: the smallest member above {@code current}, or {@link #RANGE_ERROR}. */
    public long next(long current) {
        if (isInRange(current + 1)) {
            return current + 1;
        }
        Map.Entry<Long, Long> e = ranges.higherEntry(current);
        return e == null ? RANGE_ERROR : e.getKey();
    }

    /** {@code Prev}: the largest member below {@code current}, or {@link #RANGE_ERROR}. */
    public long prev(long current) {
        if (current > 0 && isInRange(current - 1)) {
            return current - 1;
        }
        Map.Entry<Long, Long> e = ranges.lowerEntry(current);
        return e == null ? RANGE_ERROR : Math.min(e.getValue(), current - 1);
    }

    /** {@code Cardinality}: how many members (a long: {@code 1:*} has 2^32-1). */
    public long cardinality() {
        long n = 0;
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            n += e.getValue() - e.getKey() + 1;
        }
        return n;
    }

    /** {@code CardinalityFrom}: how many members are greater than {@code start}. */
    public long cardinalityFrom(long start) {
        long n = 0;
        for (Map.Entry<Long, Long> e : ranges.tailMap(start, true).entrySet()) {
            n += e.getValue() - Math.max(e.getKey(), start + 1) + 1;
        }
        Map.Entry<Long, Long> below = ranges.lowerEntry(start);
        if (below != null && below.getValue() > start) {
            n += below.getValue() - start;
        }
        return n;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The ranges in ascending order. */
    public List<Range> ranges() {
        List<Range> out = new ArrayList<>(ranges.size());
        ranges.forEach((a, b) -> out.add(new Range(a, b)));
        return out;
    }

    /**
     * {@code RangeToIMAPString}: the IMAP sequence set, e.g. {@code 1:5,7,10:*}.
     *
     * @throws IxpException E_INVALIDARG if the list is empty (IMAP has no empty set)
     */
    public String toImapString() {
        if (ranges.isEmpty()) {
            throw invalid("the range list is empty");
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(text(e.getKey()));
            if (!e.getValue().equals(e.getKey())) {
                sb.append(':').append(text(e.getValue()));
            }
        }
        return sb.toString();
    }

    /** The contract's name for {@link #toImapString()}. */
    public String rangeToIMAPString() {
        return toImapString();
    }

    private static String text(long v) {
        return v == LAST_MESSAGE ? "*" : Long.toString(v);
    }

    // ------------------------------------------------------------------ Save / Load

    /** {@code Save}: an opaque snapshot for {@link #load}; not for the network. */
    public byte[] save() {
        ByteBuffer b = ByteBuffer.allocate(9 + ranges.size() * 8);
        b.putInt(MAGIC).put((byte) (uid ? 1 : 0)).putInt(ranges.size());
        ranges.forEach((lo, hi) -> b.putInt((int) (long) lo).putInt((int) (long) hi));
        return b.array();
    }

    /**
     * {@code Load}: replaces the contents with a {@link #save} snapshot (the UID flag stays this list's).
     *
     * @throws IxpException E_INVALIDARG if {@code data} is not a snapshot
     */
    public void load(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        if (data.length < 9 || b.getInt() != MAGIC) {
            throw invalid("not a saved range list");
        }
        b.get();
        int n = b.getInt();
        if (n < 0 || data.length != 9 + (long) n * 8) {
            throw invalid("not a saved range list");
        }
        TreeMap<Long, Long> loaded = new TreeMap<>();
        RangeList check = new RangeList(uid);
        for (int i = 0; i < n; i++) {
            long lo = Integer.toUnsignedLong(b.getInt());
            long hi = Integer.toUnsignedLong(b.getInt());
            check.addRange(lo, hi);
        }
        loaded.putAll(check.ranges);
        ranges.clear();
        ranges.putAll(loaded);
    }

    // ------------------------------------------------------------------

    private static void check(long low, long high) {
        if (low < 1 || high > LAST_MESSAGE || low > high) {
            throw invalid("invalid range " + low + ":" + high + " (values are 1 to 4294967295, low <= high)");
        }
    }

    private static IxpException invalid(String why) {
        return new IxpException(IxpCode.E_INVALIDARG, why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeList r && r.uid == uid && r.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode() * 2 + (uid ? 1 : 0);
    }

    @Override
    public String toString() {
        return (uid ? "UID " : "") + (ranges.isEmpty() ? "(empty)" : toImapString());
    }
}
