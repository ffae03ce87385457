package org.ixp.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs. */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + args[i]);
            }
            o.values.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : Long.parseLong(v);
    }

    int intValue(String name, int fallback) {
        return (int) longValue(name, fallback);
    }
}
