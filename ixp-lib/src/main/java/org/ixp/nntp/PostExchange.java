package org.ixp.nntp;

import io.netty.handler.stream.ChunkedStream;
import java.io.ByteArrayInputStream;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * POST (340 → article → 240, RFC 3977 §6.3.1) or IHAVE (335 → article → 235, §6.3.2). Once the whole article
 * (its terminating dot included) has been written, a lost connection means the server may or may not have taken it: the command fails with
 * IXP_E_OUTCOME_UNKNOWN (check with STAT &lt;message-id&gt; after reconnecting), and a 480 is no longer answered by
 * a logon and a retry (the article would be sent twice).
 */
final class PostExchange extends NntpExchange<NntpReply> {
    private final ArticleEncoder article;
    private final String ihaveId;
    private boolean articleSent;
    /** The whole article, its terminating dot included, has left: only from here may the server have taken it. */
    private boolean articleWritten;
    private NntpReply last;

    PostExchange(NntpTransport t, ArticleEncoder article, String ihaveId) {
        super(t, ihaveId == null ? NntpState.POST : NntpState.IHAVE);
        this.article = article;
        this.ihaveId = ihaveId;
    }

    @Override
    void begin() {
        send(ihaveId == null ? NntpCommands.post() : NntpCommands.ihave(ihaveId), Expect.SINGLE);
    }

    @Override
    boolean retryAllowed() {
        return !articleSent;
    }

    @Override
    boolean handle(NntpEvent event) {
        NntpReply reply = (NntpReply) event;
        last = reply;
        if (!articleSent) {
            if (reply.code() != (ihaveId == null ? 340 : 335)) {
                return failWith(reply);
            }
            articleSent = true;
            transport.decoder().expect(Expect.SINGLE);
            byte[] bytes = article.wire();
            wire.stream(new ChunkedStream(new ByteArrayInputStream(bytes), 64 * 1024),
                    "(article, " + bytes.length + " bytes)").whenComplete((v, e) -> articleWritten = e == null);
            return false;
        }
        if (reply.code() == (ihaveId == null ? 240 : 235)) {
            succeed(reply);
            return true;
        }
        return failWith(reply);
    }

    @Override
    IxpResult successResult(NntpReply value) {
        return NntpCodes.result(value);
    }

    @Override
    protected IxpException whenLost(IxpException cause) {
        if (!articleWritten) {
            return cause; // the terminating dot never left: the server cannot have the article
        }
        String id = ihaveId != null ? ihaveId : article.messageId();
        return new IxpException(IxpResult.of(IxpCode.IXP_E_OUTCOME_UNKNOWN, "the article was sent but the server's "
                + "verdict never came (" + cause.code().name() + "); check with STAT "
                + (id != null ? id : "<message-id>") + " before posting again"), cause);
    }
}
