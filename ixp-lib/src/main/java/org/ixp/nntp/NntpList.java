package org.ixp.nntp;

import java.util.List;

/**
 * NNTPLIST: some raw lines of a LIST, NEWGROUPS or NEWNEWS answer ({@code cLines}, {@code rgszLines}).
 *
 * @param lines the lines, de-stuffed, without CRLF
 */
public record NntpList(List<String> lines) implements NntpData {
}
