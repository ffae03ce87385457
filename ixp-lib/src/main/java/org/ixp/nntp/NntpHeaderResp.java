package org.ixp.nntp;

import java.util.List;

/**
 * NNTPHEADERRESP: some entries of a getHeaders (OVER/XOVER) answer.
 *
 * @param headers       the parsed entries ({@code cHeaders}, {@code rgHeaders})
 * @param problems      the lines of this part that could not be parsed, one per article
 * @param supportsXref  whether the format has Xref, so {@link NntpHeader#xref()} is valid ({@code fSupportsXRef});
 *                      if not, use commandXHDR("Xref", …)
 */
public record NntpHeaderResp(List<NntpHeader> headers, List<OverviewProblem> problems, boolean supportsXref)
        implements NntpData {
}
