package org.ixp.imap;

import java.util.concurrent.ScheduledFuture;

/**
 * IDLE (RFC 2177): open-ended (no response timeout) until DONE is sent; a barrier, so commands issued meanwhile
 * wait for its tagged OK. {@link #done()} sends DONE once (at once if the server has said {@code +}, else as soon
 * as it does). Renewed by its {@link IdleController} before 29 minutes.
 */
final class IdleCommand extends ImapCommand<ImapCompletion> {
    private boolean idling;
    private boolean doneRequested;
    private boolean doneSent;
    private final IdleController controller;
    private ScheduledFuture<?> renewal;

    IdleCommand(ImapTransport t, IdleController controller) {
        super(t, "IDLE");
        this.controller = controller;
        text("IDLE");
        txn(0, 0, null);
    }

    @Override
    protected boolean isBarrier() {
        return true;
    }

    @Override
    protected boolean isOpenEnded() {
        return !doneSent;
    }

    @Override
    protected void start(org.ixp.engine.Wire wire) {
        super.start(wire);
        t.routing().awaitContinuation(this);
    }

    @Override
    void continued(String text) {
        t.routing().continuationDone(this);
        idling = true;
        if (doneRequested) {
            sendDone();
        } else {
            renewal = controller.scheduleRenewal(this);
        }
    }

    boolean idling() {
        return idling && !doneSent;
    }

    /** Leaves IDLE (I/O thread). */
    void done() {
        if (doneSent) {
            return;
        }
        if (idling) {
            sendDone();
        } else {
            doneRequested = true;
        }
    }

    private void sendDone() {
        doneSent = true;
        cancelTimer();
        wire().line("DONE");
    }

    void cancelTimer() {
        ScheduledFuture<?> r = renewal;
        if (r != null) {
            r.cancel(false);
        }
    }
}
