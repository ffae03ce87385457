package org.ixp.engine;

import java.io.IOException;
import java.util.concurrent.ForkJoinPool;

/**
 * Work that may block (a name lookup, the caller's message stream) run so that the worker pool stays live: on a
 * pool thread it is a {@link ForkJoinPool.ManagedBlocker}, so the pool adds a thread for as long as it blocks (as it
 * does for {@code CompletableFuture.join()} called inside a callback); on any other thread it just runs.
 */
public final class Blocking {
    private Blocking() {
    }

    /** What may block, and may fail with an {@link IOException}. */
    public interface IoCall<T> {
        T call() throws IOException;
    }

    public static <T> T call(IoCall<T> work) throws IOException {
        Blocker<T> b = new Blocker<>(work);
        try {
            ForkJoinPool.managedBlock(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
        if (b.failure != null) {
            throw b.failure;
        }
        if (b.unchecked != null) {
            throw b.unchecked;
        }
        return b.value;
    }

    private static final class Blocker<T> implements ForkJoinPool.ManagedBlocker {
        private final IoCall<T> work;
        private boolean done;
        private T value;
        private IOException failure;
        private RuntimeException unchecked;

        Blocker(IoCall<T> work) {
            this.work = work;
        }

        @Override
        public boolean block() {
            try {
                value = work.call();
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                unchecked = e;
            }
            done = true;
            return true;
        }

        @Override
        public boolean isReleasable() {
            return done;
        }
    }
}
