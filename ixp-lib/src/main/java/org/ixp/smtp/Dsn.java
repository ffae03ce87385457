package org.ixp.smtp;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The DSN part of INETADDRTYPE ({@code ADDR_DSN_MASK}): when to send a delivery status notification (RFC 3461 NOTIFY). */
public enum Dsn {
    /** ADDR_DSN_NEVER = 16. */
    NEVER(16),
    /** ADDR_DSN_SUCCESS = 32. */
    SUCCESS(32),
    /** ADDR_DSN_FAILURE = 64. */
    FAILURE(64),
    /** ADDR_DSN_DELAY = 128. */
    DELAY(128);

    private final int value;

    Dsn(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The RCPT {@code NOTIFY=} value; NEVER stands alone (RFC 3461 §4.1). */
    static String notifyParameter(Set<Dsn> flags) {
        if (flags.contains(NEVER)) {
            return "NEVER";
        }
        return flags.stream().sorted().map(d -> d.name().toUpperCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}
