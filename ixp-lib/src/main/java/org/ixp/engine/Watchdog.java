package org.ixp.engine;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The inactivity timer of one connection, on its event loop. One wait is armed at a time (connect, TLS
 * handshake, response); any activity ({@link #touch()}) restarts the count. When a wait expires the session asks
 * {@code onTimeout} what to do. The decision is the session's; this class only keeps time.
 */
final class Watchdog {
    enum Wait { CONNECT, TLS_HANDSHAKE, RESPONSE, WRITE }

    private final EventLoop loop;
    private final BiConsumer<Wait, Duration> onExpired;
    private Wait wait;
    private long limitNanos;
    /** Written by any thread ({@link #touch()}), read on the event loop. */
    private volatile long lastActivity;
    private ScheduledFuture<?> timer;

    Watchdog(EventLoop loop, BiConsumer<Wait, Duration> onExpired) {
        this.loop = loop;
        this.onExpired = onExpired;
    }

    Wait armed() {
        return wait;
    }

    void arm(Wait w, Duration limit) {
        long nanos = limit.toNanos();
        wait = w;
        limitNanos = nanos;
        lastActivity = System.nanoTime();
        // A timer left from an earlier wait that fires no later than this limit is kept: fire() checks the idle
        // time and reschedules. Arming per reply (every command) then costs no timer churn on the event loop.
        if (timer != null && timer.getDelay(TimeUnit.NANOSECONDS) <= nanos) {
            return;
        }
        cancelTimer();
        schedule(nanos);
    }

    /** No wait is armed; a pending timer stays (it finds nothing armed when it fires) for the next {@link #arm}. */
    void disarm() {
        wait = null;
    }

    /** The connection has ended: nothing armed, no timer left behind. */
    void stop() {
        wait = null;
        cancelTimer();
    }

    void touch() {
        lastActivity = System.nanoTime();
    }

    private void schedule(long nanos) {
        timer = loop.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void fire() {
        timer = null;
        if (wait == null) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < limitNanos) {
            schedule(limitNanos - idle);
            return;
        }
        Wait expired = wait;
        wait = null;
        onExpired.accept(expired, Duration.ofNanos(limitNanos));
    }
}
