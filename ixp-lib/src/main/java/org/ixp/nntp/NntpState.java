package org.ixp.nntp;

/**
 * NNTPSTATE: which command a {@link NntpResponse} answers, and so which data it carries. Values 0–19 are the
 * contract's; 100 and up are ixp's for commands the original interface lacks.
 */
public enum NntpState {
    /** Not connected. */
    DISCONNECTED(0),
    /** The greeting (200 posting allowed, 201 not). */
    CONNECT(1),
    /** AUTHINFO (USER/PASS, SASL, SIMPLE). */
    AUTHINFO(2),
    /** POST. */
    POST(3),
    /** Connected, authenticated if asked: ready (the terminal connect response). */
    IDLE(4),
    /** LIST: {@link NntpList}. */
    LIST(5),
    /** LISTGROUP: {@link NntpListGroup}; the final response carries the {@link NntpGroup}. */
    LISTGROUP(6),
    /** NEWGROUPS: {@link NntpList}. */
    NEWGROUPS(7),
    /** GROUP: {@link NntpGroup}. */
    GROUP(8),
    /** LAST: {@link NntpNext}. */
    LAST(9),
    /** NEXT: {@link NntpNext}. */
    NEXT(10),
    /** STAT: {@link NntpNext}. */
    STAT(11),
    /** ARTICLE: {@link NntpArticle}, in parts. */
    ARTICLE(12),
    /** HEAD: {@link NntpArticle}, in parts. */
    HEAD(13),
    /** BODY: {@link NntpArticle}, in parts. */
    BODY(14),
    /** DATE: {@link NntpDate}. */
    DATE(15),
    /** MODE READER. */
    MODE(16),
    /** QUIT (Disconnect's goodbye). */
    QUIT(17),
    /** getHeaders (OVER/XOVER): {@link NntpHeaderResp}, in parts. */
    HEADERS(18),
    /** XHDR / HDR: {@link NntpXhdrResp}, in parts. */
    XHDR(19),
    /** ixp: CAPABILITIES. */
    CAPABILITIES(100),
    /** ixp: STARTTLS (RFC 4642). */
    STARTTLS(101),
    /** ixp: NEWNEWS: {@link NntpList} of message-ids. */
    NEWNEWS(102),
    /** ixp: IHAVE. */
    IHAVE(103),
    /** ixp: COMPRESS DEFLATE sent (RFC 8054), awaiting 206. */
    COMPRESS(104);

    private final int value;

    NntpState(int value) {
        this.value = value;
    }

    /** The NNTPSTATE value. */
    public int value() {
        return value;
    }
}
