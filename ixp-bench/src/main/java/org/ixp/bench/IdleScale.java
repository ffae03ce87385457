package org.ixp.bench;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IdleManager;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.imap.ImapCallback;
import org.ixp.imap.ImapResponse;
import org.ixp.imap.ImapResponseType;
import org.ixp.imap.ImapTransport;

/**
 * Scale: {@code --sessions} authenticated IMAP sessions in IDLE from one JVM, all on the same (empty) mailbox, opened
 * read-only (EXAMINE), each with a listener for new mail. Measured: the time from the first connect until every
 * session is idling (the server's {@code +} received), then — after {@code --hold} seconds and two
 * {@code System.gc()} — heap used, live threads (and the peak), RSS. Clients:
 *
 * <ul>
 *   <li>{@code ixp}: one {@link ImapTransport} per session on the shared engine, all connects started at once;
 *       {@code connect(authenticate)} → {@code examine} → {@code setIdleMode(true)}; idling =
 *       {@link ImapTransport#isIdling()}. {@code compression(false)}, as for the peers (COMPRESS=DEFLATE would
 *       give every session its own zlib state); {@code --compression true} measures ixp's default.</li>
 *   <li>{@code angus}: thread per IDLE — each session's own thread connects a {@code Store} (one
 *       {@code Session} shared), opens the folder READ_ONLY, adds a {@code MessageCountListener} and loops on
 *       {@code IMAPFolder.idle()}, as Angus's {@code idle()} documentation shows. {@code mail.event.scope=session}
 *       so the listeners share one event thread (the default, per folder, would add a thread per session).</li>
 *   <li>{@code angus-manager}: Angus's documented scalable way, {@link IdleManager}
 *       ({@code mail.imap.usesocketchannels=true}, one selector thread on a cached pool,
 *       {@code mail.event.scope=session} and {@code mail.event.executor} = that pool); the sessions are connected by
 *       {@code --connect-threads} (32) pool threads, which end before the measurement; the listener re-watches the
 *       folder.</li>
 * </ul>
 *
 * Idling for Angus is read from {@code IMAPFolder}'s private {@code idleState} (IDLE = the server's {@code +} was
 * received; Angus has no public accessor). {@code --settle S}: the heap, threads and RSS are measured again S seconds
 * later (ixp's idle worker threads end 30 s after their last task). The RSS of the JVM before the first session
 * ({@code rss_base_kb}) is reported so the sessions' own cost can be told from the JVM's.
 */
final class IdleScale {
    private IdleScale() {
    }

    interface Sessions {
        int idling();

        int failed();

        String firstFailure();

        void close();
    }

    static void main(Options o) throws Exception {
        String client = o.require("client");
        int n = o.intValue("sessions", 1000);
        String host = o.get("host", "127.0.0.1");
        int port = o.intValue("port", 10143);
        String user = o.get("user", "frank");
        String pass = o.get("password", "frank-pw");
        String mailbox = o.require("mailbox");
        long holdMs = o.longValue("hold", 2) * 1000;
        long timeoutMs = o.longValue("timeout", 240) * 1000;

        Snapshot base = Snapshot.take(); // the JVM before any session (and before the client's classes load)
        Diagnostics diag = Boolean.parseBoolean(o.get("diag", "false")) ? new Diagnostics() : null;
        if (diag != null) {
            diag.start();
        }
        long cpu0 = SmtpWorkload.processCpuNanos();
        long t0 = System.nanoTime();
        Sessions s = switch (client) {
            case "ixp" -> ixp(n, host, port, user, pass, mailbox, Boolean.parseBoolean(o.get("compression", "false")));
            case "angus" -> angusThreads(n, host, port, user, pass, mailbox);
            case "angus-manager" -> angusManager(n, host, port, user, pass, mailbox, o.intValue("connect-threads", 32));
            default -> throw new IllegalArgumentException("unknown IDLE client " + client);
        };
        long deadline = t0 + timeoutMs * 1_000_000L;
        long lastChange = System.nanoTime();
        int lastSeen = -1;
        while (s.idling() + s.failed() < n) {
            int now = s.idling() + s.failed();
            if (now != lastSeen) {
                lastSeen = now;
                lastChange = System.nanoTime();
            }
            // when the server stops accepting, sessions neither idle nor fail for a long time: stop there
            if (System.nanoTime() > deadline || System.nanoTime() - lastChange > 30_000_000_000L) {
                break;
            }
            Thread.sleep(20);
        }
        long wall = System.nanoTime() - t0;
        long cpu = SmtpWorkload.processCpuNanos() - cpu0;
        if (diag != null) {
            diag.stop(n);
        }
        int idling = s.idling();
        Thread.sleep(holdMs);
        Snapshot at = Snapshot.take();
        Snapshot settled = at;
        long settleMs = o.longValue("settle", 0) * 1000;
        if (settleMs > 0) {
            Thread.sleep(settleMs);
            settled = Snapshot.take();
        }
        stillIdling(s, idling);
        System.err.println("threads by name: " + threadNames());
        if (s.failed() > 0) {
            System.err.println(s.failed() + " sessions failed; first: " + s.firstFailure());
        }
        System.out.println(String.format(Locale.ROOT,
                "RESULT {\"client\":\"%s\",\"sessions\":%d,\"messages\":%d,\"idle\":%d,\"failed\":%d,\"bytes\":0,"
                        + "\"wall_ns\":%d,\"cpu_ns\":%d,\"heap_after_gc_kb\":%d,\"threads\":%d,\"peak_threads\":%d,"
                        + "\"rss_kb\":%d,\"settle_s\":%d,\"threads_settled\":%d,\"rss_settled_kb\":%d,"
                        + "\"heap_settled_kb\":%d,\"client_threads\":%d,\"client_threads_settled\":%d,"
                        + "\"rss_base_kb\":%d,\"hwm_kb\":%d,\"max_heap\":%d}",
                client, n, idling, idling, s.failed(), wall, cpu, at.heap / 1024, at.threads, at.peak, at.rss,
                settleMs / 1000, settled.threads, settled.rss, settled.heap / 1024, at.clientThreads,
                settled.clientThreads, base.rss, SmtpWorkload.peakRssKb(),
                Runtime.getRuntime().maxMemory()));
        System.out.flush();
        Thread.sleep(o.longValue("pause-after", 0) * 1000); // time for jcmd VM.native_memory and the like
        s.close();
        System.exit(idling == n || o.get("sessions-max", null) != null ? 0 : 3);
    }

