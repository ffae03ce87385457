package org.ixp.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.imap.ImapEvent;
import org.ixp.imap.ImapMailbox;
import org.ixp.imap.ImapResponse;
import org.ixp.imap.ImapTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp imap idle MAILBOX [--duration S] [--count N]}: EXAMINE, then IDLE (the library's idle mode: renewed
 * before 29 minutes), printing each update as it comes — {@code exists: N}, {@code recent: N},
 * {@code expunge: SEQ}, {@code fetch: SEQ [uid U] flags (…)}. Ends after {@code --duration} seconds, after
 * {@code --count} updates, or on Ctrl-C (a shutdown hook ends the session the same way: DONE, LOGOUT, BYE + OK),
 * always with Disconnect; a server that ends the session itself (BYE, a dropped connection) is an error. Without
 * IDLE on the server, polls with NOOP every {@code --poll} seconds.
 *
 * <p>The shared {@code --timeout} stays the response timeout (which does not run while idling); how long to idle
 * is {@code --duration}.
 */
@Command(name = "idle", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Watches a mailbox (IDLE) and prints new mail, expunges and flag changes as they happen, until"
                + " Ctrl-C, --duration or --count.")
final class ImapIdleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAILBOX", description = "The mailbox to watch, e.g. INBOX.")
    private String mailbox;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: never).")
    private Long durationSeconds;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N updates.")
    private Long count;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "30",
            description = "Without IDLE on the server: NOOP this often (default: 30).")
    private long pollSeconds;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        if (durationSeconds != null && durationSeconds <= 0 || count != null && count <= 0 || pollSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--duration, --count and --poll must be positive");
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(Events.SETTLE.toMillis() * 2, TimeUnit.MILLISECONDS); // let LOGOUT finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ixp-imap-idle-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return ImapSession.run(spec, connection, (imap, events) -> watch(imap, events, stop));
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook is running
            }
        }
    }

    private int watch(ImapTransport imap, Events events, CountDownLatch stop) {
        ImapMailbox mb = Await.result(imap.examine(mailbox));
        AtomicLong updates = new AtomicLong();
        boolean[] lost = {false};
        events.onDisconnected(() -> {
            lost[0] = true;
            stop.countDown();
        });
        events.onImapResponse(r -> {
            String line = r.unsolicited() ? describe(r) : null; // not EXAMINE's own data
            if (line != null && stop.getCount() > 0) { // none after --count was reached
                events.print(line);
                if (count != null && updates.incrementAndGet() >= count) {
                    stop.countDown();
                }
            }
        });
        boolean idle = imap.hasCapability("IDLE");
        events.say("watching " + mailbox + ": " + mb.exists() + " message(s)"
                + (mb.uidNext() == null ? "" : ", UIDNEXT " + mb.uidNext()) + "; "
                + (idle ? "IDLE" : "no IDLE on this server, NOOP every " + pollSeconds + " s") + " (Ctrl-C to stop)");
        if (idle) {
            imap.setIdleMode(true);
        }
        long deadline = durationSeconds == null ? Long.MAX_VALUE
                : System.nanoTime() + Duration.ofSeconds(durationSeconds).toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                long wait = idle ? left : Math.min(left, TimeUnit.SECONDS.toNanos(pollSeconds));
                if (left <= 0 || stop.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (!idle) {
                    Await.result(imap.noop());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.settle();
        if (lost[0]) {
            IxpResult why = events.lastError();
            throw why != null ? new IxpException(why)
                    : new IxpException(IxpCode.IXP_E_SOCKET_READ_ERROR, "the connection ended while idling");
        }
        events.onImapResponse(r -> { });
        events.onDisconnected(() -> { });
        events.say("stopped after " + updates.get() + " update(s)");
        return 0;
    }

    /** The line for an update, or {@code null} for responses that are not one. */
    static String describe(ImapResponse r) {
        switch (r.type()) {
            case MAILBOX_UPDATE: {
                ImapResponse.MboxMsgCount c = r.data(ImapResponse.MboxMsgCount.class);
                return c.exists() != null ? "exists: " + c.exists() : c.recent() != null ? "recent: " + c.recent()
                        : null;
            }
            case DELETED_MSG:
                return "expunge: " + r.data(Long.class);
            case UPDATE_MSG:
            case UPDATE_MSG_EX: {
                ImapEvent.Fetch f = r.data(ImapEvent.Fetch.class);
                return "fetch: " + f.seq() + (f.uid().isPresent() ? " uid " + f.uid().getAsLong() : "")
                        + f.flags().map(l -> " flags (" + String.join(" ", l) + ")").orElse("");
            }
            default:
                return null;
        }
    }
}
