package org.ixp.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ixp.TransportCallback;

/**
 * Delivers callbacks for one transport: serially, in order, off the I/O threads. After {@link #handsOff()} nothing
 * more is delivered, including events already queued.
 */
final class CallbackDispatcher<C extends TransportCallback> {
    private final SerialExecutor executor;
    private volatile C callback;

    CallbackDispatcher(C callback, Executor executor) {
        this.callback = callback;
        this.executor = new SerialExecutor(executor);
    }

    /** Fire and forget. */
    void post(Consumer<C> event) {
        if (callback == null) {
            return;
        }
        executor.execute(() -> {
            C cb = callback;
            if (cb != null) {
                event.accept(cb);
            }
        });
    }

    /** Fire and forget, then {@code after} (always, also when no callback is registered or it throws). */
    void post(Consumer<C> event, Runnable after) {
        if (callback == null) {
            after.run();
            return;
        }
        executor.execute(() -> {
            try {
                C cb = callback;
                if (cb != null) {
                    event.accept(cb);
                }
            } finally {
                after.run();
            }
        });
    }

    /** A question for the callback; {@code fallback} when there is no callback or it throws. */
    <T> CompletableFuture<T> ask(Function<C, T> question, T fallback) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        if (callback == null) {
            answer.complete(fallback);
            return answer;
        }
        executor.execute(() -> {
            C cb = callback;
            T value = fallback;
            try {
                if (cb != null) {
                    T v = question.apply(cb);
                    value = v == null ? fallback : v;
                }
            } catch (RuntimeException e) {
                value = fallback;
            }
            answer.complete(value);
        });
        return answer;
    }

    C callback() {
        return callback;
    }

    /** @return whether a callback was registered */
    boolean handsOff() {
        boolean had = callback != null;
        callback = null;
        return had;
    }
}
