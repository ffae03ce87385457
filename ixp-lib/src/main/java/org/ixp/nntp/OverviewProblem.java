package org.ixp.nntp;

import org.ixp.IxpCode;

/**
 * An overview line that could not be parsed: reported for its article while the rest of the range is parsed
 * ({@link IxpCode#IXP_E_NNTP_MALFORMED_OVERVIEW}).
 *
 * @param articleNumber the article number, or -1 when even that could not be read
 * @param line          the line as received (at most 200 characters)
 * @param reason        what is wrong with it
 */
public record OverviewProblem(long articleNumber, String line, String reason) {

    /** {@link IxpCode#IXP_E_NNTP_MALFORMED_OVERVIEW}. */
    public IxpCode code() {
        return IxpCode.IXP_E_NNTP_MALFORMED_OVERVIEW;
    }
}
