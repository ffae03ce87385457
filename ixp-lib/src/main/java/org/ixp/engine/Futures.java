package org.ixp.engine;

import java.util.concurrent.CompletableFuture;

/** Hands futures completed on I/O threads to callers, so that their continuations never run on an I/O thread. */
public final class Futures {
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
            try {
                EngineResources.get().workers().execute(complete);
            } catch (RuntimeException rejected) {
                complete.run();
            }
        });
        return external;
    }
}