    /**
     * Heap used after two full collections, live and peak threads, the client's threads (named {@code ixp-…} or
     * {@code angus-…}: the library's, and the ones this driver starts for Angus), RSS (kB).
     */
    record Snapshot(long heap, int threads, int peak, int clientThreads, long rss) {
        static Snapshot take() {
            System.gc();
            System.gc();
            ThreadMXBean tm = ManagementFactory.getThreadMXBean();
            int client = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("ixp-") || t.getName().startsWith("angus-")) {
                    client++;
                }
            }
            return new Snapshot(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    tm.getThreadCount(), tm.getPeakThreadCount(), client, status("VmRSS:"));
        }
    }

    private static void stillIdling(Sessions s, int before) {
        if (s.idling() < before) {
            System.err.println("warning: " + (before - s.idling()) + " sessions stopped idling during the hold");
        }
    }

    /** Live threads grouped by name with the digits removed, e.g. {@code ixp-worker-N=3}. */
    static Map<String, Integer> threadNames() {
        Map<String, Integer> m = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            m.merge(t.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
        }
        return m;
    }

    static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    // ------------------------------------------------------------------ ixp

    static Sessions ixp(int n, String host, int port, String user, String pass, String mailbox, boolean compression) {
        InetServer server = InetServer.builder().serverName(host).port(port).security(Security.NONE)
                .allowPlaintextAuth(true).compression(compression).saslMechanisms(List.of("PLAIN")).userName(user)
                .password(pass).build();
        AtomicLong news = new AtomicLong();
        ImapCallback cb = new ImapCallback() {
            @Override
            public void onResponse(ImapResponse r, ImapTransport transport) {
                if (r.type() == ImapResponseType.MAILBOX_UPDATE && r.unsolicited()) {
                    news.incrementAndGet(); // new mail while idling: what an IDLE client is for
                }
            }
        };
        List<ImapTransport> all = new ArrayList<>(n);
        AtomicInteger failed = new AtomicInteger();
        String[] first = new String[1];
        for (int i = 0; i < n; i++) {
            ImapTransport t = new ImapTransport();
            t.initNew(null, cb);
            all.add(t);
            t.connect(server, true, false)
                    .thenCompose(v -> t.examine(mailbox))
                    .thenRun(() -> t.setIdleMode(true))
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            synchronized (first) {
                                if (first[0] == null) {
                                    first[0] = String.valueOf(e);
                                }
                            }
                        }
                    });
        }
        return new Sessions() {
            @Override
            public int idling() {
                int k = 0;
                for (ImapTransport t : all) {
                    k += t.isIdling() ? 1 : 0;
                }
                return k;
            }

            @Override
            public int failed() {
                return failed.get();
            }

            @Override
            public String firstFailure() {
                return first[0];
            }

            @Override
            public void close() {
                List<CompletableFuture<?>> bye = new ArrayList<>();
                for (ImapTransport t : all) {
                    try {
                        bye.add(t.disconnect());
                    } catch (RuntimeException e) {
                        // not connected
                    }
                }
                try {
                    CompletableFuture.allOf(bye.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // leaving anyway
                }
            }
        };
    }

    // ------------------------------------------------------------------ Angus

    private static final Field IDLE_STATE;

    static {
        try {
            IDLE_STATE = IMAPFolder.class.getDeclaredField("idleState");
            IDLE_STATE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** IMAPFolder.IDLE: the IDLE command was accepted ({@code +}). */
    private static boolean idling(IMAPFolder f) {
        try {
            return f != null && IDLE_STATE.getInt(f) == 1;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties angusProps(String host, int port) {
        Properties p = new Properties();
        p.put("mail.imap.host", host);
        p.put("mail.imap.port", Integer.toString(port));
        p.put("mail.imap.socketFactory", new AngusSmtp.NoDelaySocketFactory());
        p.put("mail.event.scope", "session");
        return p;
    }

    static final class AngusSessions implements Sessions {
        final IMAPFolder[] folders;
        final Store[] stores;
        final AtomicInteger failed = new AtomicInteger();
        volatile String first;
        volatile boolean stopping;

        AngusSessions(int n) {
            folders = new IMAPFolder[n];
            stores = new Store[n];
        }

        void fail(Exception e) {
            if (!stopping) {
                failed.incrementAndGet();
                if (first == null) {
                    first = String.valueOf(e);
                }
            }
        }

        @Override
        public int idling() {
            int k = 0;
            for (IMAPFolder f : folders) {
                k += IdleScale.idling(f) ? 1 : 0;
            }
            return k;
        }

        @Override
        public int failed() {
            return failed.get();
        }

        @Override
        public String firstFailure() {
            return first;
        }

        @Override
        public void close() {
            stopping = true; // the process exits; the kernel closes the sockets
        }

        /** Connects one session (blocking) and registers its listener. */
        IMAPFolder open(Session session, int i, String host, int port, String user, String pass, String mailbox,
                        MessageCountAdapter listener) throws Exception {
            Store st = session.getStore("imap");
            st.connect(host, port, user, pass);
            stores[i] = st;
            IMAPFolder f = (IMAPFolder) st.getFolder(mailbox);
            f.open(Folder.READ_ONLY);
            f.addMessageCountListener(listener);
            return f;
        }
    }

    static Sessions angusThreads(int n, String host, int port, String user, String pass, String mailbox) {
        Session session = Session.getInstance(angusProps(host, port));
        AngusSessions s = new AngusSessions(n);
        AtomicLong news = new AtomicLong();
        MessageCountAdapter listener = new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                news.addAndGet(e.getMessages().length);
            }
        };
        for (int i = 0; i < n; i++) {
            int k = i;
            Thread th = new Thread(() -> {
                try {
                    IMAPFolder f = s.open(session, k, host, port, user, pass, mailbox, listener);
                    s.folders[k] = f;
                    while (!s.stopping) {
                        f.idle(); // returns after each response that ends the IDLE; idle again
                    }
                } catch (Exception e) {
                    s.fail(e);
                }
            }, "angus-idle-" + i);
            th.setDaemon(true);
            th.start();
        }
        return s;
    }

    static Sessions angusManager(int n, String host, int port, String user, String pass, String mailbox,
                                 int connectThreads) throws Exception {
        ExecutorService es = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "angus-idlemanager-pool");
            t.setDaemon(true);
            return t;
        });
        Properties p = angusProps(host, port);
        p.remove("mail.imap.socketFactory"); // IdleManager needs Angus's own SocketChannel sockets
        p.put("mail.imap.usesocketchannels", "true");
        p.put("mail.event.executor", es);
        Session session = Session.getInstance(p);
        IdleManager manager = new IdleManager(session, es);
        AngusSessions s = new AngusSessions(n);
        MessageCountAdapter listener = new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                try {
                    manager.watch((Folder) e.getSource()); // keep watching, as IdleManager's documentation says
                } catch (Exception ex) {
                    // the folder is gone
                }
            }
        };
        ExecutorService connectors = Executors.newFixedThreadPool(connectThreads, r -> {
            Thread t = new Thread(r, "angus-connect");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < n; i++) {
            int k = i;
            connectors.execute(() -> {
                try {
                    IMAPFolder f = s.open(session, k, host, port, user, pass, mailbox, listener);
                    s.folders[k] = f;
                    manager.watch(f);
                } catch (Exception e) {
                    s.fail(e);
                }
            });
        }
        connectors.shutdown(); // its threads end once every session is connected
        return s;
    }
}
