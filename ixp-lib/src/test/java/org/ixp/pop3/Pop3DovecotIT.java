package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.pop3.Pop3Fixture.failureCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ixp.DisconnectResult;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.LogonDecision;
import org.ixp.Secret;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.ixp.smtp.SmtpMessage;
import org.ixp.smtp.SmtpTransport;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;

/**
 * POP3 against the lab's Dovecot (STLS on {@code LAB_POP3_PORT}, implicit TLS on {@code LAB_POP3S_PORT}), as user bob.
 * Messages are seeded with the project's {@code lab/seed-mail} and recognised by their {@code X-Lab-Run} header, so
 * the tests do not depend on what else is in bob's maildrop; each removes what it seeded.
 */
class Pop3DovecotIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern RUN = Pattern.compile("\\(run ([0-9a-f]+)\\)");
    private final Lab lab = Lab.get();

    // ------------------------------------------------------------------ settings

    private InetServer.Builder stls() {
        return InetServer.builder().serverName(lab.host()).port(lab.pop3Port()).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(lab.caCert())).userName(lab.user(2)).password(lab.password(2))
                .timeouts(new Timeouts(WAIT, WAIT, WAIT, WAIT, Duration.ofSeconds(10)));
    }

    private InetServer.Builder pop3s() {
        return stls().port(lab.pop3sPort()).security(Security.IMPLICIT_TLS);
    }

    /**
     * Counts and collects what the tests need, without keeping message bodies. A command's future may complete
     * before the callback has seen its last responses (they are independent streams), so {@link #awaitDone} waits
     * for the command's done response before the collected data is read.
     */
    static class Tally extends Pop3Recorder {
        final Map<Long, ByteArrayOutputStream> tops = new ConcurrentHashMap<>();
        final AtomicLong retrBytes = new AtomicLong();
        final AtomicInteger retrDone = new AtomicInteger();
        private final Map<Pop3Command, Integer> done = new HashMap<>();

        /** How many done responses of {@code command} have been seen. */
        synchronized int done(Pop3Command command) {
            return done.getOrDefault(command, 0);
        }

        /** Waits until more than {@code before} done responses of {@code command} have been seen. */
        synchronized void awaitDone(Pop3Command command, int before) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (done(command) <= before) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                assertThat(left).as("the done response of %s reached the callback", command).isPositive();
                wait(left);
            }
        }

        @Override
        public void onResponse(Pop3Response r, Pop3Transport transport) {
            if (r.done()) {
                synchronized (this) {
                    done.merge(r.command(), 1, Integer::sum);
                    notifyAll();
                }
            }
            if (r.topInfo() != null) {
                tops.computeIfAbsent(r.topInfo().popId(), k -> new ByteArrayOutputStream())
                        .writeBytes(r.topInfo().lines());
            } else if (r.retrInfo() != null) {
                retrBytes.addAndGet(r.retrInfo().length());
                if (r.retrInfo().body()) {
                    retrDone.incrementAndGet();
                }
            } else {
                pop3.add(r);
            }
        }
    }

    private static Pop3Transport open(InetServer server, Pop3Callback cb) throws Exception {
        Pop3Transport t = new Pop3Transport();
        t.initNew(null, cb);
        t.connect(server, true, true).get(30, TimeUnit.SECONDS);
        return t;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(2, TimeUnit.MINUTES);
    }

    // ------------------------------------------------------------------ seeding

    /** Runs {@code lab/seed-mail bob COUNT SIZE}; returns the run id in the messages' X-Lab-Run header. */
    private String seed(int count, int size) throws Exception {
        Path script = labScript("seed-mail");
        Process p = new ProcessBuilder(script.toString(), lab.user(2), String.valueOf(count), String.valueOf(size))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("lab/seed-mail said: %s", out).isZero();
        Matcher m = RUN.matcher(out);
        assertThat(m.find()).as("a run id in: %s", out).isTrue();
        return m.group(1);
    }

    private static Path labScript(String name) {
        String src = System.getenv("IXP_LAB_SRC");
        for (Path dir : new Path[] {src == null ? null : Path.of(src), Path.of("lab"), Path.of("../lab")}) {
            if (dir != null && Files.isExecutable(dir.resolve(name))) {
                return dir.resolve(name).toAbsolutePath();
            }
        }
        throw new IllegalStateException("cannot find the project's lab/" + name + " (set IXP_LAB_SRC)");
    }

    /**
     * This session's message numbers and unique ids of the messages of seeding run {@code run}: TOP 0 of the
     * newest {@code count + 50} messages, matched on X-Lab-Run.
     */
    private static Map<Long, String> seeded(Pop3Transport t, Tally tally, String run, int count) throws Exception {
        long n = get(t.commandSTAT()).messages();
        tally.tops.clear();
        for (long id = Math.max(1, n - count - 50); id <= n; id++) {
            t.markItem(Pop3MarkType.TOP, id, true);
        }
        int before = tally.done(Pop3Command.TOP);
        get(t.commandTOP(Pop3CmdType.GET_MARKED, 0, 0));
        tally.awaitDone(Pop3Command.TOP, before);
        Set<Long> ids = new HashSet<>();
        for (Map.Entry<Long, ByteArrayOutputStream> e : tally.tops.entrySet()) {
            if (e.getValue().toString(StandardCharsets.US_ASCII).contains("\r\nX-Lab-Run: " + run + "\r\n")) {
                ids.add(e.getKey());
            }
        }
        Map<Long, String> out = new LinkedHashMap<>();
        for (Pop3Response.UidlInfo u : get(t.commandUIDL(Pop3CmdType.GET_ALL, 0))) {
            if (ids.contains(u.popId())) {
                out.put(u.popId(), u.uidl());
            }
        }
        return out;
    }

    /** Removes whatever is left of seeding run {@code run} (so a failed test leaves no mail behind). */
    private void removeRun(String run, int count) throws Exception {
        Tally tally = new Tally();
        Pop3Transport t = open(stls().build(), tally);
        try {
            Map<Long, String> left = get(t.commandSTAT()).messages() == 0 ? Map.of() : seeded(t, tally, run, count);
            deleteAndQuit(t, left.values());
        } finally {
            t.dropConnection();
        }
    }

    /** Unique id → message number, for the whole maildrop, in this session. */
    private static Map<String, Long> uidls(Pop3Transport t) throws Exception {
        Map<String, Long> out = new HashMap<>();
        if (get(t.commandSTAT()).messages() == 0) {
            return out;
        }
        for (Pop3Response.UidlInfo u : get(t.commandUIDL(Pop3CmdType.GET_ALL, 0))) {
            out.put(u.uidl(), u.popId());
        }
        return out;
    }

    /** Deletes the messages with these unique ids (those still there) and QUITs; returns the QUIT's outcome. */
    private static Pop3Response.QuitInfo deleteAndQuit(Pop3Transport t, Iterable<String> uids) throws Exception {
        Map<String, Long> now = uidls(t);
        int marked = 0;
        for (String uid : uids) {
            Long id = now.get(uid);
            if (id != null) {
                t.markItem(Pop3MarkType.DELE, id, true);
                marked++;
            }
        }
        if (marked > 0) {
            assertThat(get(t.commandDELE(Pop3CmdType.GET_MARKED, 0))).hasSize(marked);
        }
        return get(t.commandQUIT());
    }

    // ------------------------------------------------------------------ tests

    @Test
    void everyLogonMethodOnStlsAndOnImplicitTls() throws Exception {
        List<String> methods = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "APOP", "PLAIN", "LOGIN", "USER");
        for (InetServer.Builder base : List.of(stls(), pop3s())) {
            for (String method : methods) {
                Pop3Recorder cb = new Pop3Recorder();
                Pop3Transport t = open(base.saslMechanisms(List.of(method)).build(), cb);
                assertThat(t.isState(IsState.AUTHENTICATED)).as(method).isTrue();
                assertThat(t.pop3State()).isEqualTo(Pop3State.TRANSACTION);
                get(t.commandSTAT());
                DisconnectResult r = get(t.disconnect());
                assertThat(r.ending()).as(method).isEqualTo(Ending.ACKNOWLEDGED);
                cb.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
                Pop3Command logon = switch (method) {
                    case "APOP" -> Pop3Command.APOP;
                    case "USER" -> Pop3Command.PASS;
                    default -> Pop3Command.AUTH;
                };
                assertThat(cb.of(logon)).as(method).last().satisfies(x ->
                        assertThat(x.result().code()).isEqualTo(IxpCode.S_OK));
            }
        }
    }

    @Test
    void theDefaultChoiceIsScramAndCapaIsReadAgainAfterStls() throws Exception {
        Pop3Recorder cb = new Pop3Recorder();
        Pop3Transport t = open(stls().build(), cb);
        assertThat(t.pop3Capabilities().saslMechanisms()).contains("SCRAM-SHA-256", "PLAIN");
        assertThat(t.pop3Capabilities().stls()).isFalse(); // the list read after STLS
        assertThat(t.pop3Capabilities().pipelining()).isTrue();
        get(t.disconnect());
        cb.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        assertThat(cb.commands).anySatisfy(l -> assertThat(l).startsWith("> AUTH SCRAM-SHA-256"));
        assertThat(cb.commandsSeen()).containsSubsequence(Pop3Command.BANNER, Pop3Command.CAPA, Pop3Command.STLS,
                Pop3Command.CAPA, Pop3Command.AUTH, Pop3Command.CONNECTED, Pop3Command.QUIT);
    }

    @Test
    void withoutTlsOnlyMethodsThatKeepThePasswordOffTheWireAreUsed() throws Exception {
        InetServer.Builder plain = stls().security(Security.NONE);
        Pop3Transport scram = open(plain.build(), new Pop3Recorder());
        assertThat(scram.isState(IsState.AUTHENTICATED)).isTrue();
        get(scram.disconnect());
        Pop3Transport apop = open(plain.saslMechanisms(List.of("APOP")).build(), new Pop3Recorder());
        get(apop.disconnect());
        Pop3Transport refused = new Pop3Transport();
        Pop3Recorder cb = new Pop3Recorder();
        refused.initNew(null, cb);
        assertThat(failureCode(refused.connect(plain.saslMechanisms(List.of("PLAIN", "USER")).build(), true, true)))
                .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
        cb.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        assertThat(cb.commands).noneMatch(l -> l.startsWith("> AUTH") || l.startsWith("> USER")
                || l.startsWith("> PASS"));
        Pop3Transport allowed = open(plain.saslMechanisms(List.of("USER")).allowPlaintextAuth(true).build(),
                new Pop3Recorder());
        get(allowed.disconnect());
    }

    @Test
    void aWrongPasswordPromptsAndTheRetrySucceeds() throws Exception {
        AtomicInteger prompts = new AtomicInteger();
        Pop3Recorder cb = new Pop3Recorder() {
            @Override
            public LogonDecision onLogonPrompt(InetServer server, InternetTransport<?> transport) {
                prompts.incrementAndGet();
                return LogonDecision.retry(server.userName(), Secret.of(Lab.get().password(2)));
            }
        };
        Pop3Transport t = open(stls().password("not-" + lab.password(2)).build(), cb);
        assertThat(prompts).hasValue(1);
        get(t.disconnect());
        cb.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        assertThat(cb.statuses).containsSubsequence(IxpStatus.AUTHORIZING, IxpStatus.AUTHRETRY,
                IxpStatus.AUTHORIZING, IxpStatus.AUTHORIZED, IxpStatus.CONNECTED);
    }

    /**
     * The proof: mark 10 messages deleted; DropConnection → a fresh session still sees all 10; the same with
     * a graceful Disconnect → a fresh session no longer sees them.
     */
    @Test
    void deletionsAreCommittedByAGracefulQuitAndByNothingElse() throws Exception {
        String run = seed(10, 2000);
        try {
            provesTheFoundingRule(run);
        } finally {
            removeRun(run, 10);
        }
    }

    private void provesTheFoundingRule(String run) throws Exception {
        Tally tally = new Tally();
        Pop3Transport first = open(stls().build(), tally);
        Map<Long, String> ours = seeded(first, tally, run, 10);
        assertThat(ours).hasSize(10);
        for (long id : ours.keySet()) {
            first.markItem(Pop3MarkType.DELE, id, true);
        }
        assertThat(get(first.commandDELE(Pop3CmdType.GET_MARKED, 0))).containsExactlyElementsOf(ours.keySet());
        get(first.dropConnection());
        assertThat(first.deletionsCommitted()).isFalse();

        Pop3Transport second = open(stls().build(), new Pop3Recorder());
        assertThat(uidls(second).keySet()).as("after DropConnection").containsAll(ours.values());
        Pop3Response.QuitInfo q = deleteAndQuit(second, ours.values());
        assertThat(q.ending()).isEqualTo(Ending.ACKNOWLEDGED);
        assertThat(q.deletionsCommitted()).isTrue();
        assertThat(q.deletionsMarked()).isEqualTo(10);
        assertThat(second.deletionsCommitted()).isTrue();

        Pop3Transport third = open(stls().build(), new Pop3Recorder());
        assertThat(uidls(third).keySet()).as("after Disconnect").doesNotContainAnyElementsOf(ours.values());
        get(third.disconnect());
    }

    @Test
    void aFiveThousandMessageMaildropIsListedUidldAndRetrieved() throws Exception {
        int count = 5000;
        String run = seed(count, 1000);
        try {
            listsUidlsAndRetrieves(run, count);
        } finally {
            removeRun(run, count);
        }
    }

    private void listsUidlsAndRetrieves(String run, int count) throws Exception {
        Tally tally = new Tally();
        Pop3Transport t = open(pop3s().build(), tally);
        Map<Long, String> ours = seeded(t, tally, run, count);
        assertThat(ours).hasSize(count);
        List<Pop3Response.ListInfo> list = get(t.commandLIST(Pop3CmdType.GET_ALL, 0));
        assertThat(list.size()).isGreaterThanOrEqualTo(count);
        long ourSize = list.stream().filter(l -> ours.containsKey(l.popId())).mapToLong(Pop3Response.ListInfo::size)
                .sum();
        assertThat(get(t.commandUIDL(Pop3CmdType.GET_ALL, 0)).size()).isEqualTo(list.size());
        for (long id : ours.keySet()) {
            t.markItem(Pop3MarkType.RETR, id, true);
        }
        long t0 = System.nanoTime();
        Pop3Transfer got = get(t.commandRETR(Pop3CmdType.GET_MARKED, 0));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(got.messages()).isEqualTo(count);
        assertThat(got.bytes()).isEqualTo(ourSize); // LIST sizes are exact for Dovecot's CRLF messages
        get(t.disconnect());
        tally.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        assertThat(tally.retrDone).hasValue(count);
        assertThat(tally.retrBytes).hasValue(ourSize);
        System.out.printf("RETR of %d messages (%d bytes) in %d ms%n", count, ourSize, ms);

        Pop3Transport cleanup = open(pop3s().build(), new Pop3Recorder());
        assertThat(deleteAndQuit(cleanup, ours.values()).deletionsCommitted()).isTrue();
    }

    @Test
    void mailSentThroughPostfixIsReadOverPop3() throws Exception {
        String marker = "ixp-pop3-" + UUID.randomUUID();
        String message = "Date: Tue, 24 Nov 2026 12:00:00 +0000\r\nFrom: " + lab.email(1) + "\r\nTo: " + lab.email(2)
                + "\r\nSubject: " + marker + "\r\nMessage-ID: <" + marker + "@ixp.test>\r\n\r\nhello bob\r\n"
                + ".a dot line\r\n..two dots\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        SmtpTransport smtp = new SmtpTransport();
        smtp.initNew(null, new org.ixp.RecordingCallback());
        smtp.connect(InetServer.builder().serverName(lab.host()).port(lab.smtpSubmissionPort())
                .tls(TlsSettings.trusting(lab.caCert())).userName(lab.user(1)).password(lab.password(1)).build(),
                true, false).get(30, TimeUnit.SECONDS);
        smtp.sendMessage(SmtpMessage.builder().from(lab.email(1)).to(lab.email(2))
                .stream(new ByteArrayInputStream(bytes)).size(bytes.length).build()).get(30, TimeUnit.SECONDS);
        smtp.disconnect().get(30, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            Tally tally = new Tally();
            Pop3Transport t = open(stls().build(), tally);
            long n = get(t.commandSTAT()).messages();
            for (long id = Math.max(1, n - 20); id <= n; id++) {
                t.markItem(Pop3MarkType.TOP, id, true);
            }
            if (n > 0) {
                get(t.commandTOP(Pop3CmdType.GET_MARKED, 0, 0));
                tally.awaitDone(Pop3Command.TOP, 0);
            }
            Long found = null;
            for (Map.Entry<Long, ByteArrayOutputStream> e : tally.tops.entrySet()) {
                if (e.getValue().toString(StandardCharsets.UTF_8).contains("Subject: " + marker + "\r\n")) {
                    found = e.getKey();
                }
            }
            if (found != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                get(t.commandRETR(found, out));
                // Postfix and Dovecot add trace headers in front; what was sent must follow, byte for byte.
                assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(message);
                get(t.commandDELE(Pop3CmdType.GET_POPID, found));
                assertThat(get(t.commandQUIT()).deletionsCommitted()).isTrue();
                return;
            }
            get(t.disconnect());
            assertThat(System.nanoTime()).as("the message reached bob within 15 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void retrToAStreamAndTopAgree() throws Exception {
        String run = seed(1, 300_000);
        try {
            streamsAndTops(run);
        } finally {
            removeRun(run, 1);
        }
    }

    private void streamsAndTops(String run) throws Exception {
        Tally tally = new Tally();
        Pop3Transport t = open(stls().build(), tally);
        Map<Long, String> ours = seeded(t, tally, run, 1);
        long id = ours.keySet().iterator().next();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        long n = get(t.commandRETR(id, whole));
        assertThat(n).isEqualTo(whole.size()).isGreaterThan(300_000);
        assertThat(get(t.commandLIST(Pop3CmdType.GET_POPID, id))).singleElement()
                .satisfies(l -> assertThat(l.size()).isEqualTo(n));
        ByteArrayOutputStream top = new ByteArrayOutputStream();
        get(t.commandTOP(id, 3, top));
        String head = top.toString(StandardCharsets.US_ASCII);
        assertThat(whole.toString(StandardCharsets.US_ASCII)).startsWith(head);
        assertThat(head.substring(head.indexOf("\r\n\r\n") + 4).split("\r\n")).hasSize(3);
        List<String> uid = new ArrayList<>(ours.values());
        assertThat(deleteAndQuit(t, uid).deletionsCommitted()).isTrue();
    }
}
