package org.ixp.nntp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * HDR (225, RFC 3977 §8.5) or, for servers without it, XHDR (221, RFC 2980): {@code n value} lines as
 * {@link NntpXhdrResp} parts. In the message-id form the number is 0 (HDR) or the line starts with the message-id
 * (XHDR). Succeeds with the number of lines.
 */
final class XhdrExchange extends BlockExchange<Long> {
    private final Sink sink;
    private final Consumer<NntpXhdr> perLine;
    private long count;

    XhdrExchange(NntpTransport t, boolean x, String field, NntpRange range, String messageId, Sink sink,
                 Consumer<NntpXhdr> perLine) {
        super(t, NntpState.XHDR, NntpCommands.hdr(x, field, range, messageId), Expect.lines(x ? 221 : 225));
        this.sink = sink;
        this.perLine = perLine;
    }

    @Override
    void part(NntpEvent part) {
        NntpBlock.Lines l = (NntpBlock.Lines) part;
        List<NntpXhdr> out = new ArrayList<>(l.lines().size());
        for (String s : l.lines()) {
            int sp = s.indexOf(' ');
            String first = sp < 0 ? s : s.substring(0, sp);
            String value = sp < 0 ? "" : s.substring(sp + 1);
            long n = first.chars().allMatch(c -> c >= '0' && c <= '9') && !first.isEmpty() && first.length() < 20
                    ? Long.parseLong(first) : 0;
            out.add(new NntpXhdr(n, value));
        }
        count += out.size();
        List<NntpXhdr> lines = List.copyOf(out);
        transport.part(this, new NntpXhdrResp(lines), partResult(), l.bytes(), sink,
                perLine == null ? null : () -> lines.forEach(perLine));
    }

    @Override
    Long finished() {
        return count;
    }
}
