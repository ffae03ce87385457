package org.ixp.nntp;

import java.time.Instant;

/**
 * The reply to DATE, {@code 111 yyyymmddhhmmss} (UTC); the contract leaves its form open.
 *
 * @param time the server's clock
 */
public record NntpDate(Instant time) implements NntpData {
}
