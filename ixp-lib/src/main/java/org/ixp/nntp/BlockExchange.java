package org.ixp.nntp;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * A command whose success reply opens a multi-line data block (LIST, LISTGROUP, NEWGROUPS, NEWNEWS, HDR/XHDR,
 * ARTICLE/HEAD/BODY, CAPABILITIES). Parts are handed to {@link #part} as they arrive; a problem found in the data
 * is kept and reported at the end, after the block has been read to its "." so the connection stays in step.
 *
 * @param <R> the result type
 */
abstract class BlockExchange<R> extends NntpExchange<R> {
    private final String line;
    private final Expect expect;
    NntpReply opening;
    private IxpException late;

    BlockExchange(NntpTransport t, NntpState state, String line, Expect expect) {
        super(t, state);
        this.line = line;
        this.expect = expect;
    }

    @Override
    void begin() {
        send(line, expect);
    }

    /** The opening status line (its data, e.g. LISTGROUP's group). */
    void opened(NntpReply reply) {
    }

    /** One part of the block. */
    abstract void part(NntpEvent part);

    /** The result, once the "." has been read. */
    abstract R finished();

    /** A reply that opens no block: by default the command fails with it. */
    boolean single(NntpReply reply) {
        if (reply.positive()) {
            fail(new IxpException(NntpCodes.result(IxpCode.IXP_E_NNTP_RESPONSE_ERROR, reply,
                    "unexpected reply to " + this)));
            return true;
        }
        return failWith(reply);
    }

    @Override
    final boolean handle(NntpEvent event) {
        if (event instanceof NntpReply reply) {
            if (!reply.multiLine()) {
                return single(reply);
            }
            opening = reply;
            try {
                opened(reply);
            } catch (IxpException e) {
                late = e;
            }
            return false;
        }
        if (event instanceof NntpBlock.End) {
            if (late != null) {
                fail(late);
            } else {
                try {
                    succeed(finished());
                } catch (IxpException e) {
                    fail(e);
                }
            }
            return true;
        }
        if (late == null) {
            try {
                part(event);
            } catch (IxpException e) {
                late = e;
            }
        }
        return false;
    }

    @Override
    IxpResult successResult(R value) {
        return opening == null ? IxpResult.ok() : NntpCodes.result(opening);
    }

    /** The result of a data part: S_OK with the opening line. */
    IxpResult partResult() {
        return opening == null ? IxpResult.ok() : NntpCodes.result(opening);
    }

    @Override
    public String toString() {
        return line.split(" ", 2)[0];
    }
}
