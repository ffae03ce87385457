package org.ixp.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IxpException;
import org.ixp.Security;
import org.ixp.TransportCallback;
import org.ixp.imap.ImapCallback;
import org.ixp.imap.ImapTransport;
import org.ixp.nntp.NntpCallback;
import org.ixp.nntp.NntpTransport;
import org.ixp.pop3.Pop3Callback;
import org.ixp.pop3.Pop3Transport;
import org.ixp.smtp.SmtpCallback;
import org.ixp.smtp.SmtpTransport;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;

/**
 * Load against the real lab servers: 10,000 connect → authenticate → disconnect cycles against Dovecot POP3 and
 * 2,000 against Dovecot IMAP with open descriptors and live threads back at their baseline, and 200 concurrent
 * sessions per protocol (Dovecot POP3 and IMAP, smtp-sink, INN2) with no error. Counts: {@code -Dixp.labCycles},
 * {@code -Dixp.labImapCycles}.
 */
class LabLoadIT {
    private final Lab lab = Lab.get();

    private InetServer.Builder plain(int port) {
        return InetServer.builder().serverName(lab.host()).port(port).security(Security.NONE)
                .allowPlaintextAuth(true).timeouts(org.ixp.Timeouts.all(Duration.ofSeconds(30)));
    }

    private InetServer pop3() {
        return plain(lab.pop3Port()).userName(lab.user(2)).password(lab.password(2))
                .saslMechanisms(List.of("PLAIN")).build();
    }

    private InetServer imap() {
        return plain(lab.imapPort()).userName(lab.user(2)).password(lab.password(2)).build();
    }

    @Test
    void tenThousandAuthenticatedCyclesAgainstDovecotLeaveNothingBehind() throws Exception {
        leaveNothingBehind("POP3", init(new Pop3Transport(), new Pop3Callback() { }), pop3(),
                Integer.getInteger("ixp.labCycles", 10_000));
    }

    @Test
    void twoThousandImapLogonCyclesAgainstDovecotLeaveNothingBehind() throws Exception {
        leaveNothingBehind("IMAP", init(new ImapTransport(), new ImapCallback() { }), imap(),
                Integer.getInteger("ixp.labImapCycles", 2_000));
    }

    private static void leaveNothingBehind(String protocol, InternetTransport<?> t, InetServer s, int cycles)
            throws Exception {
        cycle(t, s, 100); // warm up the shared event loops and worker pool
        Thread.sleep(500);
        int fds0 = openFds();
        int threads0 = Thread.activeCount();
        Set<String> names0 = threadNames();
        long t0 = System.nanoTime();
        cycle(t, s, cycles);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int fds1 = settle(() -> openFds() <= fds0, LabLoadIT::openFds);
        int threads1 = settle(() -> Thread.activeCount() <= threads0, Thread::activeCount);
        Set<String> extra = threadNames();
        extra.removeAll(names0);
        System.out.printf("%d %s logon cycles against Dovecot in %d ms: fds %d -> %d, threads %d -> %d %s%n",
                cycles, protocol, ms, fds0, fds1, threads0, threads1, extra);
        assertThat(fds1).as("open descriptors after %d cycles", cycles).isLessThanOrEqualTo(fds0);
        assertThat(threads1).as("live threads after %d cycles (new: %s)", cycles, extra).isLessThanOrEqualTo(threads0);
    }

    private static void cycle(InternetTransport<?> t, InetServer s, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            t.connect(s, true, false).get(30, TimeUnit.SECONDS);
            DisconnectResult r = t.disconnect().get(30, TimeUnit.SECONDS);
            if (r.ending() != DisconnectResult.Ending.ACKNOWLEDGED) {
                throw new AssertionError("cycle " + i + " ended " + r);
            }
        }
    }

    @Test
    void twoHundredConcurrentPop3SessionsAgainstDovecot() throws Exception {
        concurrently(200, () -> init(new Pop3Transport(), new Pop3Callback() { }), pop3(), true,
                t -> ((Pop3Transport) t).commandSTAT());
    }

    @Test
    void twoHundredConcurrentImapSessionsAgainstDovecot() throws Exception {
        concurrently(200, () -> init(new ImapTransport(), new ImapCallback() { }), imap(), true,
                t -> ((ImapTransport) t).examine("INBOX"));
    }

    @Test
    void twoHundredConcurrentSmtpSessionsAgainstSmtpSink() throws Exception {
        concurrently(200, () -> init(new SmtpTransport(), new SmtpCallback() { }),
                plain(lab.smtpSinkPort()).build(), false, t -> ((SmtpTransport) t).commandNOOP());
    }

    @Test
    void twoHundredConcurrentNntpSessionsAgainstInn() throws Exception {
        concurrently(200, () -> init(new NntpTransport(), new NntpCallback() { }), plain(lab.nntpPort()).build(),
                false, t -> ((NntpTransport) t).commandGROUP("local.test"));
    }

    private static <C extends TransportCallback> InternetTransport<C> init(InternetTransport<C> t, C cb) {
        t.initNew(null, cb);
        return t;
    }

    private static void concurrently(int n, Supplier<InternetTransport<?>> make, InetServer server, boolean auth,
                                     java.util.function.Function<InternetTransport<?>, CompletableFuture<?>> work)
            throws Exception {
        List<InternetTransport<?>> all = new ArrayList<>();
        List<CompletableFuture<?>> connects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InternetTransport<?> t = make.get();
            all.add(t);
            connects.add(t.connect(server, auth, false));
        }
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        join(connects, errors);
        List<CompletableFuture<?>> works = new ArrayList<>();
        for (InternetTransport<?> t : all) {
            works.add(work.apply(t));
        }
        join(works, errors);
        List<CompletableFuture<?>> byes = new ArrayList<>();
        for (InternetTransport<?> t : all) {
            byes.add(t.disconnect());
        }
        join(byes, errors);
        assertThat(errors).as("errors among %d concurrent sessions", n).isEmpty();
    }

    private static void join(List<CompletableFuture<?>> futures, ConcurrentLinkedQueue<String> errors) {
        for (CompletableFuture<?> f : futures) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                errors.add(IxpException.unwrap(e).getMessage());
            }
        }
    }

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(th -> names.add(th.getName()));
        return names;
    }

    private static int settle(java.util.function.BooleanSupplier done, java.util.function.IntSupplier value)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return value.getAsInt();
    }
}
