package org.ixp.nntp;

/**
 * The data union of NNTPRESPONSE: which record a response carries follows from its {@link NntpState}. Nothing is
 * accumulated across responses (the contract's rule): parts of a long answer arrive one response each.
 */
public sealed interface NntpData permits NntpGroup, NntpNext, NntpArticle, NntpList, NntpListGroup,
        NntpHeaderResp, NntpXhdrResp, NntpDate {
}
