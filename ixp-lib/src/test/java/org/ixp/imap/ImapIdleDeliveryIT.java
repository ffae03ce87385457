package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.RecordingCallback;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.smtp.SendResult;
import org.ixp.smtp.SmtpMessage;
import org.ixp.smtp.SmtpTransport;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;

/**
 * IDLE against the lab's Dovecot as dave, with mail delivered by the lab's Postfix: an EXISTS arrives while idling
 * when ixp's own SmtpTransport submits a message to dave@localhost, and the new UID is fetched after (DONE first,
 * IDLE again after); a session Dovecot ends while it idles ({@code doveadm kick}: {@code * BYE Server shutting
 * down.}) is a server-initiated disconnect; DropConnection and Disconnect while idling leave \Deleted messages
 * unexpunged. The silent dead connection is in {@code ImapIdleDeadConnectionTest} (scripted).
 */
class ImapIdleDeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * How long Postfix → LMTP → Dovecot → IDLE may take before the test fails. Dovecot learns of new mail through
     * inotify (well under a second), but when the lab's mail uid runs out of inotify instances (parallel suites
     * holding many sessions; {@code /proc/sys/fs/inotify/max_user_instances}, 128 by default) it logs "Inotify
     * instance limit … exceeded, disabling" and polls every {@code mailbox_idle_check_interval} (30 s).
     */
    private static final Duration DELIVERY = Duration.ofSeconds(45);
    private final Lab lab = Lab.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ImapTransport open(ImapRecorder cb) throws Exception {
        ImapTransport t = new ImapTransport();
        t.initNew(null, cb, cb.executor());
        get(t.connect(LabMail.imap(LabMail.DAVE, WAIT).build(), true, true));
        return t;
    }

    private static void await(String what, Duration max, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long t0 = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - t0 > max.toNanos()) {
                throw new AssertionError("not within " + max + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** The first response recorded so far that matches, without waiting for the callback thread. */
    private static Optional<ImapResponse> first(ImapRecorder cb, Predicate<ImapResponse> p) {
        return cb.imap.stream().filter(p).findFirst();
    }

    /** Submits a message to dave@localhost through Postfix (port 10587, STARTTLS, AUTH as dave). */
    private SendResult submit(String subject) throws Exception {
        InetServer smtp = InetServer.builder().serverName(lab.tlsHostname()).port(lab.smtpSubmissionPort())
                .security(Security.STARTTLS).tls(TlsSettings.trusting(lab.caCert()))
                .userName(lab.user(LabMail.DAVE)).password(lab.password(LabMail.DAVE)).build();
        byte[] msg = ("From: " + lab.email(LabMail.DAVE) + "\r\nTo: " + lab.email(LabMail.DAVE) + "\r\nSubject: "
                + subject + "\r\nMessage-ID: <" + subject.replace(' ', '.') + "@ixp-lab.test>\r\n\r\n"
                + "delivered while the recipient idles\r\n").getBytes(StandardCharsets.US_ASCII);
        SmtpTransport s = new SmtpTransport();
        s.initNew(null, new RecordingCallback());
        try {
            s.connect(smtp, true, false).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return s.sendMessage(SmtpMessage.builder().from(lab.email(LabMail.DAVE)).to(lab.email(LabMail.DAVE))
                    .stream(new ByteArrayInputStream(msg)).size(msg.length).build())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            s.disconnect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void idleReceivesExistsWhenPostfixDeliversThenTheNewUidIsFetched() throws Exception {
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = open(cb);
        Long newUid = null;
        try {
            ImapMailbox m = get(t.select("INBOX"));
            long before = m.exists();
            long uidNext = m.uidNext();
            t.setIdleMode(true);
            await("idling", WAIT, t::isIdling);
            cb.imap.clear();

            String subject = "ixp idle " + run;
            SendResult sent = submit(subject);
            assertThat(sent.accepted()).containsExactly(lab.email(LabMail.DAVE));
            long t0 = System.nanoTime();
            Predicate<ImapResponse> exists = r -> r.type() == ImapResponseType.MAILBOX_UPDATE && r.unsolicited()
                    && r.data(ImapResponse.MboxMsgCount.class).exists() != null
                    && r.data(ImapResponse.MboxMsgCount.class).exists() > before;
            await("an unsolicited EXISTS above " + before + " while idling; got " + cb.imap, DELIVERY,
                    () -> first(cb, exists).isPresent());
            long latencyMs = (System.nanoTime() - t0) / 1_000_000;
            long count = first(cb, exists).orElseThrow().data(ImapResponse.MboxMsgCount.class).exists();
            assertThat(count).as("EXISTS after one delivery").isEqualTo(before + 1);
            assertThat(t.isIdling()).as("still idling after the EXISTS").isTrue();
            assertThat(t.getHighestMsgSeqNum()).as("the table grew with the EXISTS").isEqualTo(before + 1);

            // a command ends the IDLE (DONE), runs, and the transport idles again
            t.enableFetchEx(true);
            RangeList fresh = new RangeList(true);
            fresh.addRange(uidNext, RangeList.LAST_MESSAGE);
            get(t.uidFetch(m.uidValidity(), fresh, "(UID FLAGS ENVELOPE)"));
            List<ImapEvent.Fetch> fetched = cb.of(ImapResponseType.UPDATE_MSG_EX).stream()
                    .map(r -> r.data(ImapEvent.Fetch.class)).toList();
            assertThat(fetched).as("FETCH responses for UID %d:*", uidNext).hasSize(1);
            ImapEvent.Fetch f = fetched.get(0);
            newUid = f.uid().orElseThrow();
            assertThat(newUid).isGreaterThanOrEqualTo(uidNext);
            assertThat(f.seq()).isEqualTo(before + 1);
            assertThat(f.envelope().orElseThrow().subject()).isEqualTo(subject);
            assertThat(t.msgSeqNumToUID(before + 1)).isEqualTo(newUid);
            await("idling again after the FETCH", WAIT, t::isIdling);
            List<String> sent2 = cb.commands.stream().filter(l -> l.startsWith("> ")).map(l -> l.substring(2))
                    .toList();
            assertThat(sent2).as("commands sent").anyMatch(l -> l.endsWith(" IDLE"));
            int done = sent2.lastIndexOf("DONE");
            assertThat(done).as("DONE sent, in %s", sent2).isPositive();
            assertThat(sent2.get(done - 1)).endsWith(" IDLE");
            assertThat(sent2.get(done + 1)).contains("UID FETCH " + uidNext + ":*");
            assertThat(sent2.get(sent2.size() - 1)).as("the last command").endsWith(" IDLE");
            System.out.printf("ImapIdleDeliveryIT: EXISTS %d arrived %d ms after Postfix accepted the message"
                    + " (UID %d)%n", count, latencyMs, newUid);
        } finally {
            if (newUid != null) {
                RangeList mine = new RangeList(true);
                mine.addSingleValue(newUid);
                get(t.uidStore(t.uidValidity(), mine, "+FLAGS.SILENT (\\Deleted)"));
                get(t.expunge());
            }
            assertThat(get(t.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
        }
    }

    @Test
    void aSessionDovecotEndsWhileIdlingIsAServerInitiatedDisconnect() throws Exception {
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = open(cb);
        get(t.select("INBOX"));
        t.setIdleMode(true);
        await("idling", WAIT, t::isIdling);
        LabMail.kick(LabMail.DAVE);
        cb.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        cb.drain();
        assertThat(cb.count(IxpStatus.DISCONNECTED)).isEqualTo(1);
        assertThat(cb.statusSnapshot()).doesNotContain(IxpStatus.DISCONNECTING);
        assertThat(cb.errors).as("onError calls").hasSize(1);
        assertThat(cb.errors.get(0).code()).isEqualTo(IxpCode.IXP_E_IMAP_BYE);
        assertThat(cb.errors.get(0).response()).startsWith("* BYE");
        List<ImapResponse> notes = cb.of(ImapResponseType.ERROR_NOTIFICATION);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).text()).as("Dovecot's words").isNotBlank();
        assertThat(cb.errors.get(0).response()).contains(notes.get(0).text());
        assertThat(t.isIdling()).isFalse();
        assertThat(cb.commands).noneMatch(l -> l.equals("> DONE") || l.contains("LOGOUT"));
    }

    @Test
    void dropAndDisconnectWhileIdlingLeaveDeletedMessagesUnexpunged() throws Exception {
        String box = "ixp-idle-drop-" + run;
        LabMail.seed(LabMail.DAVE, 3, 512, box);
        try {
            ImapRecorder cb = new ImapRecorder();
            ImapTransport t = open(cb);
            get(t.select(box));
            RangeList first = new RangeList();
            first.addSingleValue(1);
            get(t.store(first, "+FLAGS.SILENT (\\Deleted)"));
            t.setIdleMode(true);
            await("idling", WAIT, t::isIdling);
            get(t.dropConnection());
            cb.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
            assertThat(cb.commands).noneMatch(l -> l.equals("> DONE") || l.contains("LOGOUT")
                    || l.contains("CLOSE") || l.contains("EXPUNGE"));

            ImapRecorder cb2 = new ImapRecorder();
            ImapTransport t2 = open(cb2);
            assertThat(get(t2.select(box)).exists()).as("messages after the drop").isEqualTo(3);
            assertThat(get(t2.search("DELETED", false))).containsExactly(1L);
            RangeList second = new RangeList();
            second.addSingleValue(2);
            get(t2.store(second, "+FLAGS.SILENT (\\Deleted)"));
            t2.setIdleMode(true);
            await("idling", WAIT, t2::isIdling);
            assertThat(get(t2.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            List<String> sent = cb2.commands.stream().filter(l -> l.startsWith("> ")).toList();
            assertThat(sent.subList(sent.size() - 3, sent.size())).as("the last commands")
                    .satisfiesExactly(l -> assertThat(l).endsWith(" IDLE"), l -> assertThat(l).isEqualTo("> DONE"),
                            l -> assertThat(l).endsWith(" LOGOUT"));

            ImapTransport t3 = open(new ImapRecorder());
            try {
                assertThat(get(t3.examine(box)).exists()).as("messages after DONE + LOGOUT").isEqualTo(3);
                assertThat(get(t3.search("DELETED", false))).containsExactly(1L, 2L);
            } finally {
                get(t3.disconnect());
            }
        } finally {
            LabMail.doveadm("mailbox", "delete", "-u", lab.user(LabMail.DAVE), box);
        }
    }
}
