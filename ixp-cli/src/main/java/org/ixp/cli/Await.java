package org.ixp.cli;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.ixp.IxpException;

/** Blocking on the library's futures, which its own timeouts bound. */
final class Await {
    private Await() {
    }

    /** The future's value; its failure rethrown as the {@link IxpException} inside. */
    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            throw IxpException.unwrap(e);
        }
    }
}
