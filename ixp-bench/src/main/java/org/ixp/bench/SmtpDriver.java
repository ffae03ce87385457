package org.ixp.bench;

import java.util.concurrent.CompletableFuture;

/** One SMTP client under test. */
abstract class SmtpDriver {
    final String host;
    final int port;
    /** false: the library's defaults, nothing set; true: the settings its docs recommend for speed. */
    final boolean tuned;

    SmtpDriver(String host, int port, boolean tuned) {
        this.host = host;
        this.port = port;
        this.tuned = tuned;
    }

    /** Opens one connection, sends {@code count} copies of the payload over it, says QUIT; completes with the bytes sent. */
    abstract CompletableFuture<Long> connection(Payload payload, int count);

    /** A client whose calls block: each connection gets a thread of its own. */
    abstract static class Blocking extends SmtpDriver {
        Blocking(String host, int port, boolean tuned) {
            super(host, port, tuned);
        }

        abstract long run(Payload payload, int count) throws Exception;

        @Override
        final CompletableFuture<Long> connection(Payload payload, int count) {
            CompletableFuture<Long> done = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    done.complete(run(payload, count));
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "bench-connection");
            t.start();
            return done;
        }
    }
}
