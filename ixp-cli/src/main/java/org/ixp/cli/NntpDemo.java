package org.ixp.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.ixp.DisconnectResult;
import org.ixp.IsState;
import org.ixp.nntp.ArticleId;
import org.ixp.nntp.NntpGroup;
import org.ixp.nntp.NntpMessage;
import org.ixp.nntp.NntpRange;
import org.ixp.nntp.NntpTransport;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;
import org.ixp.testkit.nntp.NntpResponder;

/**
 * The NNTP parts of the demo, on the testkit's embedded news server ({@link NntpResponder}): a reading and posting
 * session ended by Disconnect (QUIT → 205), and a server that asks for logon mid-session (480) ended by
 * DropConnection.
 */
final class NntpDemo {
    private static final Duration WAIT = DemoSession.WAIT;
    private static final String USER = "alice";
    /** The responder's password for alice: a fixed value, never printed. */
    static final String PASSWORD = "alice-pw";

    private NntpDemo() {
    }

    static List<DemoPart> parts() {
        return List.of(new ReadAndPost(), new AskedToLogOn());
    }

    /** Part: STARTTLS and AUTHINFO, GROUP, OVER, POST, BODY, then Disconnect. */
    private static final class ReadAndPost implements DemoPart {
        @Override
        public String title() {
            return "NNTP: STARTTLS and AUTHINFO, read and post, then Disconnect (QUIT, 205)";
        }

        @Override
        public void run(Console console) {
            NntpResponder responder = NntpResponder.withSampleGroups();
            try (DemoSession<NntpTransport> s = start(console, responder, true)) {
                s.events.showing(false);
                NntpGroup g = Await.result(s.transport.commandGROUP("local.test"));
                s.events.say("GROUP local.test: " + g.count() + " articles, " + g.first() + "-" + g.last());
                Await.result(s.transport.over(NntpRange.of(g.first(), g.last()), h -> s.events.print(
                        "  over: " + h.articleNumber() + "  " + h.subject() + "  (" + h.bytes() + " bytes)"), null));
                String id = "<demo." + System.nanoTime() + "@ixp.test>";
                String body = "Hello from ixp.\r\n.A line starting with a dot survives dot-stuffing.\r\n";
                Await.result(s.transport.commandPOST(NntpMessage.of("From: alice@demo.ixp.test\r\nNewsgroups: local.test"
                        + "\r\nSubject: ixp demo\r\nMessage-ID: " + id + "\r\n\r\n" + body)));
                s.events.say("POST: 240, " + id);
                ByteArrayOutputStream read = new ByteArrayOutputStream();
                Await.result(s.transport.body(ArticleId.messageId(id), read));
                s.events.say("BODY " + id + ": " + (read.toString(StandardCharsets.UTF_8).equals(body)
                        ? "identical to what was posted" : "DIFFERENT from what was posted"));
                s.events.showing(true);
                DisconnectResult r = Await.result(s.transport.disconnect());
                s.events.awaitDisconnected();
                s.events.say("disconnect: " + r.ending() + " " + r.response());
                s.checkServer();
            }
        }
    }

    /** Part: the server answers 480; the transport logs on and retries; then DropConnection sends nothing. */
    private static final class AskedToLogOn implements DemoPart {
        @Override
        public String title() {
            return "NNTP: a 480 mid-session (logon, one retry), then DropConnection";
        }

        @Override
        public void run(Console console) {
            NntpResponder responder = new NntpResponder(NntpResponder.withSampleGroups().store(),
                    NntpResponder.Options.defaults().withReadNeedsAuth(true));
            try (DemoSession<NntpTransport> s = start(console, responder, false)) {
                s.events.say("connected without logging on (authenticate=false); the server wants a logon to read");
                s.events.showing(true);
                NntpGroup g = Await.result(s.transport.commandGROUP("local.test"));
                s.events.say("GROUP local.test after the 480: " + g.count() + " articles; authenticated="
                        + s.transport.isState(IsState.AUTHENTICATED));
                s.events.say("dropConnection(): close the socket now, send nothing");
                Await.result(s.transport.dropConnection());
                s.events.awaitDisconnected();
                s.events.showing(false);
                s.server.awaitConnectionsClosed(WAIT);
                List<String> verbs = s.server.received().stream().map(NntpDemo::verb).toList();
                s.events.say("server received: " + String.join(", ", verbs) + " (arguments not shown)");
                s.events.say(verbs.contains("QUIT") ? "the server received QUIT (unexpected)"
                        : "no QUIT: the server only saw the connection close");
                s.checkServer();
            }
        }
    }

    private static String verb(String line) {
        String[] w = line.split(" ");
        String v = w[0].toUpperCase(Locale.ROOT);
        return v.equals("AUTHINFO") && w.length > 1 ? v + " " + w[1].toUpperCase(Locale.ROOT) : v;
    }

    /** One demo session: the responder on loopback, the CLI's callback, the transport; connected on start. */
    /** A session on an embedded news server answering with {@code responder}. */
    private static DemoSession<NntpTransport> start(Console console, NntpResponder responder, boolean authenticate) {
        ScriptedServer server = ScriptedServer.start(Mode.PLAIN, TestCertificate.localhost(), responder);
        Events events = new Events(console, "  ", authenticate);
        events.say("server: embedded news server on " + server.host() + ":" + server.port()
                + ", STARTTLS with a certificate signed by the ixp-testkit CA");
        events.say("client: --tls starttls, trusting the testkit CA, user " + USER
                + " (password not shown), authenticate=" + authenticate);
        return DemoSession.connect(server, true, events, new NntpTransport(), USER, PASSWORD, authenticate);
    }
}
