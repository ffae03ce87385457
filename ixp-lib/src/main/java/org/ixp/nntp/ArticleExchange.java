package org.ixp.nntp;

import java.io.OutputStream;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * ARTICLE, HEAD or BODY: the article streams as {@link NntpArticle} parts (onResponse) and, when given, into an
 * {@link OutputStream}, in constant memory. Succeeds with what was delivered.
 */
final class ArticleExchange extends BlockExchange<NntpArticleInfo> {
    private final Sink sink;
    private final OutputStream out;
    private long number;
    private String messageId;
    private long bytes;
    private long lines;

    ArticleExchange(NntpTransport t, NntpState state, ArticleId id, Sink sink, OutputStream out) {
        super(t, state, NntpCommands.retrieve(verb(state), id), Expect.chunks(code(state)));
        this.sink = sink;
        this.out = out;
        this.messageId = id.type() == ArticleId.Type.MSGID ? id.messageId() : null;
    }

    private static String verb(NntpState s) {
        return s.name();
    }

    private static int code(NntpState s) {
        return switch (s) {
            case ARTICLE -> 220;
            case HEAD -> 221;
            default -> 222;
        };
    }

    @Override
    void opened(NntpReply reply) {
        NntpNext p = NntpParse.pointer(reply);
        number = p.articleNumber();
        messageId = p.messageId();
    }

    @Override
    void part(NntpEvent part) {
        NntpBlock.Chunk c = (NntpBlock.Chunk) part;
        bytes += c.bytes().length;
        lines += c.lines();
        NntpArticle a = new NntpArticle(number, messageId, c.bytes(), c.lines());
        transport.part(this, a, partResult(), c.bytes().length, sink, out == null ? null : () -> out.write(c.bytes()));
    }

    @Override
    NntpArticleInfo finished() {
        return new NntpArticleInfo(number, messageId, bytes, lines);
    }
}
