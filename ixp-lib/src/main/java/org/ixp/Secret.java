package org.ixp;

import java.util.Arrays;
import java.util.Objects;

/** A password or token: its {@code toString()} never shows the value. */
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "secret").toCharArray());
    }

    public static Secret of(char[] value) {
        return new Secret(Objects.requireNonNull(value, "secret"));
    }

    /** The value; callers must not log it. */
    public String reveal() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
