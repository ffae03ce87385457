package org.ixp.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.imap.ImapEvent;
import org.ixp.imap.ImapMailbox;
import org.ixp.imap.ImapResponse;
import org.ixp.imap.ImapResponseType;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;

/**
 * The IMAP parts of the demo, each on a fresh {@link DemoImapMailbox} served by {@link DemoImapScript} on loopback:
 * a session that selects, fetches (envelopes, then a body streamed in chunks), idles until new mail arrives and
 * ends with Disconnect (DONE, LOGOUT → BYE + OK); and one that flags a message \Deleted and ends with
 * DropConnection — no CLOSE, no EXPUNGE, no LOGOUT — so a fresh session still finds it there.
 */
final class ImapDemo {
    private static final Duration WAIT = DemoSession.WAIT;

    private ImapDemo() {
    }

    static List<DemoPart> parts() {
        return List.of(new ReadAndIdle(), new DeletedThenDropped());
    }

    /** Part: STARTTLS and AUTHENTICATE, SELECT, FETCH, IDLE sees new mail, Disconnect. */
    private static final class ReadAndIdle implements DemoPart {
        @Override
        public String title() {
            return "IMAP: STARTTLS and AUTHENTICATE, SELECT, FETCH, IDLE sees new mail, then Disconnect (LOGOUT)";
        }

        @Override
        public void run(Console console) {
            try (DemoSession<ImapTransport> s = start(console, DemoImapMailbox.sample(), true)) {
                s.events.showing(false);
                ImapMailbox inbox = Await.result(s.transport.select("INBOX"));
                s.events.say("SELECT INBOX: " + inbox.exists() + " messages, UIDVALIDITY " + inbox.uidValidity()
                        + ", UIDNEXT " + inbox.uidNext());
                RangeList all = new RangeList();
                all.addRange(1, RangeList.LAST_MESSAGE);
                ImapCall envelopes = new ImapCall(r -> {
                    if (r.type() == ImapResponseType.UPDATE_MSG) {
                        ImapEvent.Fetch f = r.data(ImapEvent.Fetch.class);
                        s.events.print(String.format(Locale.ROOT, "  uid %d  %-17s %4d bytes  %s",
                                f.uid().orElse(0), String.join(" ", f.flags().orElse(List.of())),
                                f.rfc822Size().orElse(0), f.envelope().map(e -> e.subject() == null ? "" : e.subject()).orElse("")));
                    }
                });
                s.events.say("FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE):");
                envelopes.await(s.transport.fetch(envelopes.id, 0, envelopes, all, false,
                        "(UID FLAGS RFC822.SIZE ENVELOPE)"));
                long[] body = {0, 0};
                ImapCall peek = new ImapCall(r -> {
                    if (r.type() == ImapResponseType.FETCH_BODY) {
                        body[0] += r.data(ImapResponse.FetchBodyPart.class).data().length;
                        body[1]++;
                    }
                });
                peek.await(s.transport.fetch(peek.id, 0, peek, RangeList.parse("3", true), true, "(BODY.PEEK[])"));
                s.events.say("UID FETCH 3 (BODY.PEEK[]): " + body[0] + " bytes, streamed as " + body[1]
                        + " FETCH_BODY chunk(s); PEEK leaves it unseen");
                CountDownLatch newMail = new CountDownLatch(1);
                s.events.onImapResponse(r -> {
                    if (r.unsolicited() && r.type() == ImapResponseType.MAILBOX_UPDATE
                            && r.data(ImapResponse.MboxMsgCount.class).exists() != null) {
                        s.events.print("new mail while idling: EXISTS "
                                + r.data(ImapResponse.MboxMsgCount.class).exists());
                        newMail.countDown();
                    }
                });
                s.events.say("setIdleMode(true): IDLE whenever no command is outstanding");
                s.events.showing(true);
                s.transport.setIdleMode(true);
                await(newMail, "the EXISTS pushed during IDLE");
                s.events.say("disconnect(): DONE ends the IDLE, then LOGOUT");
                DisconnectResult r = Await.result(s.transport.disconnect());
                s.events.awaitDisconnected();
                s.events.say("disconnect: " + r.ending() + " " + r.response());
                s.checkServer();
            }
        }
    }

