package org.ixp.nntp;

/**
 * What a getHeaders/over run delivered.
 *
 * @param entries   the overview entries parsed
 * @param malformed the lines that could not be parsed (each reported as an {@link OverviewProblem})
 */
public record OverviewSummary(long entries, long malformed) {
}
