package org.ixp;

import java.time.Duration;
import java.util.Objects;

/** The answer to {@link TransportCallback#onTimeout}: wait again ({@code S_OK}) or give up ({@code S_FALSE}). */
public final class TimeoutDecision {
    private static final TimeoutDecision GIVE_UP = new TimeoutDecision(null);
    private final Duration extension;

    private TimeoutDecision(Duration extension) {
        this.extension = extension;
    }

    /** Give up: the transport fails the wait with IXP_E_TIMEOUT and drops the connection. */
    public static TimeoutDecision giveUp() {
        return GIVE_UP;
    }

    /** Wait {@code more} again (the original's {@code *pdwTimeout} with S_OK). */
    public static TimeoutDecision waitAgain(Duration more) {
        Objects.requireNonNull(more, "more");
        if (more.isNegative() || more.isZero()) {
            throw new IllegalArgumentException("extension must be positive");
        }
        return new TimeoutDecision(more);
    }

    public boolean isGiveUp() {
        return extension == null;
    }

    public Duration extension() {
        return extension;
    }

    @Override
    public String toString() {
        return isGiveUp() ? "giveUp" : "waitAgain(" + extension + ")";
    }
}
