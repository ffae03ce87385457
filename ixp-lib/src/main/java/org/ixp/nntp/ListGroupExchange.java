package org.ixp.nntp;

import java.util.function.LongConsumer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * LISTGROUP [group [range]] (RFC 3977 §6.1.2): 211 with the group's numbers, then the article numbers (64-bit) as
 * {@link NntpListGroup} parts. A line that is not a number fails the command once the block has been read.
 * Succeeds with the group.
 */
final class ListGroupExchange extends BlockExchange<NntpGroup> {
    private final Sink sink;
    private final LongConsumer perArticle;
    private NntpGroup group;

    ListGroupExchange(NntpTransport t, String groupName, NntpRange range, Sink sink, LongConsumer perArticle) {
        super(t, NntpState.LISTGROUP, NntpCommands.listGroup(groupName, range), Expect.lines(211));
        this.sink = sink;
        this.perArticle = perArticle;
    }

    @Override
    void opened(NntpReply reply) {
        group = NntpParse.group(reply);
    }

    @Override
    void part(NntpEvent part) {
        NntpBlock.Lines l = (NntpBlock.Lines) part;
        long[] numbers = new long[l.lines().size()];
        for (int i = 0; i < numbers.length; i++) {
            String s = l.lines().get(i).trim();
            try {
                numbers[i] = NntpParse.number(opening, s);
            } catch (IxpException e) {
                throw new IxpException(NntpCodes.result(IxpCode.IXP_E_PROTOCOL_ERROR, opening,
                        "LISTGROUP line is not an article number: '" + s + "'"));
            }
        }
        transport.part(this, new NntpListGroup(numbers), partResult(), l.bytes(), sink, perArticle == null ? null
                : () -> {
                    for (long n : numbers) {
                        perArticle.accept(n);
                    }
                });
    }

    @Override
    NntpGroup finished() {
        return group;
    }
}
