package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.ixp.testkit.Pop3Maildrop;
import org.ixp.testkit.Script;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;

/** A scripted POP3 server, a transport and a recording callback, with short timeouts. */
final class Pop3Fixture implements AutoCloseable {
    static final Duration GOODBYE = Duration.ofMillis(800);
    static final Duration WAIT = Duration.ofSeconds(5);
    final ScriptedServer server;
    final Pop3Transport transport = new Pop3Transport();
    final Pop3Recorder callback;

    Pop3Fixture(Script script) {
        this(Mode.PLAIN, script, new Pop3Recorder());
    }

    Pop3Fixture(Mode mode, Script script, Pop3Recorder callback) {
        this.server = ScriptedServer.start(mode, script);
        this.callback = callback;
        transport.initNew(null, callback);
    }

    /** STLS (the default security), trusting the testkit CA, logging on as the maildrop's user. */
    InetServer.Builder secure() {
        return InetServer.builder().serverName(server.host()).port(server.port()).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(TestCertificate.caPemFile()))
                .userName(Pop3Maildrop.USER).password(Pop3Maildrop.PASSWORD)
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, GOODBYE));
    }

    /** No TLS at all. */
    InetServer.Builder plain() {
        return secure().security(Security.NONE);
    }

    /** Connects with STLS and logs on; waits. */
    void loggedOn() throws Exception {
        transport.connect(secure().build(), true, true).get(5, TimeUnit.SECONDS);
    }

    /** DISCONNECTED reported exactly once, and last. */
    void endedOnce() {
        callback.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        sleepQuietly(50);
        assertThat(callback.count(IxpStatus.DISCONNECTED)).as("DISCONNECTED reports in %s", callback.statuses)
                .isEqualTo(1);
        assertThat(callback.statuses.get(callback.statuses.size() - 1)).isEqualTo(IxpStatus.DISCONNECTED);
        assertThat(transport.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
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

    static IxpCode thrownCode(Runnable r) {
        try {
            r.run();
            throw new AssertionError("expected an IxpException");
        } catch (IxpException e) {
            return e.code();
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
