package org.ixp.imap;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server offers (its latest CAPABILITY list) and what this session has enabled ({@code * ENABLED}, RFC
 * 5161), and what follows from them: whether mailbox names travel as UTF-8 (IMAP4rev2 or UTF8=ACCEPT enabled), and
 * whether a literal may go without waiting for the server's {@code +} (LITERAL+, or LITERAL- within 4096 octets).
 * Names compare case-insensitively. Read from any thread.
 */
final class ImapCapabilities {
    private final Set<String> enabled = ConcurrentHashMap.newKeySet();
    private volatile List<String> offered = List.of();
    private volatile boolean utf8;

    void reset() {
        offered = List.of();
        enabled.clear();
        utf8 = false;
    }

    void offered(List<String> list) {
        offered = org.ixp.engine.CanonicalLists.of(list);
    }

    List<String> offered() {
        return offered;
    }

    boolean has(String name) {
        for (String c : offered) {
            if (c.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    void enabled(String capability) {
        enabled.add(capability.toUpperCase(Locale.ROOT));
    }

    boolean isEnabled(String capability) {
        return capability != null && enabled.contains(capability.toUpperCase(Locale.ROOT));
    }

    boolean utf8() {
        return utf8;
    }

    void utf8(boolean on) {
        utf8 = on;
    }

    boolean nonSynchronizing(long size) {
        return has("LITERAL+") || (has("LITERAL-") && size <= 4096);
    }
}
