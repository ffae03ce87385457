package org.ixp.bench;

import java.util.Map;

/**
 * After the warm-up, before the measured phase: waits until the JIT compiler threads have been idle for a moment
 * (their CPU time, from /proc/self/task, has not grown for {@link #QUIET_MS}), at most {@link #MAX_MS}. On two
 * shared cores a C2 compilation queued by the warm-up can take a second or more of CPU; without this wait it lands
 * in the measured phase of whichever client has the larger compile backlog, by luck of timing. Every Java client
 * waits the same way ({@code --settle-jit false} turns it off); the time waited is printed to standard error.
 */
final class JitSettle {
    static final long QUIET_MS = 300;
    static final long MAX_MS = 3_000;

    private JitSettle() {
    }

    /** Reads the compiler threads' ticks once, so that the classes doing it are loaded before any warm-up. */
    static void prime() {
        compilerTicks();
    }

    static void await() throws InterruptedException {
        long start = System.nanoTime();
        long last = compilerTicks();
        long quietSince = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < MAX_MS) {
            Thread.sleep(50);
            long now = compilerTicks();
            if (now < 0) {
                return; // not Linux: nothing to watch
            }
            if (now > last) {
                last = now;
                quietSince = System.nanoTime();
            } else if ((System.nanoTime() - quietSince) / 1_000_000 >= QUIET_MS) {
                break;
            }
        }
        System.err.println("JIT settled after " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** CPU ticks of the compiler threads so far, or -1 when /proc is not there. */
    private static long compilerTicks() {
        Map<String, Long> all = Diagnostics.osThreadTicks();
        if (all.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (Map.Entry<String, Long> e : all.entrySet()) {
            if (e.getKey().contains("CompilerThre")) {
                sum += e.getValue();
            }
        }
        return sum;
    }
}
