package org.ixp;

import java.time.Duration;
import java.util.Objects;

/**
 * The finite waits of a session. {@code connect}, {@code tlsHandshake}, {@code response} (inactivity while a
 * reply is awaited, the original {@code dwTimeout}) and {@code write} ask {@link TransportCallback#onTimeout}
 * when they expire; {@code goodbye} bounds a graceful disconnect and is never extended.
 */
public record Timeouts(Duration connect, Duration tlsHandshake, Duration response, Duration write, Duration goodbye) {

    public static final Timeouts DEFAULT = new Timeouts(
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60),
            Duration.ofSeconds(10));

    public Timeouts {
        requirePositive(connect, "connect");
        requirePositive(tlsHandshake, "tlsHandshake");
        requirePositive(response, "response");
        requirePositive(write, "write");
        requirePositive(goodbye, "goodbye");
    }

    /** Every wait the same, the goodbye at most {@code all}. */
    public static Timeouts all(Duration all) {
        return new Timeouts(all, all, all, all, all);
    }

    public Timeouts withResponse(Duration d) {
        return new Timeouts(connect, tlsHandshake, d, write, goodbye);
    }

    public Timeouts withGoodbye(Duration d) {
        return new Timeouts(connect, tlsHandshake, response, write, d);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive");
        }
    }
}
