package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.RecordingCallback;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.testkit.Mode;
import org.ixp.testkit.Script;
import org.ixp.testkit.ScriptedServer;

/** A scripted server, a transport and a recording callback, with short timeouts. */
final class Fixture implements AutoCloseable {
    static final Duration GOODBYE = Duration.ofMillis(800);
    static final Duration WAIT = Duration.ofSeconds(5);
    final ScriptedServer server;
    final ProbeTransport transport = new ProbeTransport();
    final RecordingCallback callback;

    Fixture(Script script) {
        this(Mode.PLAIN, script, new RecordingCallback());
    }

    Fixture(Mode mode, Script script, RecordingCallback callback) {
        this.server = ScriptedServer.start(mode, script);
        this.callback = callback;
        transport.initNew(null, callback);
    }

    InetServer.Builder settings() {
        return InetServer.builder().serverName(server.host()).port(server.port()).security(Security.NONE)
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, GOODBYE));
    }

    CompletableFuture<Void> connect() {
        return transport.connect(settings().build(), false, true);
    }

    void connected() throws Exception {
        connect().get(5, TimeUnit.SECONDS);
    }

    /** DISCONNECTED reported exactly once, and last. */
    void endedOnce() {
        callback.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        sleepQuietly(50); // let any (wrong) extra event arrive
        assertThat(callback.count(IxpStatus.DISCONNECTED)).as("DISCONNECTED reports in %s", callback.statuses)
                .isEqualTo(1);
        assertThat(callback.statuses.get(callback.statuses.size() - 1)).isEqualTo(IxpStatus.DISCONNECTED);
        assertThat(transport.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
    }

    static IxpCode failureCode(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected the future to fail; it succeeded");
        } catch (ExecutionException e) {
            return IxpException.unwrap(e).code();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the future did not complete within 5 s");
        }
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        transport.dropConnection();
        server.close();
    }
}
