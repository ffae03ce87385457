package org.ixp.engine;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/** Hands futures completed on I/O threads to callers, so that their continuations never run on an I/O thread. */
public final class Futures {
    /**
     * Completions handed off while this I/O thread decodes a read: they leave when the read is decoded, after the
     * read's callbacks have been released ({@link InboundBridge}), so that a command's future is not handed to a
     * worker before the callback events of the responses that completed it (as when each event left at once).
     */
    private static final io.netty.util.concurrent.FastThreadLocal<ArrayList<Runnable>> HELD =
            new io.netty.util.concurrent.FastThreadLocal<>();

    private Futures() {
    }

    public static <T> CompletableFuture<T> handOff(CompletableFuture<T> internal) {
        CompletableFuture<T> external = new CompletableFuture<>();
        internal.whenComplete((v, e) -> {
            Runnable complete = () -> {
                if (e != null) {
                    external.completeExceptionally(e);
                } else {
                    external.complete(v);
                }
            };
            ArrayList<Runnable> held = HELD.getIfExists();
            if (held != null) {
                held.add(complete);
            } else {
                execute(complete);
            }
        });
        return external;
    }

    /** From now until {@link #release()}, this thread's hand-offs wait (an I/O thread decoding a read). */
    static void hold() {
        if (!HELD.isSet()) {
            HELD.set(new ArrayList<>(4));
        }
    }

    /** Sends the held hand-offs to the workers, in order. */
    static void release() {
        ArrayList<Runnable> held = HELD.getIfExists();
        if (held == null) {
            return;
        }
        HELD.remove();
        for (Runnable r : held) {
            execute(r);
        }
    }

    private static void execute(Runnable complete) {
        try {
            EngineResources.get().workers().execute(complete);
        } catch (RuntimeException rejected) {
            complete.run();
        }
    }
}
