package org.ixp.nntp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * LIST (215), NEWGROUPS (231) or NEWNEWS (230): raw lines as {@link NntpList} parts, optionally filtered (NEWGROUPS'
 * distributions) and handed to a per-line consumer. Succeeds with the number of lines delivered.
 */
final class ListExchange extends BlockExchange<Long> {
    private final Predicate<String> keep;
    private final Sink sink;
    private final Consumer<String> perLine;
    private long count;

    ListExchange(NntpTransport t, NntpState state, String line, int code, Predicate<String> keep, Sink sink,
                 Consumer<String> perLine) {
        super(t, state, line, Expect.lines(code));
        this.keep = keep;
        this.sink = sink;
        this.perLine = perLine;
    }

    @Override
    void part(NntpEvent part) {
        NntpBlock.Lines l = (NntpBlock.Lines) part;
        List<String> kept = new ArrayList<>(l.lines().size());
        for (String s : l.lines()) {
            if (keep == null || keep.test(s)) {
                kept.add(s);
            }
        }
        count += kept.size();
        if (kept.isEmpty()) {
            return;
        }
        List<String> lines = List.copyOf(kept);
        transport.part(this, new NntpList(lines), partResult(), l.bytes(), sink,
                perLine == null ? null : () -> lines.forEach(perLine));
    }

    @Override
    Long finished() {
        return count;
    }
}
