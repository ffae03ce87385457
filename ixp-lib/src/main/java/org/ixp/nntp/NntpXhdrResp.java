package org.ixp.nntp;

import java.util.List;

/**
 * NNTPXHDRRESP: some lines of an XHDR/HDR answer ({@code cHeaders}, {@code rgHeaders}).
 *
 * @param headers the parsed lines
 */
public record NntpXhdrResp(List<NntpXhdr> headers) implements NntpData {
}
