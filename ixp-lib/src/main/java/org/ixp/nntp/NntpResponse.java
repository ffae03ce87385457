package org.ixp.nntp;

import org.ixp.IxpResult;

/**
 * NNTPRESPONSE: one response event. A command may produce several (its data parts, {@code done == false}), then
 * exactly one with {@code done == true}, carrying the outcome.
 *
 * @param state  the command this answers; it selects the data ({@code state})
 * @param done   no more responses will come for this command ({@code fDone})
 * @param result the outcome, with the server's status line and code ({@code rIxpResult})
 * @param data   the per-command data, or {@code null} (the data union; see {@link NntpState})
 */
public record NntpResponse(NntpState state, boolean done, IxpResult result, NntpData data) {

    /** {@code fMustRelease}: always false; responses are ordinary objects (ReleaseResponse is a no-op). */
    public boolean mustRelease() {
        return false;
    }

    /** The data as NNTPGROUP (GROUP, the last LISTGROUP response), else {@code null}. */
    public NntpGroup group() {
        return data instanceof NntpGroup g ? g : null;
    }

    /** The data as NNTPNEXT (NEXT, LAST, STAT), else {@code null}. */
    public NntpNext next() {
        return data instanceof NntpNext n ? n : null;
    }

    /** The data as NNTPARTICLE (ARTICLE, HEAD, BODY), else {@code null}. */
    public NntpArticle article() {
        return data instanceof NntpArticle a ? a : null;
    }

    /** The data as NNTPLIST (LIST, NEWGROUPS, NEWNEWS), else {@code null}. */
    public NntpList list() {
        return data instanceof NntpList l ? l : null;
    }

    /** The data as NNTPLISTGROUP, else {@code null}. */
    public NntpListGroup listGroup() {
        return data instanceof NntpListGroup l ? l : null;
    }

    /** The data as NNTPHEADERRESP (getHeaders), else {@code null}. */
    public NntpHeaderResp headers() {
        return data instanceof NntpHeaderResp h ? h : null;
    }

    /** The data as NNTPXHDRRESP, else {@code null}. */
    public NntpXhdrResp xhdr() {
        return data instanceof NntpXhdrResp x ? x : null;
    }

    /** The data of DATE, else {@code null}. */
    public NntpDate date() {
        return data instanceof NntpDate d ? d : null;
    }
}
