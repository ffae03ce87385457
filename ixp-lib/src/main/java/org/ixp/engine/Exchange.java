package org.ixp.engine;

import java.util.concurrent.CompletableFuture;
import org.ixp.IxpException;

/**
 * One command and its reply, as an entry of the engine's in-flight FIFO. The engine calls {@link #start} when the
 * exchange goes on the wire, then hands it the protocol's events one by one until {@link #onEvent} says it is
 * complete. Its outcome ({@link #succeed}/{@link #fail}) completes {@link #future()} on the I/O thread.
 *
 * <p>Losing the connection fails every exchange in flight for good (see {@link #whenLost}); nothing is replayed.
 *
 * @param <E> the protocol's event type
 * @param <R> the result type
 */
public abstract class Exchange<E, R> {
    private final CompletableFuture<R> future = new CompletableFuture<>();
    private boolean settled;
    private R value;
    private IxpException failure;

    /** Writes the command (nothing for a greeting). May keep {@code wire} for later steps, e.g. SASL responses. */
    protected abstract void start(Wire wire);

    /** One event addressed to this exchange. Returns {@code true} when complete, after succeed() or fail(). */
    protected abstract boolean onEvent(E event);

    /** Whether nothing else may be written until this exchange completes. Pipelinable commands return false. */
    protected boolean isBarrier() {
        return true;
    }

    /**
     * Whether the exchange is waiting for the server's initiative rather than for a reply (IMAP IDLE before DONE):
     * while every exchange in flight is open-ended, the response timeout is not armed. Checked again after each
     * write, so a change (DONE sent) arms it.
     */
    protected boolean isOpenEnded() {
        return false;
    }

    /**
     * Whether this exchange has already settled from a reply the protocol routed to it out of order (IMAP may
     * complete pipelined commands in any order, RFC 9051 §5.5): once the exchanges ahead of it complete, the engine
     * delivers it without waiting for another event. Must not be true for a TLS or compression go-ahead.
     */
    protected boolean isCompleteEarly() {
        return false;
    }

    /** Whether success means the server has said go ahead with TLS: the engine starts the handshake at once. */
    protected boolean startsTls() {
        return false;
    }

    /**
     * Whether success means the server has switched to DEFLATE compression (NNTP {@code COMPRESS DEFLATE} → 206,
     * IMAP {@code COMPRESS DEFLATE} → OK): the engine compresses both directions from the next byte on.
     */
    protected boolean startsCompression() {
        return false;
    }

    /**
     * The failure to report when the connection is lost (or dropped, or timed out) while this exchange is in
     * flight. Override where the request may already have taken effect (end of DATA, POST): such exchanges report
     * IXP_E_OUTCOME_UNKNOWN.
     */
    protected IxpException whenLost(IxpException cause) {
        return cause;
    }

    protected final void succeed(R result) {
        if (!settled) {
            settled = true;
            value = result;
        }
    }

    protected final void fail(IxpException e) {
        if (!settled) {
            settled = true;
            failure = e;
        }
    }

    /** The outcome, completed on the I/O thread. */
    public final CompletableFuture<R> future() {
        return future;
    }

    final boolean settledWithSuccess() {
        return settled && failure == null;
    }

    /** Completes the future with the settled outcome (or a protocol error if onEvent forgot to settle). */
    final void deliver() {
        if (failure != null) {
            future.completeExceptionally(failure);
        } else if (settled) {
            future.complete(value);
        } else {
            future.completeExceptionally(new IxpException(org.ixp.IxpCode.E_UNEXPECTED,
                    getClass().getSimpleName() + " completed without an outcome"));
        }
    }

    final void abort(IxpException cause) {
        IxpException e = whenLost(cause);
        future.completeExceptionally(e == null ? cause : e);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
