package org.ixp.nntp;

import java.util.ArrayList;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * CAPABILITIES (RFC 3977 §5.2): 101 and the list (at most {@code Limits.maxReplyLines} lines). Any other reply
 * (500 from an RFC 977 server, or anything else) means the fallbacks: {@link NntpCapabilities#LEGACY}.
 */
final class CapabilitiesExchange extends BlockExchange<NntpCapabilities> {
    private final List<String> lines = new ArrayList<>();
    private final int max;

    CapabilitiesExchange(NntpTransport t, int maxLines) {
        super(t, NntpState.CAPABILITIES, NntpCommands.capabilities(), Expect.lines(101));
        this.max = maxLines;
    }

    @Override
    boolean single(NntpReply reply) {
        succeed(NntpCapabilities.LEGACY);
        return true;
    }

    @Override
    void part(NntpEvent part) {
        lines.addAll(((NntpBlock.Lines) part).lines());
        if (lines.size() > max) {
            throw new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "CAPABILITIES list longer than " + max
                    + " lines");
        }
    }

    @Override
    NntpCapabilities finished() {
        return NntpCapabilities.of(lines);
    }
}
