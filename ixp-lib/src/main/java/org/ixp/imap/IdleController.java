package org.ixp.imap;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.engine.EngineResources;
import org.ixp.engine.SessionContext;

/**
 * Idle mode (SetIdleMode, RFC 2177): when on and offered, an {@link IdleCommand} goes out whenever no command is
 * outstanding; a new command sends DONE first; each IDLE is renewed (DONE, IDLE again) after the refresh interval
 * (default 28 minutes, before servers' 30-minute autologout). A NO or BAD to IDLE turns the mode off. Off by
 * default: see {@link ImapTransport} for why.
 */
final class IdleController {
    private final ImapTransport t;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile boolean on;
    private volatile Duration refresh = Duration.ofMinutes(28);
    private volatile IdleCommand idle;

    IdleController(ImapTransport t) {
        this.t = t;
    }

    void reset() {
        outstanding.set(0);
        idle = null;
    }

    /** SetIdleMode: starts idling now if nothing is outstanding, or leaves the IDLE in progress. */
    void mode(boolean enable) {
        on = enable;
        if (enable) {
            if (t.session() != null && t.isState(IsState.CONNECTED)) {
                try {
                    t.onIoThread(this::maybeIdle);
                } catch (IxpException ignored) {
                    // not ready yet: connect's end starts it
                }
            }
        } else if (idle != null) {
            t.onIoThread(this::leave);
        }
    }

    void refresh(Duration every) {
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "refresh must be positive");
        }
        refresh = every;
    }

    /** Whether an IDLE is in progress (the server has said {@code +}). */
    boolean idling() {
        IdleCommand i = idle;
        return i != null && i.idling();
    }

    /** Before a disconnect: DONE, on the I/O thread (where an IDLE may just have started). */
    void leaveForGoodbye() {
        if (idle == null && !on) {
            return;
        }
        try {
            t.onIoThread(this::leave);
        } catch (IxpException ignored) {
            // not ready: the engine's disconnect handles it
        }
    }

    /** Sends DONE if an IDLE is in progress or starting (I/O thread). */
    void leave() {
        IdleCommand i = idle;
        if (i != null) {
            i.done();
        }
    }

    /** A command was submitted: no IDLE until it completes (then maybe one). */
    void submitted(CompletableFuture<?> done) {
        outstanding.incrementAndGet();
        done.whenComplete((r, e) -> {
            outstanding.decrementAndGet();
            maybeIdle();
        });
    }

    /** A command that {@link #submitted} counted was refused before it was sent. */
    void refused() {
        outstanding.decrementAndGet();
    }

    /** Enters IDLE when asked for, offered, and nothing else is outstanding (I/O thread). */
    void maybeIdle() {
        SessionContext<ImapEvent> ctx = t.session();
        if (!on || t.loggingOut() || idle != null || outstanding.get() > 0 || ctx == null || ctx.closing()
                || !t.hasCapability("IDLE") || !t.isState(IsState.CONNECTED)) {
            return;
        }
        IdleCommand i = new IdleCommand(t, this);
        idle = i;
        i.future().whenComplete((r, e) -> {
            if (idle == i) {
                idle = null;
            }
            i.cancelTimer();
            if (e != null) {
                IxpCode code = IxpException.unwrap(e).code();
                if (code == IxpCode.IXP_E_IMAP_NO || code == IxpCode.IXP_E_IMAP_BAD) {
                    on = false; // refused: do not ask again and again
                    t.note("IDLE refused: idle mode is off");
                }
            }
            maybeIdle();
        });
        ctx.send(i);
    }

    /** Schedules the renewal of an IDLE (DONE, then IDLE again). */
    ScheduledFuture<?> scheduleRenewal(IdleCommand i) {
        return EngineResources.get().ioGroup().schedule(() -> {
            try {
                t.onIoThread(i::done);
            } catch (IxpException ignored) {
                // the connection has ended
            }
        }, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }
}
