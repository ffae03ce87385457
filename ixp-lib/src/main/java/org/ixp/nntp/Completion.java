package org.ixp.nntp;

import java.util.concurrent.CompletableFuture;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/**
 * The public future of one command. Without a {@link Sink} it completes (on a worker) right after the command's
 * final onResponse has been posted, so join() inside a callback cannot deadlock. With a sink it completes only
 * after the sink's last task has run on the callback executor, so join() sees every byte written; once the callback
 * is handed off nothing runs there any more, and a sink that missed data fails the command with IXP_E_USER_CANCEL.
 *
 * @param <R> the result type
 */
final class Completion<R> {
    final CompletableFuture<R> future = new CompletableFuture<>();
    final Sink sink;
    private volatile boolean settled;
    private R value;
    private Throwable error;

    Completion(Sink sink) {
        this.sink = sink;
    }

    /** The exchange's outcome (I/O thread). */
    void settle(R v, Throwable e) {
        value = v;
        error = e;
        settled = true;
    }

    boolean settled() {
        return settled;
    }

    /** Completes the future with the outcome (idempotent). */
    void complete() {
        if (error != null) {
            future.completeExceptionally(IxpException.unwrap(error));
        } else if (sink != null && sink.failure() != null) {
            Throwable f = sink.failure();
            future.completeExceptionally(f instanceof IxpException ie ? ie : new IxpException(IxpResult.of(
                    IxpCode.E_FAIL, "the data consumer failed: " + f), f));
        } else if (sink != null && !sink.drained()) {
            future.completeExceptionally(new IxpException(IxpCode.IXP_E_USER_CANCEL,
                    "the callback was handed off: some data was not delivered to the consumer"));
        } else {
            future.complete(value);
        }
    }
}
