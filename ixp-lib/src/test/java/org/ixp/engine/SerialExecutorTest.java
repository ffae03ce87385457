package org.ixp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** SerialExecutor: order, a failing task does not stop the rest, and hold/release wakes the delegate once. */
class SerialExecutorTest {

    /** A delegate that only records what it is asked to run; the test runs it when it chooses. */
    private static final class Recorded implements Executor {
        final ArrayDeque<Runnable> asked = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            asked.add(r);
        }

        void runAll() {
            while (!asked.isEmpty()) {
                asked.poll().run();
            }
        }
    }

    @Test
    void tasksRunInOrderAndAFailingOneDoesNotStopTheRest() {
        Recorded delegate = new Recorded();
        SerialExecutor serial = new SerialExecutor(delegate);
        List<Integer> ran = new ArrayList<>();
        serial.execute(() -> ran.add(1));
        serial.execute(() -> {
            throw new IllegalStateException("planted");
        });
        serial.execute(() -> ran.add(3));
        assertThat(delegate.asked).as("one drain for tasks queued while one is pending").hasSize(1);
        delegate.runAll();
        assertThat(ran).containsExactly(1, 3);
    }

    @Test
    void whileHeldTasksQueueInOrderAndReleaseWakesTheDelegateOnce() throws Exception {
        Recorded delegate = new Recorded();
        SerialExecutor serial = new SerialExecutor(delegate);
        List<String> ran = new ArrayList<>();
        serial.hold();
        for (int i = 0; i < 100; i++) {
            int n = i;
            serial.execute(() -> ran.add("io-" + n));
        }
        Thread other = new Thread(() -> serial.execute(() -> ran.add("other")));
        other.start();
        other.join();
        assertThat(delegate.asked).as("no worker woken while held").isEmpty();
        serial.release();
        assertThat(delegate.asked).as("one wake for everything held").hasSize(1);
        delegate.runAll();
        assertThat(ran).hasSize(101).startsWith("io-0", "io-1").endsWith("io-99", "other");
    }

    @Test
    void nestedHoldsWakeOnlyAtTheOutermostReleaseAndAnEmptyHoldWakesNothing() {
        Recorded delegate = new Recorded();
        SerialExecutor serial = new SerialExecutor(delegate);
        serial.hold();
        serial.release();
        assertThat(delegate.asked).as("nothing queued, nothing to wake").isEmpty();
        List<Integer> ran = new ArrayList<>();
        serial.hold();
        serial.hold();
        serial.execute(() -> ran.add(1));
        serial.release();
        assertThat(delegate.asked).as("still held by the outer hold").isEmpty();
        serial.release();
        assertThat(delegate.asked).hasSize(1);
        delegate.runAll();
        assertThat(ran).containsExactly(1);
        serial.execute(() -> ran.add(2)); // not held any more: woken at once
        assertThat(delegate.asked).hasSize(1);
        delegate.runAll();
        assertThat(ran).containsExactly(1, 2);
    }
}
