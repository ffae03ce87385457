package org.ixp.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A loopback server that plays a {@link Script} against every accepted connection, for tests that
 * need exact dialogues or misbehaviour (delays, partial lines, early close, silence, garbage,
 * TLS faults) and for the CLI demo.
 *
 * <p>Binds {@value #HOST} on an ephemeral port. Plain JDK blocking sockets: one daemon accept
 * thread plus one daemon thread per connection, which ends when its connection ends. All threads
 * are named {@link #threadNamePrefix()} (which starts with {@value #THREAD_PREFIX}) so tests can
 * check for leaks. {@link #close()} stops accepting, closes every socket and joins all threads
 * (bounded by {@link #CLOSE_TIMEOUT}).
 *
 * <p>After a script returns, the server shuts down its output (FIN, or close_notify on TLS), reads
 * until the client closes or one second passes, then closes. TLS (implicit or STARTTLS) uses TLS
 * 1.2 and 1.3 with the {@link TestCertificate} given at start ({@link TestCertificate#localhost()}
 * by default).
 */
public final class ScriptedServer implements AutoCloseable {
    /** Every thread of every server has a name starting with this. */
    public static final String THREAD_PREFIX = "ixp-testkit-";
    /** The address servers bind. */
    public static final String HOST = "127.0.0.1";
    /** How long a script's read waits for client data before failing with an AssertionError. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** Upper bound of {@link #close()}'s wait for its threads. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket serverSocket;
    private final Mode mode;
    private final SSLContext tls;
    private final Script script;
    private final String threadPrefix;
    private final Journal journal = new Journal();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Map<SocketConversation, Thread> live = new HashMap<>(); // guarded by itself
    private final List<Thread> ending = new ArrayList<>(); // done with their connection; guarded by live
    private final Thread acceptThread;
    private volatile boolean closing;

    private ScriptedServer(ServerSocket serverSocket, Mode mode, TestCertificate cert, Script script) {
        this.serverSocket = serverSocket;
        this.mode = mode;
        this.tls = cert.serverContext();
        this.script = script;
        this.threadPrefix = THREAD_PREFIX + serverSocket.getLocalPort() + "-";
        this.acceptThread = new Thread(this::acceptLoop, threadPrefix + "accept");
        acceptThread.setDaemon(true);
    }

    /**
     * Starts a server whose TLS (implicit or STARTTLS) presents {@link TestCertificate#localhost()}.
     *
     * @param mode   plain or implicit TLS
     * @param script what to do on each connection
     * @return the running server
     */
    public static ScriptedServer start(Mode mode, Script script) {
        return start(mode, TestCertificate.localhost(), script);
    }

    /**
     * Starts a server.
     *
     * @param mode   plain or implicit TLS
     * @param cert   the certificate TLS presents
     * @param script what to do on each connection
     * @return the running server
     */
    public static ScriptedServer start(Mode mode, TestCertificate cert, Script script) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(script, "script");
        ServerSocket socket;
        try {
            socket = new ServerSocket(0, 200, InetAddress.getByName(HOST));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + HOST, e);
        }
        ScriptedServer server = new ScriptedServer(socket, mode, cert, script);
        server.acceptThread.start();
        return server;
    }

    /** @return the bound port */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** @return {@value #HOST} */
    public String host() {
        return HOST;
    }

    /** @return the mode the server was started with */
    public Mode mode() {
        return mode;
    }

    /** @return the prefix of this server's thread names: {@value #THREAD_PREFIX} + port + "-" */
    public String threadNamePrefix() {
        return threadPrefix;
    }

    /** @return how many connections were accepted so far */
    public int connectionCount() {
        return accepted.get();
    }

    /** @return every line received from clients so far, all connections, in arrival order (a copy) */
    public List<String> received() {
        return journal.received();
    }

    /**
     * Waits until some received line satisfies {@code test}.
     *
     * @param test    the condition
     * @param timeout the longest wait
     * @return true if such a line arrived in time
     */
    public boolean awaitReceived(Predicate<String> test, Duration timeout) {
        try {
            return journal.awaitLine(test, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until at least {@code n} connections have been accepted.
     *
     * @param n       how many
     * @param timeout the longest wait
     * @return true if that many were accepted in time
     */
    public boolean awaitConnectionCount(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (live) {
            while (accepted.get() < n) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                try {
                    live.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Waits until the threads of all connections accepted so far have terminated (a connection the
     * accept thread has not taken yet does not count: see {@link #awaitConnectionCount}).
     *
     * @param timeout the longest wait
     * @return true if none is left
     */
    public boolean awaitConnectionsClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> finishing;
        synchronized (live) {
            while (!live.isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                try {
                    live.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            finishing = new ArrayList<>(ending);
        }
        for (Thread t : finishing) {
            join(t, deadline);
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return what scripts threw (assertion errors, exceptions), plus unexpected accept errors;
     *         excludes TLS handshake failures, clients vanishing under a write, and anything
     *         happening during {@link #close()}
     */
    public List<Throwable> scriptFailures() {
        return journal.scriptFailures();
    }

    /** @return failed server-side TLS handshakes (implicit TLS or {@link Conversation#startTls()}) */
    public List<Throwable> handshakeFailures() {
        return journal.handshakeFailures();
    }

    /** @return write errors that ended a script because the client had gone away */
    public List<Throwable> ioErrors() {
        return journal.ioErrors();
    }

    /** Stops accepting, closes every connection and waits (bounded) for all threads to end. */
    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        join(acceptThread, deadline);
        List<Map.Entry<SocketConversation, Thread>> connections;
        List<Thread> threads;
        synchronized (live) {
            connections = new ArrayList<>(live.entrySet());
            threads = new ArrayList<>(ending);
        }
        for (Map.Entry<SocketConversation, Thread> c : connections) {
            c.getKey().abort();
            c.getValue().interrupt();
            threads.add(c.getValue());
        }
        for (Thread t : threads) {
            join(t, deadline);
        }
    }

    boolean closing() {
        return closing;
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closing) {
                    journal.scriptFailure(e);
                }
                return;
            }
            int index = accepted.getAndIncrement();
            try {
                launch(new SocketConversation(this, journal, index, socket, tls));
            } catch (IOException | RuntimeException e) {
                journal.scriptFailure(e);
                closeQuietly(socket);
            }
            synchronized (live) {
                live.notifyAll();
            }
        }
    }

    private void launch(SocketConversation conv) {
        Thread thread = new Thread(() -> runConnection(conv), threadPrefix + "conn-" + conv.index());
        thread.setDaemon(true);
        synchronized (live) {
            if (closing) {
                conv.abort();
                return;
            }
            ending.removeIf(t -> !t.isAlive());
            live.put(conv, thread);
            thread.start();
        }
    }

    private void runConnection(SocketConversation conv) {
        try {
            conv.run(mode, script);
        } finally {
            synchronized (live) {
                live.remove(conv);
                ending.add(Thread.currentThread());
                live.notifyAll();
            }
        }
    }

    private static void join(Thread thread, long deadline) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        try {
            thread.join(Math.max(1, left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
