package org.ixp.imap;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ixp.InetServer;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Mode;
import org.ixp.testkit.Script;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;

/** A scripted server, an IMAP transport and a recording callback. */
final class ImapFixture implements AutoCloseable {
    static final Duration GOODBYE = Duration.ofMillis(800);
    static final Duration WAIT = Duration.ofSeconds(5);
    static final String CAPS = "* CAPABILITY IMAP4rev1 IDLE ENABLE UIDPLUS MOVE";
    final ScriptedServer server;
    final ImapTransport transport = new ImapTransport();
    final ImapRecorder callback = new ImapRecorder();

    ImapFixture(Script script) {
        this(Mode.PLAIN, script);
    }

    ImapFixture(Mode mode, Script script) {
        this.server = ScriptedServer.start(mode, script);
        transport.initNew(null, callback, callback.executor());
    }

    InetServer.Builder plain() {
        return InetServer.builder().serverName(server.host()).port(server.port()).security(Security.NONE)
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, GOODBYE));
    }

    InetServer.Builder tls(Security security) {
        return plain().security(security).tls(TlsSettings.trusting(TestCertificate.caPemFile()));
    }

    InetServer.Builder alice() {
        return plain().userName("alice").password("s3cret pass").allowPlaintextAuth(true);
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

    void endedOnce() {
        callback.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
    }

    /** Greeting without capabilities, CAPABILITY asked, LOGIN alice accepted. */
    static void greetAndLogin(Conversation c) {
        c.send("* OK scripted IMAP ready");
        c.expect("a1 CAPABILITY");
        c.send(CAPS);
        c.send("a1 OK done");
        c.expect("a2 LOGIN alice \"s3cret pass\"");
        c.send("a2 OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS MOVE] logged in");
    }

    /** Greeting with capabilities, no logon. */
    static void greet(Conversation c) {
        c.send("* OK [CAPABILITY IMAP4rev1 IDLE LITERAL- UIDPLUS] ready");
    }

    static void logout(Conversation c, String tag) {
        c.expect(tag + " LOGOUT");
        c.send("* BYE see you");
        c.send(tag + " OK LOGOUT completed");
    }

    @Override
    public void close() {
        transport.dropConnection();
        server.close();
    }
}
