package org.ixp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shared worker pool is bounded (one thread per core) yet cannot be starved by waits it knows of: tasks that wait
 * in {@link Blocking#call} or in {@code CompletableFuture.join()} make the pool add threads, so a task queued behind
 * more such waiters than the pool has threads still runs — and it is the one that releases them.
 */
class WorkerPoolTest {
    private static final ExecutorService POOL = EngineResources.get().workers();
    private static final int WAITERS = 3 * Math.max(2, Runtime.getRuntime().availableProcessors()) + 2;

    @Test
    void waitersInBlockingCallDoNotStarveTheTaskThatReleasesThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(WAITERS);
        for (int i = 0; i < WAITERS; i++) {
            POOL.execute(() -> {
                try {
                    Blocking.call(() -> {
                        try {
                            return release.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                    });
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                done.countDown();
            });
        }
        POOL.execute(release::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS))
                .as("%d tasks waiting in Blocking.call, then the task that releases them", WAITERS).isTrue();
    }

    @Test
    void joinInsideAWorkerDoesNotStarveTheTaskThatCompletesTheFuture() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        List<CompletableFuture<String>> joined = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            joined.add(CompletableFuture.supplyAsync(answer::join, POOL));
        }
        POOL.execute(() -> answer.complete("ok"));
        CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(joined).allSatisfy(f -> assertThat(f.join()).isEqualTo("ok"));
    }

    @Test
    void blockingCallOutsideThePoolJustRunsAndPassesFailuresOn() throws Exception {
        assertThat(Blocking.call(() -> "here")).isEqualTo("here");
        try {
            Blocking.call(() -> {
                throw new java.io.IOException("lookup failed");
            });
            throw new AssertionError("expected the IOException");
        } catch (java.io.IOException e) {
            assertThat(e).hasMessage("lookup failed");
        }
    }
}
