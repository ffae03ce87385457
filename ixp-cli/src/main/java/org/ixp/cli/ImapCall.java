package org.ixp.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.imap.ImapCallback;
import org.ixp.imap.ImapResponse;
import org.ixp.imap.ImapResponseType;
import org.ixp.imap.ImapTransport;

/**
 * The handler of one IMAP command (the {@code cb} of the library's long forms): its responses go to a consumer
 * on the callback thread, and {@link #await} returns only once the handler has also seen the command's
 * COMMAND_COMPLETION — the command's future and its callbacks are independent, so the future alone does not say
 * that every FETCH_BODY chunk has been written.
 *
 * <p>If the consumer throws (a file cannot be written), the connection is dropped at once — the rest of a long
 * FETCH would only be thrown away — and {@link #await} throws that failure (an {@link IxpException}, E_FAIL for
 * anything else).
 */
final class ImapCall implements ImapCallback {
    private static final AtomicLong IDS = new AtomicLong();

    /** A fresh transaction ID (wParam) for a command. */
    final long id = IDS.incrementAndGet();
    private final Consumer<ImapResponse> consumer;
    private final CountDownLatch completed = new CountDownLatch(1);
    private volatile RuntimeException failure;

    ImapCall(Consumer<ImapResponse> consumer) {
        this.consumer = consumer;
    }

    /** A handler that keeps nothing but the completion. */
    static ImapCall ignoring() {
        return new ImapCall(r -> { });
    }

    @Override
    public void onResponse(ImapResponse response, ImapTransport transport) {
        if (response.type() == ImapResponseType.COMMAND_COMPLETION) {
            completed.countDown();
            return;
        }
        if (failure != null) {
            return;
        }
        try {
            consumer.accept(response);
        } catch (RuntimeException e) {
            failure = e instanceof IxpException x ? x : new IxpException(IxpCode.E_FAIL, describe(e));
            transport.dropConnection();
        }
    }

    private static String describe(RuntimeException e) {
        Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        return "cannot save: " + t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The command's result, once its completion has reached this handler. */
    <T> T await(CompletableFuture<T> future) {
        T value;
        try {
            value = Await.result(future);
        } catch (IxpException e) {
            if (failure != null) {
                throw failure; // the consumer's failure caused this one (it dropped the connection)
            }
            throw e;
        }
        try {
            if (!completed.await(Events.SETTLE.toMillis() * 12, TimeUnit.MILLISECONDS)) {
                throw new IxpException(IxpCode.IXP_E_TIMEOUT, "the callback did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IxpException(IxpCode.IXP_E_USER_CANCEL, "interrupted");
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
