package org.ixp.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ixp.IxpException;
import org.ixp.imap.ImapEvent;
import org.ixp.imap.ImapResponseType;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** UID sets for the {@code ixp imap} commands: parsed from the command line, cut into batches, sized. */
final class ImapUids {
    /** UIDs per FETCH command: keeps command lines short (servers cap them, Dovecot at 64 KiB). */
    static final int BATCH = 500;

    private ImapUids() {
    }

    /** An IMAP UID set from the command line ({@code 4}, {@code 1:5,7}, {@code 10:*}); a usage error if not one. */
    static RangeList parse(CommandSpec spec, String text) {
        try {
            return RangeList.parse(text, true);
        } catch (IxpException e) {
            throw new ParameterException(spec.commandLine(), "'" + text + "' is not a UID set such as 4, 1:5,7 or"
                    + " 10:* (" + e.result().problem() + ")");
        }
    }

    /** {@code uids} (ascending) as UID range lists of at most {@link #BATCH} UIDs each. */
    static List<RangeList> batches(Collection<Long> uids) {
        List<RangeList> out = new ArrayList<>();
        RangeList current = null;
        int n = 0;
        for (long uid : uids) {
            if (current == null || n == BATCH) {
                current = new RangeList(true);
                out.add(current);
                n = 0;
            }
            current.addSingleValue(uid);
            n++;
        }
        return out;
    }

    /** The same set as a range list (empty when {@code uids} is). */
    static RangeList of(Collection<Long> uids) {
        RangeList r = new RangeList(true);
        uids.forEach(r::addSingleValue);
        return r;
    }

    /**
     * Which UIDs of {@code set} exist in the selected mailbox, with their RFC822.SIZE, ascending: {@code UID FETCH
     * set (UID RFC822.SIZE)}. Message count times a few bytes of memory; no bodies.
     */
    static Map<Long, Long> sizes(ImapTransport imap, RangeList set) {
        Map<Long, Long> sizes = new java.util.TreeMap<>();
        ImapCall call = new ImapCall(r -> {
            if (r.type() == ImapResponseType.UPDATE_MSG || r.type() == ImapResponseType.UPDATE_MSG_EX) {
                ImapEvent.Fetch f = r.data(ImapEvent.Fetch.class);
                if (f.uid().isPresent()) {
                    sizes.put(f.uid().getAsLong(), f.rfc822Size().orElse(0));
                }
            }
        });
        call.await(imap.fetch(call.id, 0, call, set, true, "(UID RFC822.SIZE)"));
        return new LinkedHashMap<>(sizes);
    }

    /**
     * An IMAP set ({@code 4:6,9}) expanded in its own order (each range ascending), as COPYUID pairs them (RFC 4315 §3: the n-th source
     * UID became the n-th destination UID); at most {@code limit} values.
     */
    static List<Long> expand(String set, long limit) {
        List<Long> out = new ArrayList<>();
        for (String part : set.split(",")) {
            int colon = part.indexOf(':');
            long a = Long.parseLong(colon < 0 ? part : part.substring(0, colon));
            long b = colon < 0 ? a : Long.parseLong(part.substring(colon + 1));
            for (long u = Math.min(a, b); u <= Math.max(a, b) && out.size() < limit; u++) {
                out.add(u); // 5:3 is 3:5 in IMAP
            }
        }
        return out;
    }
}
