package org.ixp.engine;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every transport shares: one Netty event-loop group for all I/O (daemon threads {@code ixp-io-N})
 * and one worker pool ({@code ixp-worker-N}, daemon, idle threads end after {@code ixp.workerKeepAliveSeconds},
 * default 30 s) for callbacks, future
 * completion, name resolution and the protocol log. Created on first use; never per transport, so a program
 * that opens and closes thousands of sessions keeps a constant number of threads.
 */
public final class EngineResources {
    private static volatile EngineResources shared;

    private final EventLoopGroup ioGroup;
    private final ExecutorService workers;

    private EngineResources() {
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.ioGroup = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("ixp-io", true));
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "ixp-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        long keepAlive = Long.getLong("ixp.workerKeepAliveSeconds", 30);
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, Math.max(1, keepAlive), TimeUnit.SECONDS,
                new SynchronousQueue<>(), tf);
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

    /** Shared worker threads; never an I/O thread. */
    public ExecutorService workers() {
        return workers;
    }
}
