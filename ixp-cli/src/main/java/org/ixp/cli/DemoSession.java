package org.ixp.cli;

import java.time.Duration;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;

/**
 * One demo part's session, whatever the protocol: a transport connected over STARTTLS (trusting the testkit CA) to
 * an embedded scripted server, the part's events, and the clean-up every part needs — DropConnection if the part
 * did not end the session itself, the callback handed off, the server closed when the session owns it.
 */
final class DemoSession<T extends InternetTransport<? super Events>> implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    final ScriptedServer server;
    final Events events;
    final T transport;
    private final boolean ownsServer;

    private DemoSession(ScriptedServer server, boolean ownsServer, Events events, T transport) {
        this.server = server;
        this.ownsServer = ownsServer;
        this.events = events;
        this.transport = transport;
    }

    /** Connects {@code transport} to {@code server} as {@code user} and waits until connected. */
    static <T extends InternetTransport<? super Events>> DemoSession<T> connect(ScriptedServer server,
            boolean ownsServer, Events events, T transport, String user, String password, boolean authenticate) {
        DemoSession<T> s = new DemoSession<>(server, ownsServer, events, transport);
        try {
            transport.initNew(null, events, events.executor());
            events.started();
            Await.result(transport.connect(settings(server, user, password, WAIT), authenticate, true));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** STARTTLS to the embedded server, trusting the testkit CA, with the demo's short timeouts. */
    static InetServer settings(ScriptedServer server, String user, String password, Duration goodbye) {
        return InetServer.builder().serverName(server.host()).port(server.port())
                .security(Security.STARTTLS).tls(TlsSettings.trusting(TestCertificate.caPemFile()))
                .userName(user).password(password)
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, goodbye)).build();
    }

    /** Fails the part when the scripted server hit a problem. */
    void checkServer() {
        server.awaitConnectionsClosed(WAIT);
        if (!server.scriptFailures().isEmpty()) {
            throw new IllegalStateException("the demo server failed: " + server.scriptFailures());
        }
    }

    @Override
    public void close() {
        transport.dropConnection();
        events.awaitDisconnected();
        transport.handsOffCallback();
        if (ownsServer) {
            server.close();
        }
    }
}
