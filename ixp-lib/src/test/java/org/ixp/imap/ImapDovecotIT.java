package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;

/**
 * IMAP against the lab's Dovecot (STARTTLS on {@code LAB_IMAP_PORT}, implicit TLS on {@code LAB_IMAPS_PORT}) as
 * alice. Every test works in mailboxes of its own (a per-run suffix) and deletes them.
 */
class ImapDovecotIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Lab lab = Lab.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private InetServer.Builder starttls() {
        return InetServer.builder().serverName(lab.host()).port(lab.imapPort()).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(lab.caCert())).userName(lab.user(1)).password(lab.password(1))
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, Duration.ofSeconds(10)));
    }

    private InetServer.Builder imaps() {
        return starttls().port(lab.imapsPort()).security(Security.IMPLICIT_TLS);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ImapTransport open(InetServer s, ImapRecorder cb) throws Exception {
        ImapTransport t = new ImapTransport();
        t.initNew(null, cb, cb.executor());
        get(t.connect(s, true, true));
        return t;
    }

    /** lab/seed-mail alice COUNT SIZE MAILBOX. */
    private void seed(int count, int size, String mailbox) throws Exception {
        Path script = labScript("seed-mail");
        Process p = new ProcessBuilder(script.toString(), lab.user(1), String.valueOf(count), String.valueOf(size),
                mailbox).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("lab/seed-mail said: %s", out).isZero();
    }

    private static Path labScript(String name) {
        String src = System.getenv("IXP_LAB_SRC");
        for (Path dir : new Path[] {src == null ? null : Path.of(src), Path.of("lab"), Path.of("../lab")}) {
            if (dir != null && Files.isExecutable(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new AssertionError("lab/" + name + " not found (set IXP_LAB_SRC)");
    }

    @Test
    void everyMechanismOverStartTlsAndImaps() throws Exception {
        for (String mech : List.of("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256")) {
            for (InetServer.Builder b : List.of(starttls(), imaps())) {
                ImapRecorder cb = new ImapRecorder();
                ImapTransport t = open(b.saslMechanisms(List.of(mech)).build(), cb);
                assertThat(t.isState(org.ixp.IsState.AUTHENTICATED)).isTrue();
                cb.drain();
                assertThat(cb.commands).anyMatch(l -> l.contains("AUTHENTICATE " + mech));
                assertThat(get(t.noop()).status()).isEqualTo(ImapStatus.OK);
                assertThat(get(t.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            }
        }
    }

    @Test
    void namespaceIdAndUnselect() throws Exception {
        ImapTransport t = open(starttls().build(), new ImapRecorder());
        try {
            ImapEvent.Namespace ns = get(t.namespace());
            assertThat(ns.personal()).isNotEmpty();
            assertThat(get(t.id(java.util.Map.of("name", "ixp")))).containsKey("name");
            get(t.select("INBOX"));
            if (t.hasCapability("UNSELECT")) {
                get(t.unselect());
                assertThat(t.selectedMailbox()).isNull();
            }
        } finally {
            get(t.disconnect());
        }
    }

    @Test
    void compressDeflateAfterLogon() throws Exception {
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = open(imaps().compression(true).build(), cb);
        cb.drain(); // callbacks and futures are independent streams
        assertThat(cb.commands).anyMatch(l -> l.contains("COMPRESS DEFLATE"));
        assertThat(get(t.list("", "INBOX"))).extracting(ImapEvent.MailboxListing::name).containsExactly("INBOX");
        assertThat(get(t.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
    }

    @Test
    void seededFolderSelectFetchStoreSearchAppend() throws Exception {
        String box = "ixp-seed-" + run;
        seed(5, 1024, box);
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = open(starttls().build(), cb);
        try {
            ImapMailbox m = get(t.select(box));
            assertThat(m.exists()).isEqualTo(5);
            RangeList all = new RangeList();
            all.addRange(1, RangeList.LAST_MESSAGE);
            t.enableFetchEx(true);
            get(t.fetch(all, "(UID FLAGS ENVELOPE)"));
            List<ImapEvent.Fetch> fetched = cb.of(ImapResponseType.UPDATE_MSG_EX).stream()
                    .map(r -> r.data(ImapEvent.Fetch.class)).toList();
            assertThat(fetched).hasSize(5);
            assertThat(fetched.get(2).envelope().orElseThrow().subject()).isEqualTo("lab seed 3 of 5");
            assertThat(t.getMsgSeqNumToUIDArray()).hasSize(5).doesNotContain(0L);

            RangeList two = new RangeList(true);
            two.addSingleValue(t.msgSeqNumToUID(2));
            two.addSingleValue(t.msgSeqNumToUID(4));
            get(t.uidStore(m.uidValidity(), two, "+FLAGS (\\Flagged)"));
            assertThat(get(t.search("FLAGGED", true))).containsExactly(t.msgSeqNumToUID(2), t.msgSeqNumToUID(4));
            assertThat(get(t.search("SUBJECT \"seed 5 of\"", false))).containsExactly(5L);

            byte[] msg = ("From: alice@localhost\r\nTo: alice@localhost\r\nSubject: ixp append " + run
                    + "\r\n\r\nbyte for byte\r\n\r\n.\r\nend\r\n").getBytes(StandardCharsets.US_ASCII);
            ImapCompletion ok = get(t.append(box, List.of("\\Seen"), Instant.parse("2024-02-01T10:00:00Z"), msg));
            assertThat(ok.code()).isInstanceOf(ResponseCode.AppendUid.class);
            long uid = Long.parseLong(((ResponseCode.AppendUid) ok.code()).uids());
            get(t.noop());
            RangeList appended = new RangeList(true);
            appended.addSingleValue(uid);
            cb.imap.clear();
            get(t.uidFetch(m.uidValidity(), appended, "(BODY.PEEK[] INTERNALDATE)"));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (ImapResponse r : cb.of(ImapResponseType.FETCH_BODY)) {
                body.write(r.data(ImapResponse.FetchBodyPart.class).data());
            }
            assertThat(body.toByteArray()).isEqualTo(msg);
            get(t.closeMailbox());
        } finally {
            get(t.delete(box));
            get(t.disconnect());
        }
    }

    @Test
    void internationalNamesRoundTrip() throws Exception {
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = open(imaps().build(), cb);
        try {
            Character delim = get(t.list("", "")).get(0).delimiter();
            String d = String.valueOf(delim == null ? '/' : delim);
            String parent = "日本語-" + run;
            List<String> names = List.of("Entwürfe-" + run, "Απεσταλμένα-" + run, "A&B-" + run, parent,
                    parent + d + "子");
            for (String n : names) {
                get(t.create(n));
            }
            List<String> listed = get(t.list("", "*" + run + "*")).stream()
                    .map(ImapEvent.MailboxListing::name).toList();
            assertThat(listed).containsAll(names);
            for (String n : names) {
                assertThat(get(t.select(n)).exists()).isEqualTo(0);
            }
            get(t.closeMailbox());
            get(t.rename("A&B-" + run, "A&B renamed-" + run));
            assertThat(get(t.list("", "A&B*" + run)).stream().map(ImapEvent.MailboxListing::name).toList())
                    .containsExactly("A&B renamed-" + run);
            get(t.delete("A&B renamed-" + run));
            get(t.delete(parent + d + "子"));
            get(t.delete(parent));
            get(t.delete("Entwürfe-" + run));
            get(t.delete("Απεσταλμένα-" + run));
            assertThat(get(t.list("", "*" + run + "*"))).isEmpty();
        } finally {
            get(t.disconnect());
        }
    }

    @Test
    void idleReceivesExistsAfterAnAppendFromASecondSession() throws Exception {
        String box = "ixp-idle-" + run;
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = open(starttls().build(), cb);
        ImapTransport other = open(imaps().build(), new ImapRecorder());
        try {
            get(t.create(box));
            get(t.select(box));
            t.setIdleMode(true);
            long t0 = System.nanoTime();
            while (!t.isIdling() && System.nanoTime() - t0 < 5_000_000_000L) {
                Thread.sleep(20);
            }
            assertThat(t.isIdling()).isTrue();
            get(other.append(box, null, null, "Subject: poke\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)));
            t0 = System.nanoTime();
            boolean seen = false;
            while (!seen && System.nanoTime() - t0 < 10_000_000_000L) {
                Thread.sleep(50);
                seen = cb.of(ImapResponseType.MAILBOX_UPDATE).stream().anyMatch(r -> r.unsolicited()
                        && Long.valueOf(1).equals(r.data(ImapResponse.MboxMsgCount.class).exists()));
            }
            assertThat(seen).as("an unsolicited EXISTS 1 while idling").isTrue();
            t.setIdleMode(false);
            get(t.closeMailbox());
            get(t.delete(box));
        } finally {
            get(t.disconnect());
            get(other.disconnect());
        }
    }

    @Test
    void dropAndLogoutLeaveDeletedMessagesUnexpunged() throws Exception {
        String box = "ixp-drop-" + run;
        seed(3, 512, box);
        ImapTransport t = open(starttls().build(), new ImapRecorder());
        get(t.select(box));
        RangeList first = new RangeList();
        first.addSingleValue(1);
        get(t.store(first, "+FLAGS.SILENT (\\Deleted)"));
        get(t.dropConnection());

        ImapTransport t2 = open(starttls().build(), new ImapRecorder());
        assertThat(get(t2.select(box)).exists()).isEqualTo(3);
        RangeList second = new RangeList();
        second.addSingleValue(2);
        get(t2.store(second, "+FLAGS.SILENT (\\Deleted)"));
        assertThat(get(t2.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);

        ImapTransport t3 = open(imaps().build(), new ImapRecorder());
        try {
            assertThat(get(t3.select(box)).exists()).isEqualTo(3);
            assertThat(get(t3.search("DELETED", false))).containsExactly(1L, 2L);
            get(t3.expunge());
            assertThat(t3.getHighestMsgSeqNum()).isEqualTo(1);
            get(t3.closeMailbox());
        } finally {
            get(t3.delete(box));
            get(t3.disconnect());
        }
    }
}
