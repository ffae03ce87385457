package org.ixp.engine;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every transport shares: one Netty event-loop group for all I/O (daemon threads {@code ixp-io-N})
 * and one worker pool ({@code ixp-worker-N}: a fork-join pool of one thread per core, more only while a worker
 * waits in a managed block; daemon; idle threads end after {@code ixp.workerKeepAliveSeconds}, default 30 s) for
 * callbacks, future
 * completion, name resolution and the protocol log. Created on first use; never per transport, so a program
 * that opens and closes thousands of sessions keeps a constant number of threads.
 */
public final class EngineResources {
    private static volatile EngineResources shared;

    private final EventLoopGroup ioGroup;
    private final ExecutorService workers;
    private final ByteBufAllocator allocator;

    private EngineResources() {
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.ioGroup = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("ixp-io", true));
        // Netty's pooled buffers with one arena per I/O thread and 1 MiB chunks (Netty's default: 4 MiB, and arenas
        // for twice the cores): what a mail session allocates is at most 256 KiB at a time, and 1,000 idle IMAP
        // sessions kept 10 MB more resident with the default chunks.
        this.allocator = new PooledByteBufAllocator(true, ioThreads, ioThreads, 8192, 7,
                PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
                PooledByteBufAllocator.defaultUseCacheForAllThreads());
        AtomicInteger n = new AtomicInteger();
        long keepAlive = Math.max(1, Long.getLong("ixp.workerKeepAliveSeconds", 30));
        // A fork-join pool of as many threads as cores, not a thread per concurrent task: a burst of 1,000 connects
        // made a cached pool start a thread for every hand-off that found no idle one (22 threads). Waiting
        // inside a worker stays safe: CompletableFuture.join()/get() and ixp's own blocking work (name lookups,
        // the caller's message streams: Blocking.call) are managed blocks, for which the pool adds threads (up
        // to 256 more) while they wait. Idle threads end after ixp.workerKeepAliveSeconds (30 s).
        this.workers = new ForkJoinPool(ioThreads, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("ixp-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true, 0, ioThreads + 256, 1, pool -> true, keepAlive, TimeUnit.SECONDS);
    }

    public static EngineResources get() {
        EngineResources r = shared;
        if (r == null) {
            synchronized (EngineResources.class) {
                r = shared;
                if (r == null) {
                    r = new EngineResources();
                    shared = r;
                }
            }
        }
        return r;
    }

    public EventLoopGroup ioGroup() {
        return ioGroup;
    }

    /** The buffers every connection allocates from (pooled, direct). */
    public ByteBufAllocator allocator() {
        return allocator;
    }

    /** Shared worker threads; never an I/O thread. */
    public ExecutorService workers() {
        return workers;
    }
}
