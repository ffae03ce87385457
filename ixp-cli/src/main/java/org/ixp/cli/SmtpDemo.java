package org.ixp.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IsState;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;

/**
 * The SMTP parts of the demo, each against its own {@link DemoSmtpScript} server on loopback: a full connect
 * (STARTTLS + AUTH) ended by Disconnect, one ended by DropConnection, and one whose server never answers QUIT.
 */
final class SmtpDemo {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SHORT_GOODBYE = Duration.ofSeconds(1);
    private static final Set<String> COMMANDS = Set.of("EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA",
            "RSET", "NOOP", "QUIT");

    private SmtpDemo() {
    }

    static List<DemoPart> parts() {
        return List.of(new Graceful(), new Dropped(), new SilentServer());
    }

    /** Part: every status of a connect with STARTTLS and AUTH, then a graceful Disconnect. */
    private static final class Graceful implements DemoPart {
        @Override
        public String title() {
            return "SMTP: connect with STARTTLS and AUTH, then Disconnect";
        }

        @Override
        public void run(Console console) {
            try (Session s = Session.start(console, DemoSmtpScript.submission(), WAIT, true)) {
                s.events.say("connected: authenticated=" + s.transport.isState(IsState.AUTHENTICATED)
                        + ", ready for commands");
                s.events.say("sendMessage(): MAIL, both RCPTs and DATA in one flight (PIPELINING), then the body");
                byte[] mail = ("From: alice@demo.ixp.test\r\nTo: bob@demo.ixp.test\r\nSubject: hello from ixp\r\n\r\n"
                        + "A line.\r\n.A line starting with a dot is sent as '..'.\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                org.ixp.smtp.SendResult sent = Await.result(((org.ixp.smtp.SmtpTransport) s.transport).sendMessage(
                        org.ixp.smtp.SmtpMessage.builder().from("alice@demo.ixp.test").to("bob@demo.ixp.test")
                                .to("nobody@demo.ixp.test").stream(new java.io.ByteArrayInputStream(mail))
                                .size(mail.length).build()));
                s.events.say("sent: accepted " + sent.accepted() + "; refused " + sent.rejected().size() + ": "
                        + sent.rejected());
                s.events.say("disconnect(): QUIT, then wait for the reply (goodbye timeout "
                        + WAIT.toSeconds() + " s)");
                DisconnectResult r = Await.result(s.transport.disconnect());
                s.events.awaitDisconnected();
                s.events.say("disconnect: " + r.ending() + " " + r.response());
                s.events.say("the server answered QUIT with 221: it cleaned up its session");
                s.checkServer();
            }
        }
    }

    /** Part: the same session ended by DropConnection, which sends nothing. */
    private static final class Dropped implements DemoPart {
        @Override
        public String title() {
            return "SMTP: the same session, ended by DropConnection";
        }

        @Override
        public void run(Console console) {
            try (Session s = Session.start(console, DemoSmtpScript.submission(), WAIT, false)) {
                s.events.say("dropConnection(): close the socket now, send nothing");
                s.events.showing(true);
                Await.result(s.transport.dropConnection());
                s.events.awaitDisconnected();
                s.events.say("dropped");
                List<String> seen = s.serverReceived();
                s.events.say("server received: " + String.join(", ", seen) + " (arguments not shown)");
                s.events.say(seen.contains("QUIT") ? "the server received QUIT (unexpected)"
                        : "no QUIT: the server only saw the connection close, with no chance to clean up");
                s.checkServer();
            }
        }
    }

    /** Part: a server that never answers QUIT; the goodbye timeout still ends the disconnect. */
    private static final class SilentServer implements DemoPart {
        @Override
        public String title() {
            return "SMTP: a server that never answers QUIT";
        }

        @Override
        public void run(Console console) {
            console.out("  server: as in part 1, but it reads QUIT and never answers");
            try (Session s = Session.start(console, DemoSmtpScript.submission().silentOnQuit(), SHORT_GOODBYE,
                    false)) {
                s.events.say("disconnect(): QUIT, then wait for the reply (goodbye timeout "
                        + SHORT_GOODBYE.toSeconds() + " s)");
                s.events.showing(true);
                long begin = System.nanoTime();
                DisconnectResult r = Await.result(s.transport.disconnect());
                s.events.awaitDisconnected();
                double seconds = (System.nanoTime() - begin) / 1e9;
                s.events.say("disconnect: " + r.ending() + String.format(" after %.1f s", seconds));
                s.events.say("no reply within the goodbye timeout: ixp closed the connection anyway");
                s.checkServer();
            }
        }
    }

    /** One demo session: its server, the client's callback and transport. Connects on start. */
    private static final class Session implements AutoCloseable {
        final ScriptedServer server;
        final Events events;
        final InternetTransport<?> transport;

        private Session(ScriptedServer server, Events events, InternetTransport<?> transport) {
            this.server = server;
            this.events = events;
            this.transport = transport;
        }

        /**
         * Starts a server playing {@code script}, connects to it (STARTTLS, trusting the testkit CA, AUTH as
         * {@link DemoSmtpScript#USER}) and waits until connected.
         *
         * @param show print the connect's statuses and protocol lines; otherwise one summary line
         */
        static Session start(Console console, DemoSmtpScript script, Duration goodbye, boolean show) {
            ScriptedServer server = ScriptedServer.start(Mode.PLAIN, TestCertificate.localhost(), script);
            Events events = new Events(console, "  ", show);
            Session s;
            try {
                s = new Session(server, events, Protocols.open("smtp", null, events));
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            try {
                if (show) {
                    events.say("server: scripted SMTP server on " + server.host() + ":" + server.port()
                            + ", STARTTLS with a certificate signed by the ixp-testkit CA");
                    events.say("client: --tls starttls, trusting the testkit CA, user " + DemoSmtpScript.USER
                            + " (password not shown), authenticate=true");
                }
                long begin = System.nanoTime();
                CompletableFuture<Void> connected = s.transport.connect(settings(server, goodbye), true, true);
                events.started();
                Await.result(connected);
                if (!show) {
                    events.say(String.format("connected: STARTTLS + AUTH as %s, as in part 1 (%d ms, events not"
                            + " shown)", DemoSmtpScript.USER, (System.nanoTime() - begin) / 1_000_000));
                }
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        }

        private static InetServer settings(ScriptedServer server, Duration goodbye) {
            return InetServer.builder()
                    .serverName(server.host())
                    .port(server.port())
                    .security(Security.STARTTLS)
                    .tls(TlsSettings.trusting(TestCertificate.caPemFile()))
                    .userName(DemoSmtpScript.USER)
                    .password(DemoSmtpScript.PASSWORD)
                    .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, goodbye))
                    .build();
        }

        /**
         * The command words the server received, once the connection is over. Arguments are left out, and a line
         * that is not a command (an AUTH response) shows as {@code ****}: it carries the password.
         */
        List<String> serverReceived() {
            server.awaitConnectionsClosed(WAIT);
            List<String> verbs = new ArrayList<>();
            for (String line : server.received()) {
                String verb = DemoSmtpScript.verb(line);
                verbs.add(COMMANDS.contains(verb) ? verb : "****");
            }
            return verbs;
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
            server.close();
        }
    }
}
