package org.ixp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** SerialExecutor: order, one drain for tasks queued while one is pending, a failing task does not stop the rest. */
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
}
