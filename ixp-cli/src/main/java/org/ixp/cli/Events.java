package org.ixp.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ixp.CmdType;
import org.ixp.InternetTransport;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.nntp.NntpCallback;
import org.ixp.nntp.NntpResponse;
import org.ixp.nntp.NntpTransport;
import org.ixp.smtp.SmtpCallback;

/**
 * The CLI's callback for one session, and the single place its lines are printed from.
 *
 * <p>Callbacks run on one thread of this class's own (given to {@code initNew}). The command's own lines
 * ({@link #say}) are run on that same thread, after every callback the transport posted before: so a greeting
 * printed after {@code connect} completes comes after the protocol lines that led to it.
 *
 * <p>When {@link #showing} is on, each status change prints as {@code status: NAME} and each protocol line as
 * {@code > line} / {@code < line} (redacted by the library). Later protocols add their callback interface here.
 */
final class Events implements SmtpCallback, org.ixp.pop3.Pop3Callback, NntpCallback, org.ixp.imap.ImapCallback {
    /** How long the command waits for the callback thread (to print, or to see DISCONNECTED). */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private final Console console;
    private final String indent;
    private final ThreadPoolExecutor thread;
    private final CountDownLatch disconnected = new CountDownLatch(1);
    private volatile boolean started;
    private volatile boolean showing; // changed on the callback thread, in order with the events
    private volatile java.util.function.Consumer<org.ixp.smtp.SmtpResponse> smtpResponses = r -> { };
    private volatile java.util.function.Consumer<org.ixp.pop3.Pop3Response> pop3Responses = r -> { };
    private volatile java.util.function.Consumer<NntpResponse> nntpResponses = r -> { };
    private volatile java.util.function.Consumer<org.ixp.imap.ImapResponse> imapResponses = r -> { };
    private volatile java.util.function.Consumer<String> received = l -> { };
    private volatile Runnable onDisconnected = () -> { };
    private volatile org.ixp.IxpResult lastError;
    private volatile boolean statusOnErr;

    /**
     * @param indent  put before every printed line
     * @param showing whether status changes and protocol lines are printed from the start
     */
    Events(Console console, String indent, boolean showing) {
        this.console = console;
        this.indent = indent;
        this.showing = showing;
        // One thread, in order; it ends when idle, so nothing needs shutting down (and nothing is ever rejected).
        this.thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "ixp-cli-events");
            t.setDaemon(true);
            return t;
        });
        thread.allowCoreThreadTimeOut(true);
    }

    /** The executor to pass to {@code initNew}. */
    Executor executor() {
        return thread;
    }

    /** Prints a line after every callback posted so far. */
    void say(String line) {
        onThread(() -> status(indent + line));
    }

    /**
     * From now on, {@link #say} lines, status changes and protocol lines go to standard error, so that standard
     * output carries only what {@link #print} writes (a message piped with {@code --out -}).
     */
    void statusToStderr() {
        statusOnErr = true;
    }

    private void status(String line) {
        if (statusOnErr) {
            console.err(line);
        } else {
            console.out(line);
        }
    }

    /** Returns once every callback posted so far has run. */
    void settle() {
        onThread(() -> { });
    }

    /** Prints a line now: for consumers that already run on the callback thread (listings, articles). */
    void print(String line) {
        console.out(indent + line);
    }

    /** Starts or stops printing status changes and protocol lines, from this point of the event stream. */
    void showing(boolean on) {
        onThread(() -> showing = on);
    }

    /** Marks that a session was started, so {@link #awaitDisconnected()} has something to wait for. */
    void started() {
        started = true;
    }

    /**
     * Waits (at most {@link #SETTLE}) until the callback has seen DISCONNECTED, which it printed first when
     * showing; returns at once when no session was started.
     */
    void awaitDisconnected() {
        if (!started) {
            return;
        }
        try {
            disconnected.await(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onStatus(IxpStatus status, InternetTransport<?> transport) {
        if (showing) {
            status(indent + "status: " + status.name());
        }
        if (status == IxpStatus.DISCONNECTED) {
            disconnected.countDown();
            onDisconnected.run();
        }
    }

    /** Where SMTP responses go (progress bars, summaries); runs on the callback thread. */
    void onSmtpResponse(java.util.function.Consumer<org.ixp.smtp.SmtpResponse> listener) {
        smtpResponses = listener;
    }

    @Override
    public void onResponse(org.ixp.smtp.SmtpResponse response, org.ixp.smtp.SmtpTransport transport) {
        smtpResponses.accept(response);
    }

    /** Where POP3 responses go (files being fetched, progress bars); runs on the callback thread. */
    void onPop3Response(java.util.function.Consumer<org.ixp.pop3.Pop3Response> listener) {
        pop3Responses = listener;
    }

    @Override
    public void onResponse(org.ixp.pop3.Pop3Response response, org.ixp.pop3.Pop3Transport transport) {
        pop3Responses.accept(response);
    }

    /** Where NNTP responses go (progress bars); runs on the callback thread. */
    void onNntpResponse(java.util.function.Consumer<NntpResponse> listener) {
        nntpResponses = listener;
    }

    @Override
    public void onResponse(NntpResponse response, NntpTransport transport) {
        nntpResponses.accept(response);
    }

    /**
     * Where IMAP responses go that no command's own handler takes (unsolicited updates: EXISTS, EXPUNGE, FETCH
     * while idling); runs on the callback thread.
     */
    void onImapResponse(java.util.function.Consumer<org.ixp.imap.ImapResponse> listener) {
        imapResponses = listener;
    }

    @Override
    public void onResponse(org.ixp.imap.ImapResponse response, org.ixp.imap.ImapTransport transport) {
        imapResponses.accept(response);
    }

    /**
     * Where the protocol lines received go (only when the session was connected with command logging; redacted by
     * the library); runs on the callback thread.
     */
    void onReceivedLine(java.util.function.Consumer<String> listener) {
        received = listener;
    }

    /** Runs on the callback thread when the session reaches DISCONNECTED. */
    void onDisconnected(Runnable action) {
        onDisconnected = action;
    }

    @Override
    public void onError(IxpStatus status, org.ixp.IxpResult result, InternetTransport<?> transport) {
        lastError = result;
    }

    /** The last fatal error the transport reported (the connection broke, timed out…), or {@code null}. */
    org.ixp.IxpResult lastError() {
        return lastError;
    }

    @Override
    public void onCommand(CmdType type, String line, IxpCode response, InternetTransport<?> transport) {
        if (showing) {
            status(indent + (type == CmdType.SEND ? "> " : "< ") + line);
        }
        if (type != CmdType.SEND) {
            received.accept(line);
        }
    }

    private void onThread(Runnable task) {
        try {
            thread.submit(task).get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The callback thread is stuck or the task failed: do it here rather than lose the line.
            task.run();
        }
    }
}
