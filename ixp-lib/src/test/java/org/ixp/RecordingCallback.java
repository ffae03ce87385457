package org.ixp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.ixp.smtp.SmtpCallback;
import org.ixp.smtp.SmtpResponse;
import org.ixp.smtp.SmtpTransport;

/** Records every callback, with the thread it ran on; waits for statuses. */
public class RecordingCallback implements SmtpCallback {
    public final List<IxpStatus> statuses = new CopyOnWriteArrayList<>();
    public final List<IxpResult> errors = new CopyOnWriteArrayList<>();
    public final List<String> commands = new CopyOnWriteArrayList<>();
    public final List<SmtpResponse> responses = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();
    public volatile Function<Duration, TimeoutDecision> timeouts = d -> TimeoutDecision.giveUp();
    public final List<Duration> timeoutsAsked = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(IxpStatus status, InternetTransport<?> transport) {
        threads.add(Thread.currentThread().getName());
        statuses.add(status);
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void onError(IxpStatus status, IxpResult result, InternetTransport<?> transport) {
        threads.add(Thread.currentThread().getName());
        errors.add(result);
    }

    @Override
    public void onCommand(CmdType type, String line, IxpCode response, InternetTransport<?> transport) {
        commands.add((type == CmdType.SEND ? "> " : "< ") + line);
    }

    @Override
    public TimeoutDecision onTimeout(Duration current, InternetTransport<?> transport) {
        timeoutsAsked.add(current);
        return timeouts.apply(current);
    }

    @Override
    public void onResponse(SmtpResponse response, SmtpTransport transport) {
        responses.add(response);
    }

    /** Waits until {@code status} has been reported; fails the test with what was reported otherwise. */
    public void awaitStatus(IxpStatus status, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            while (!statuses.contains(status)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected status " + status + " within " + max + "; got " + statuses);
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /**
     * Waits until the statuses reported so far contain {@code expected} in order (callbacks run apart from the
     * futures, so a future may complete before its statuses arrive); fails with what was reported otherwise.
     */
    public void awaitSubsequence(Duration max, IxpStatus... expected) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            List<IxpStatus> seen = statusSnapshot();
            int i = 0;
            for (IxpStatus s : seen) {
                if (i < expected.length && s == expected[i]) {
                    i++;
                }
            }
            if (i == expected.length) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected statuses in order " + List.of(expected) + "; got " + seen);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public long count(IxpStatus status) {
        return statuses.stream().filter(s -> s == status).count();
    }

    public List<IxpStatus> statusSnapshot() {
        return new ArrayList<>(statuses);
    }
}
