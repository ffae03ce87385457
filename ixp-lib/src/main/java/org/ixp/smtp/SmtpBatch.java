package org.ixp.smtp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ixp.IxpException;
import org.ixp.engine.EngineResources;
import org.ixp.engine.SerialExecutor;
import org.ixp.engine.SessionContext;

/**
 * {@link SmtpTransport#sendMessages}: one {@link SmtpTransaction} per message, on the connection's I/O thread. With
 * PIPELINING the next transaction starts as soon as the previous message's data is queued, so its envelope shares
 * that flight (RFC 2920 §3.1); otherwise (or when a transaction ends before its data, e.g. refused recipients) it
 * starts when the previous one has its outcome. Outcomes are handed to the callers' futures in order through one
 * serial executor on the worker pool: the futures never complete on the I/O thread, and outcomes that arrive
 * together wake one worker, not one each.
 */
final class SmtpBatch {
    private final SmtpTransport transport;
    private final List<SmtpMessage> messages;
    private final List<CompletableFuture<SendResult>> results;
    private final SerialExecutor completer = new SerialExecutor(EngineResources.get().workers());
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private SessionContext<SmtpReply> ctx;
    private SmtpCapabilities caps;
    private int next;
    private int settled;
    private boolean starting;
    private boolean startAgain;

    SmtpBatch(SmtpTransport transport, List<SmtpMessage> messages, List<CompletableFuture<SendResult>> results) {
        this.transport = transport;
        this.messages = messages;
        this.results = results;
    }

    /** Starts the first message (I/O thread); completes when every message has its outcome. */
    CompletableFuture<Void> run(SessionContext<SmtpReply> context, SmtpCapabilities capabilities) {
        this.ctx = context;
        this.caps = capabilities;
        startNext();
        return done;
    }

    /** Starts the next message; re-entrant calls (a transaction that ends at once) are run by the outer loop. */
    private void startNext() {
        if (starting) {
            startAgain = true;
            return;
        }
        starting = true;
        try {
            do {
                startAgain = false;
                startOne();
            } while (startAgain);
        } finally {
            starting = false;
        }
    }

    private void startOne() {
        if (next >= messages.size()) {
            return;
        }
        int index = next++;
        boolean[] overlapped = {false};
        CompletableFuture<SendResult> outcome;
        try {
            outcome = new SmtpTransaction(transport, ctx, messages.get(index), caps, () -> {
                overlapped[0] = true;
                startNext();
            }).run();
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((r, e) -> {
            transport.reportSent(r, e);
            if (!overlapped[0]) {
                startNext();
            }
            settle(index, r, e);
        });
    }

    private void settle(int index, SendResult r, Throwable e) {
        CompletableFuture<SendResult> f = results.get(index);
        Runnable complete = e == null ? () -> f.complete(r) : () -> f.completeExceptionally(IxpException.unwrap(e));
        if (++settled == messages.size()) {
            done.complete(null); // IXP_E_BUSY is released before the last outcome reaches its caller
        }
        try {
            completer.execute(complete);
        } catch (RuntimeException rejected) {
            complete.run();
        }
    }

    /** After the operation: a failure that kept messages from starting at all (none expected) fails them. */
    void failRest(Throwable e) {
        if (e == null) {
            return;
        }
        IxpException cause = IxpException.unwrap(e);
        for (CompletableFuture<SendResult> f : results) {
            f.completeExceptionally(cause);
        }
    }
}
