package org.ixp.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What a server has seen: received lines and the various failures, shared by all connections. */
final class Journal {
    private final List<String> received = new ArrayList<>();
    private final List<Throwable> scriptFailures = new ArrayList<>();
    private final List<Throwable> handshakeFailures = new ArrayList<>();
    private final List<Throwable> ioErrors = new ArrayList<>();

    synchronized void line(String line) {
        received.add(line);
        notifyAll();
    }

    synchronized void scriptFailure(Throwable t) {
        scriptFailures.add(t);
    }

    synchronized void handshakeFailure(Throwable t) {
        handshakeFailures.add(t);
    }

    synchronized void ioError(Throwable t) {
        ioErrors.add(t);
    }

    synchronized List<String> received() {
        return List.copyOf(received);
    }

    synchronized List<Throwable> scriptFailures() {
        return List.copyOf(scriptFailures);
    }

    synchronized List<Throwable> handshakeFailures() {
        return List.copyOf(handshakeFailures);
    }

    synchronized List<Throwable> ioErrors() {
        return List.copyOf(ioErrors);
    }

    synchronized boolean awaitLine(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < received.size(); checked++) {
                if (test.test(received.get(checked))) {
                    return true;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
