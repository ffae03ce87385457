package org.ixp.nntp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A caller's consumer of streamed data (an OutputStream, a per-line callback). Its tasks run on the callback
 * executor, in order with onResponse and under the engine's flow control. The first task that throws stops the
 * rest (the response is still read to its end) and becomes the command's failure. Counting the tasks queued and
 * run tells whether any were skipped (the callback handed off).
 */
final class Sink {
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile Throwable failure;

    void queued() {
        outstanding.incrementAndGet();
    }

    void run(ThrowingRunnable task) {
        try {
            if (failure == null) {
                task.run();
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            outstanding.decrementAndGet();
        }
    }

    /** Whether every queued task has run. */
    boolean drained() {
        return outstanding.get() == 0;
    }

    Throwable failure() {
        return failure;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
