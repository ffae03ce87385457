package org.ixp.cli;

import java.time.Duration;
import java.util.List;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.pop3.Pop3CmdType;
import org.ixp.pop3.Pop3Response;
import org.ixp.pop3.Pop3Transport;
import org.ixp.testkit.Mode;
import org.ixp.testkit.Pop3Maildrop;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;

/**
 * The POP3 parts of the demo, each on a fresh embedded maildrop ({@link Pop3Maildrop} on a scripted loopback
 * server): the same deletions ended by DropConnection (nothing is deleted) and by Disconnect (QUIT answered
 * {@code +OK} commits them), each checked by a fresh session's UIDL.
 */
final class Pop3Demo {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Pop3Demo() {
    }

    static List<DemoPart> parts() {
        return List.of(new Ending(true), new Ending(false));
    }

    /** The same three messages for every part. */
    private static Pop3Maildrop maildrop() {
        return new Pop3Maildrop()
                .add("uid-a", "Subject: first\n\nhello\n")
                .add("uid-b", "Subject: second\n\n.a line with a dot\n")
                .add("uid-c", "Subject: third\n\nbye\n");
    }

    /** Part: DELE of messages 1 and 2, then DropConnection or Disconnect, then a fresh session looks. */
    private record Ending(boolean drop) implements DemoPart {
        @Override
        public String title() {
            return drop ? "POP3: DELE two messages, then DropConnection — nothing is deleted"
                    : "POP3: DELE two messages, then Disconnect — QUIT commits the deletions";
        }

        @Override
        public void run(Console console) {
            Pop3Maildrop maildrop = maildrop();
            try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, TestCertificate.localhost(), maildrop)) {
                Events events = new Events(console, "  ", false);
                Pop3Transport pop3 = open(server, events);
                try {
                    events.say("server: embedded POP3 maildrop with " + maildrop.size() + " messages: "
                            + String.join(", ", maildrop.uids()));
                    events.say("connected: STLS + logon as " + Pop3Maildrop.USER + ", state " + pop3.pop3State());
                    events.showing(true);
                    Await.result(pop3.commandSTAT());
                    List<Long> deleted = Await.result(pop3.commandDELE(Pop3CmdType.GET_POPID, 1));
                    deleted = concat(deleted, Await.result(pop3.commandDELE(Pop3CmdType.GET_POPID, 2)));
                    events.say("marked deleted: messages " + deleted + " (the server only marks them)");
                    if (drop) {
                        events.say("dropConnection(): close the socket now, send nothing");
                        Await.result(pop3.dropConnection());
                        events.awaitDisconnected();
                        events.say("dropped: deletionsCommitted=" + pop3.deletionsCommitted());
                    } else {
                        events.say("disconnect(): QUIT; the server enters UPDATE, removes the marked messages, "
                                + "answers");
                        DisconnectResult r = Await.result(pop3.disconnect());
                        events.awaitDisconnected();
                        events.say("disconnect: " + r.ending() + " " + r.response() + "; deletionsCommitted="
                                + pop3.deletionsCommitted());
                    }
                } finally {
                    pop3.dropConnection();
                    events.awaitDisconnected();
                    pop3.handsOffCallback();
                }
                events.say("a fresh session's UIDL: " + String.join(", ", freshUidls(server, console)));
                events.say(drop ? "all three are still there: without QUIT there is no UPDATE state (RFC 1939 §6)"
                        : "only the third is left: the deletions were committed by QUIT's +OK");
                server.awaitConnectionsClosed(WAIT);
                if (!server.scriptFailures().isEmpty()) {
                    throw new IllegalStateException("the demo server failed: " + server.scriptFailures());
                }
            }
        }
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Pop3Transport open(ScriptedServer server, Events events) {
        Pop3Transport pop3 = new Pop3Transport();
        pop3.initNew(null, events, events.executor());
        events.started();
        Await.result(pop3.connect(settings(server), true, true));
        return pop3;
    }

    private static List<String> freshUidls(ScriptedServer server, Console console) {
        Events quiet = new Events(console, "  ", false);
        Pop3Transport pop3 = open(server, quiet);
        try {
            if (Await.result(pop3.commandSTAT()).messages() == 0) {
                return List.of("(none)");
            }
            List<String> uids = Await.result(pop3.commandUIDL(Pop3CmdType.GET_ALL, 0)).stream()
                    .map(Pop3Response.UidlInfo::uidl).toList();
            Await.result(pop3.disconnect());
            quiet.awaitDisconnected();
            return uids;
        } finally {
            pop3.dropConnection();
            pop3.handsOffCallback();
        }
    }

    private static InetServer settings(ScriptedServer server) {
        return InetServer.builder().serverName(server.host()).port(server.port()).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(TestCertificate.caPemFile()))
                .userName(Pop3Maildrop.USER).password(Pop3Maildrop.PASSWORD)
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, Duration.ofSeconds(1))).build();
    }
}
