package org.ixp.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One client's run of an IMAP reading workload against the lab's Dovecot, plaintext, LOGIN/AUTHENTICATE PLAIN:
 *
 * <ul>
 *   <li>{@code bodies}: EXAMINE the mailbox, every message's full body ({@code BODY.PEEK[]}), bytes counted;</li>
 *   <li>{@code headers}: EXAMINE, then {@code UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE} of every message, parsed
 *       by the client and the fields read (subject, first From, To, Date, Message-ID, flags, size, UID, internal
 *       date), their lengths summed so no client can skip the work;</li>
 *   <li>{@code large}: EXAMINE, the one (large) message's full body, bytes counted — run with a capped heap.</li>
 * </ul>
 *
 * In-process warm-up first, not measured: {@code --warmup} passes (1) of the same fetch (or of the first
 * {@code --warmup-messages} messages), or of the first {@code --warmup-bytes} (16 MiB) of the message (large).
 * Then the measured run — connect, log in, EXAMINE, the transfer, LOGOUT — and one RESULT line: items, bytes, wall
 * and CPU of the measured run, and the heap occupied after the fullest garbage collection seen during it (from the
 * GC notifications: live data plus whatever floating garbage the collection left; 0 with {@code "gcs":0}).
 */
final class ImapWorkload {
    enum Mode { BODIES, HEADERS, LARGE }

    /**
     * What one run fetches.
     *
     * @param messages     the first n messages, or 0 for all ({@code 1:*})
     * @param partialBytes the first n octets of each body ({@code BODY.PEEK[]<0.n>}), or 0 for the whole body
     */
    record Spec(String mailbox, Mode mode, long messages, long partialBytes) {
        String range() {
            return messages > 0 ? "1:" + messages : "1:*";
        }

        /** The FETCH items every client asks for (Angus: the FetchProfile that sends these). */
        String items() {
            return switch (mode) {
                case HEADERS -> "(UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE)";
                default -> partialBytes > 0 ? "(BODY.PEEK[]<0." + partialBytes + ">)" : "(BODY.PEEK[])";
            };
        }
    }

    /** One complete run over a fresh connection: {items, bytes} (bytes: body octets, or the fields' lengths). */
    interface Driver {
        long[] run(Spec spec) throws Exception;
    }

    private ImapWorkload() {
    }

    static void main(Options o) throws Exception {
        try {
            measure(o);
        } catch (OutOfMemoryError e) {
            // a client that cannot hold what it fetches (Commons Net, the large message at -Xmx64m): a result of
            // its own, reported in one short last line of stderr (report_imap.py shows "fails: OutOfMemoryError")
            System.err.println("FAILED: java.lang.OutOfMemoryError: " + e.getMessage());
            System.err.flush();
            System.exit(3);
        }
    }

    private static void measure(Options o) throws Exception {
        String client = o.require("client");
        Mode mode = Mode.valueOf(o.get("mode", "bodies").toUpperCase(Locale.ROOT));
        String host = o.get("host", "127.0.0.1");
        int port = o.intValue("port", 10143);
        String user = o.get("user", "frank");
        String pass = o.get("password", "frank-pw");
        String mailbox = o.require("mailbox");
        Driver driver = switch (client) {
            case "ixp" -> s -> ImapDrivers.ixp(host, port, user, pass, s);
            case "raw" -> s -> ImapDrivers.raw(host, port, user, pass, s);
            case "commons-net" -> s -> CommonsNetImap.run(host, port, user, pass, s);
            case "angus", "angus-default", "angus-profile" -> {
                AngusImap a = new AngusImap(host, port, user, pass, client, o);
                yield a::run;
            }
            default -> throw new IllegalArgumentException("unknown IMAP client " + client);
        };
        Spec measured = new Spec(mailbox, mode, 0, 0);
        Spec warm = mode == Mode.LARGE ? new Spec(mailbox, mode, 0, o.longValue("warmup-bytes", 16L << 20))
                : new Spec(mailbox, mode, o.longValue("warmup-messages", 0), 0);
        int warmups = o.intValue("warmup", 1);
        // Created before the warm-up: its first use loads classes (JMX, management beans) that would otherwise
        // invalidate compiled code (CharacterData subclasses break Character.digit's inlining, and with it every
        // parser built on Integer.parseInt) at the start of the measured phase.
        HeapWatch heap = new HeapWatch();
        long warmItems = Warmup.run(o, warmups, () -> driver.run(warm)[0]);
        heap.start();
        Diagnostics diag = Boolean.parseBoolean(o.get("diag", "false")) ? new Diagnostics() : null;
        if (diag != null) {
            System.out.println("DIAG measuring"); // a marker in -XX:+PrintCompilation output
            diag.start();
        }
        long cpu0 = SmtpWorkload.processCpuNanos();
        long t0 = System.nanoTime();
        long[] r = driver.run(measured);
        long wall = System.nanoTime() - t0;
        long cpu = SmtpWorkload.processCpuNanos() - cpu0;
        heap.stop();
        if (diag != null) {
            diag.stop((int) r[0]);
        }
        if (r[0] <= 0) {
            throw new IllegalStateException(client + " received nothing");
        }
        System.out.println(String.format(Locale.ROOT,
                "RESULT {\"client\":\"%s\",\"mode\":\"%s\",\"connections\":1,\"messages\":%d,\"warmup\":%d,"
                        + "\"bytes\":%d,\"wall_ns\":%d,\"cpu_ns\":%d,\"hwm_kb\":%d,\"max_heap\":%d,"
                        + "\"heap_after_gc_kb\":%d,\"gcs\":%d}",
                client, mode.name().toLowerCase(Locale.ROOT), r[0], warmItems, r[1], wall, cpu,
                SmtpWorkload.peakRssKb(), Runtime.getRuntime().maxMemory(), heap.peakAfterGc() / 1024,
                heap.collections()));
        System.out.flush();
        System.exit(0);
    }

    /** The most heap occupied right after a collection, over the collections from {@link #start()} to {@link #stop()}. */
    static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong count = new AtomicLong();
        private final Set<String> heapPools = new HashSet<>();
        private volatile boolean on;

        HeapWatch() {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPools.add(p.getName());
                }
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                    if (!on || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            used += e.getValue().getUsed();
                        }
                    }
                    count.incrementAndGet();
                    peak.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }

        /** From now on, collections count (none before: the warm-up's are not the measured phase's). */
        void start() {
            count.set(0);
            peak.set(0);
            on = true;
        }

        void stop() {
            on = false;
        }

        long peakAfterGc() {
            return peak.get();
        }

        long collections() {
            return count.get();
        }
    }
}