    /** Part: UID STORE +FLAGS (\Deleted), then DropConnection; a fresh session finds the message still there. */
    private static final class DeletedThenDropped implements DemoPart {
        @Override
        public String title() {
            return "IMAP: flag a message \\Deleted, then DropConnection — no CLOSE, no LOGOUT: nothing is expunged";
        }

        @Override
        public void run(Console console) {
            DemoImapMailbox mailbox = DemoImapMailbox.sample();
            try (DemoSession<ImapTransport> s = start(console, mailbox, false)) {
                ImapMailbox inbox = Await.result(s.transport.select("INBOX"));
                s.events.say("connected; SELECT INBOX: " + inbox.exists() + " messages");
                Await.result(s.transport.uidStore(inbox.uidValidity(), RangeList.parse("1", true), "+FLAGS (\\Deleted)"));
                s.events.say("UID STORE 1 +FLAGS (\\Deleted): message 1 is only marked; CLOSE or EXPUNGE would"
                        + " remove it");
                s.events.say("dropConnection(): close the socket now, send nothing");
                s.events.showing(true);
                Await.result(s.transport.dropConnection());
                s.events.awaitDisconnected();
                s.events.showing(false);
                s.server.awaitConnectionsClosed(WAIT);
                List<String> verbs = verbs(s.server.received());
                s.events.say("server received: " + String.join(", ", verbs) + " (arguments not shown)");
                s.events.say(verbs.contains("CLOSE") || verbs.contains("EXPUNGE") || verbs.contains("LOGOUT")
                        ? "the server received CLOSE, EXPUNGE or LOGOUT (unexpected)"
                        : "no CLOSE, no EXPUNGE, no LOGOUT: the server only saw the connection close");
                try (DemoSession<ImapTransport> fresh = start(console, s.server, false)) {
                    ImapMailbox again = Await.result(fresh.transport.select("INBOX"));
                    List<Long> deleted = Await.result(fresh.transport.uidSearch(again.uidValidity(), "DELETED", null));
                    fresh.events.say("a fresh session: SELECT INBOX: " + again.exists() + " messages; UID SEARCH"
                            + " DELETED: " + deleted);
                    fresh.events.say(again.exists() == 3 ? "all three are still there, UID 1 flagged \\Deleted:"
                            + " IMAP expunges only on CLOSE or EXPUNGE (RFC 3501 §6.4.2, §6.4.3)"
                            : "a message is gone (unexpected)");
                    Await.result(fresh.transport.disconnect());
                    fresh.events.awaitDisconnected();
                }
                s.checkServer();
            }
        }
    }

    /** The command words the server received (tags, arguments and SASL data left out). */
    private static List<String> verbs(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] w = line.split(" ");
            if (w.length == 1) {
                if (w[0].equalsIgnoreCase("DONE")) {
                    out.add("DONE");
                }
                continue;
            }
            String v = w[1].toUpperCase(Locale.ROOT);
            out.add(v.equals("UID") && w.length > 2 ? "UID " + w[2].toUpperCase(Locale.ROOT) : v);
        }
        return out;
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IxpException(IxpCode.IXP_E_TIMEOUT, "the demo did not see " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IxpException(IxpCode.IXP_E_USER_CANCEL, "interrupted");
        }
    }

    /** One demo session: the server on loopback (or a running one), the CLI's callback, a connected transport. */
    /** A session on a new embedded server playing {@code mailbox}. */
    private static DemoSession<ImapTransport> start(Console console, DemoImapMailbox mailbox, boolean showing) {
        ScriptedServer server = ScriptedServer.start(Mode.PLAIN, TestCertificate.localhost(),
                new DemoImapScript(mailbox));
        Events events = new Events(console, "  ", false);
        events.say("server: embedded IMAP server on " + server.host() + ":" + server.port()
                + ", STARTTLS with a certificate signed by the ixp-testkit CA");
        events.say("client: --tls starttls, trusting the testkit CA, user " + DemoImapScript.USER
                + " (password not shown)");
        events.showing(showing);
        return DemoSession.connect(server, true, events, new ImapTransport(), DemoImapScript.USER,
                DemoImapScript.PASSWORD, true);
    }

    /** A second session on a server another session owns. */
    private static DemoSession<ImapTransport> start(Console console, ScriptedServer server, boolean showing) {
        return DemoSession.connect(server, false, new Events(console, "  ", showing), new ImapTransport(),
                DemoImapScript.USER, DemoImapScript.PASSWORD, true);
    }
}
