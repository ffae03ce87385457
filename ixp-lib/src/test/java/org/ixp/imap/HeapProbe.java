package org.ixp.imap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Live heap, measured after full collections: what a constant-memory test compares before, during and after. */
final class HeapProbe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {
    }

    /** Heap in use after two full collections, in bytes. */
    static long afterGc() {
        MEMORY.gc();
        MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
