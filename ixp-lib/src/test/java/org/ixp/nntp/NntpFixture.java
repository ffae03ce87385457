package org.ixp.nntp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.testkit.Mode;
import org.ixp.testkit.Script;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;

/** A scripted server (or the embedded responder), an NNTP transport and a recording callback. */
final class NntpFixture implements AutoCloseable {
    static final Duration GOODBYE = Duration.ofMillis(800);
    static final Duration WAIT = Duration.ofSeconds(5);
    final ScriptedServer server;
    final NntpTransport transport = new NntpTransport();
    final NntpRecorder callback = new NntpRecorder();

    NntpFixture(Script script) {
        this(Mode.PLAIN, script);
    }

    NntpFixture(Mode mode, Script script) {
        this.server = ScriptedServer.start(mode, script);
        transport.initNew(null, callback, callback.executor());
    }

    /** Plain, no TLS, short timeouts. */
    InetServer.Builder plain() {
        return InetServer.builder().serverName(server.host()).port(server.port()).security(Security.NONE)
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, GOODBYE));
    }

    /** STARTTLS (or implicit TLS) trusting the testkit CA. */
    InetServer.Builder tls(Security security) {
        return plain().security(security).tls(TlsSettings.trusting(TestCertificate.caPemFile()));
    }

    void connect(InetServer s, boolean authenticate) throws Exception {
        transport.connect(s, authenticate, true).get(5, TimeUnit.SECONDS);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    static IxpException failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected the future to fail; it succeeded");
        } catch (ExecutionException e) {
            return IxpException.unwrap(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the future did not complete within 5 s");
        }
    }

    static IxpCode failureCode(CompletableFuture<?> f) throws InterruptedException {
        return failure(f).code();
    }

    void endedOnce() {
        callback.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (callback.count(IxpStatus.DISCONNECTED) != 1) {
            throw new AssertionError("DISCONNECTED reported " + callback.count(IxpStatus.DISCONNECTED) + " times: "
                    + callback.statuses);
        }
    }

    @Override
    public void close() {
        transport.dropConnection();
        server.close();
    }
}
