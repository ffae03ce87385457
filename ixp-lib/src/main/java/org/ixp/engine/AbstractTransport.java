package org.ixp.engine;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpStatus;
import org.ixp.LogonDecision;
import org.ixp.PromptAnswer;
import org.ixp.PromptType;
import org.ixp.Security;
import org.ixp.ServerFlag;
import org.ixp.TimeoutDecision;
import org.ixp.TransportCallback;

/**
 * The contract's base behaviour, shared by every protocol: initNew, connect, disconnect, dropConnection, status,
 * callbacks, the protocol log. A protocol supplies its decoder, its session-opening flow, its goodbye and its
 * commands (as {@link Exchange}s); see {@code docs/ARCHITECTURE.md}.
 *
 * @param <E> the protocol's event type
 * @param <C> the protocol's callback type
 */
public abstract class AbstractTransport<E, C extends TransportCallback> implements InternetTransport<C> {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Object lock = new Object();
    private final String name;
    private volatile boolean initialized;
    private volatile CallbackDispatcher<C> dispatcher;
    private volatile ProtocolLog log = new ProtocolLog(null);
    private volatile IxpStatus status = IxpStatus.DISCONNECTED;
    private volatile InetServer serverInfo;
    private volatile Session<E> session;
    private volatile String greeting;
    private volatile List<String> capabilities = List.of();

    protected AbstractTransport() {
        this.name = getIXPType().name().toLowerCase() + "#" + IDS.incrementAndGet();
    }

    // ================================================================== protocol SPI

    /** The port for a security mode when the server settings name none. */
    protected abstract int defaultPort(Security security);

    /** A fresh decoder for a new connection. */
    protected abstract ProtocolDecoder<E> newDecoder(InetServer server);

    /**
     * Greeting, capabilities, STARTTLS and (when {@link SessionContext#authenticate()}) authentication. Completes
     * when the protocol's terminal connect state is reached. Called on the I/O thread.
     */
    protected abstract CompletableFuture<Void> openSession(SessionContext<E> ctx);

    /** The goodbye (QUIT, LOGOUT): its result says how the server took it. */
    protected abstract Exchange<E, DisconnectResult> goodbye();

    /** The protocol log form of an event (empty for events not logged, e.g. body chunks). */
    protected abstract List<String> logLines(E event);

    /** Whether an event is an error reply (for {@code onCommand}'s result). */
    protected abstract boolean isFailure(E event);

    /** Whether a goodbye may be sent now (false in the middle of SMTP DATA). */
    protected boolean canSayGoodbye() {
        return true;
    }

    /** An event for the session rather than the oldest exchange (e.g. IMAP untagged data). */
    protected boolean intercept(E event, SessionContext<E> ctx) {
        return false;
    }

    /** An event with no exchange waiting (e.g. SMTP 421 before closing). Default: a protocol error. */
    protected void onUnsolicited(E event, SessionContext<E> ctx) {
        ctx.fail(new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_PROTOCOL_ERROR,
                String.join(" | ", logLines(event)), 0, "the server sent a response nobody asked for")));
    }

    /** A new connection begins: reset per-session protocol state. */
    protected void sessionStarting(InetServer server) {
    }

    // ================================================================== the contract

    @Override
    public void initNew(Path logFile, C callback, Executor callbackExecutor) {
        if (callback == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "callback is required");
        }
        if (logFile != null) {
            try {
                ProtocolLog.checkWritable(logFile);
            } catch (IOException e) {
                throw new IxpException(IxpCode.E_INVALIDARG, "log file not writable: " + e.getMessage());
            }
        }
        synchronized (lock) {
            Session<E> s = session;
            if (s != null && !s.finished) {
                throw new IxpException(IxpCode.IXP_E_ALREADY_CONNECTED, "initNew while connected");
            }
            CallbackDispatcher<C> old = dispatcher;
            if (old != null) {
                old.handsOff();
            }
            dispatcher = new CallbackDispatcher<>(callback,
                    callbackExecutor != null ? callbackExecutor : EngineResources.get().workers());
            log = new ProtocolLog(logFile);
            initialized = true;
        }
    }

    @Override
    public CompletableFuture<Void> connect(InetServer server, boolean authenticate, boolean commandLogging) {
        requireInit();
        if (server == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "server is required");
        }
        if (server.tls().caFile() != null && !server.tls().insecure()) {
            TrustManagers.forCaFile(server.tls().caFile()); // an unreadable CA file fails here, at once
        }
        Session<E> s;
        synchronized (lock) {
            Session<E> current = session;
            if (current != null && !current.finished) {
                throw new IxpException(IxpCode.IXP_E_ALREADY_CONNECTED, "already connected to "
                        + (serverInfo == null ? "?" : serverInfo.serverName()));
            }
            serverInfo = server;
            greeting = null;
            capabilities = List.of();
            sessionStarting(server);
            s = new Session<>(this, server, authenticate, commandLogging, name);
            session = s;
        }
        s.start();
        return Futures.handOff(s.connected);
    }

    @Override
    public CompletableFuture<DisconnectResult> disconnect() {
        requireInit();
        Session<E> s = session;
        if (s == null || s.finished) {
            throw new IxpException(IxpCode.IXP_E_NOT_CONNECTED, "not connected");
        }
        return Futures.handOff(s.disconnect());
    }

    @Override
    public CompletableFuture<Void> dropConnection() {
        requireInit();
        Session<E> s = session;
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        return Futures.handOff(s.drop());
    }

    @Override
    public IxpStatus getStatus() {
        requireInit();
        return status;
    }

    @Override
    public boolean isState(IsState state) {
        requireInit();
        Session<E> s = session;
        boolean live = s != null && !s.finished;
        switch (state) {
            case CONNECTED:
                return live && status != IxpStatus.FINDINGHOST && status != IxpStatus.CONNECTING
                        && status != IxpStatus.DISCONNECTED;
            case BUSY:
                return live && (s.busy > 0 || s.userCommands.get() > 0);
            case READY:
                return live && s.ready && s.busy == 0 && s.userCommands.get() == 0;
            case AUTHENTICATED:
                return live && s.isAuthenticated;
            default:
                return false;
        }
    }

    @Override
    public InetServer getServerInfo() {
        requireInit();
        return serverInfo;
    }

    @Override
    public InetServer inetServerFromAccount(String accountName) {
        requireInit();
        return InternetTransport.super.inetServerFromAccount(accountName);
    }

    @Override
    public String getGreeting() {
        requireInit();
        return greeting;
    }

    @Override
    public List<String> getCapabilities() {
        requireInit();
        return capabilities;
    }

    /** Records the greeting of this connection (for {@link #getGreeting()}). */
    protected final void greeting(String text) {
        this.greeting = text;
    }

    /** Records the announced capabilities (for {@link #getCapabilities()}). */
    protected final void capabilities(List<String> lines) {
        this.capabilities = CanonicalLists.of(lines);
    }

    @Override
    public boolean handsOffCallback() {
        requireInit();
        CallbackDispatcher<C> d = dispatcher;
        return d != null && d.handsOff();
    }

    @Override
    public void close() {
        Session<E> s = session;
        if (!initialized || s == null || s.finished) {
            return;
        }
        try {
            disconnect().get(s.server().timeouts().goodbye().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropConnection();
        } catch (Exception e) {
            dropConnection();
        }
    }

    @Override
    public String toString() {
        InetServer srv = serverInfo;
        return getClass().getSimpleName() + "{" + name + ", status=" + status
                + (srv == null ? "" : ", server=" + srv.serverName()) + "}";
    }

    // ================================================================== for protocol transports

    /** Throws IXP_E_NOT_INIT before initNew. */
    protected final void requireInit() {
        if (!initialized) {
            throw new IxpException(IxpCode.IXP_E_NOT_INIT, "initNew has not been called");
        }
    }

    /**
     * Runs a user command: IXP_E_NOT_INIT / IXP_E_NOT_CONNECTED / IXP_E_BUSY are thrown at once; the outcome
     * arrives through the returned future (on a worker thread).
     *
     * @param exclusive refuse with IXP_E_BUSY while another command is in flight (SMTP, POP3, NNTP)
     */
    protected final <R> CompletableFuture<R> command(Exchange<E, R> exchange, boolean exclusive) {
        Session<E> s = claim(exclusive);
        // The count is released before the caller's future completes, so a caller that waits for one command can
        // issue the next at once. (Two dependents on exchange.future() would run in LIFO order: the hand-off first.)
        CompletableFuture<R> released = new CompletableFuture<>();
        exchange.future().whenComplete((r, e) -> {
            s.userCommands.decrementAndGet();
            if (e != null) {
                released.completeExceptionally(e);
            } else {
                released.complete(r);
            }
        });
        s.send(exchange);
        return Futures.handOff(released);
    }

    /**
     * Runs a user operation made of several exchanges (e.g. MAIL, RCPT…, DATA, body): the same precondition checks
     * as {@link #command}, IXP_E_BUSY held for the whole flow, the flow started on the connection's I/O thread.
     */
    protected final <R> CompletableFuture<R> operation(Function<SessionContext<E>, CompletableFuture<R>> flow,
                                                       boolean exclusive) {
        Session<E> s = claim(exclusive);
        CompletableFuture<R> result = new CompletableFuture<>();
        s.execute(() -> {
            CompletableFuture<R> f;
            try {
                f = flow.apply(s);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((v, e) -> {
                s.userCommands.decrementAndGet();
                if (e != null) {
                    result.completeExceptionally(IxpException.unwrap(e));
                } else {
                    result.complete(v);
                }
            });
        });
        return Futures.handOff(result);
    }

    private Session<E> claim(boolean exclusive) {
        Session<E> s = readySession();
        if (exclusive) {
            if (!s.userCommands.compareAndSet(0, 1)) {
                throw new IxpException(IxpCode.IXP_E_BUSY, "a command is still in progress");
            }
        } else {
            s.userCommands.incrementAndGet();
        }
        return s;
    }

    /** The session if it is ready for commands; IXP_E_NOT_INIT / IXP_E_NOT_CONNECTED otherwise. */
    protected final Session<E> readySession() {
        requireInit();
        Session<E> s = session;
        if (s == null || s.finished) {
            throw new IxpException(IxpCode.IXP_E_NOT_CONNECTED, "not connected");
        }
        if (!s.ready) {
            throw new IxpException(IxpCode.IXP_E_NOT_CONNECTED, "the connection is not ready (status " + status + ")");
        }
        return s;
    }

    /**
     * Notes a logon the caller made with explicit commands (after {@code connect(..., authenticate = false, ...)}),
     * so that {@code isState(AUTHENTICATED)} tells the truth.
     */
    protected final void markAuthenticated() {
        Session<E> s = session;
        if (s != null && !s.finished) {
            s.authenticated();
        }
    }

    private static final ClassValue<java.util.concurrent.ConcurrentHashMap<String, Boolean>> OVERRIDES =
            new ClassValue<>() {
                @Override
                protected java.util.concurrent.ConcurrentHashMap<String, Boolean> computeValue(Class<?> type) {
                    return new java.util.concurrent.ConcurrentHashMap<>();
                }
            };

    /**
     * Whether the registered callback implements {@code method} itself (rather than inheriting the interface's empty
     * default). Protocols skip building and posting events nobody receives: on a hot path (a message per
     * millisecond) each post is a thread hop. Cached per callback class and method name (the callback interfaces
     * do not overload the methods asked about), so a call on the hot path is one map lookup, nothing built.
     * SMTP, POP3 and NNTP ask for {@code onResponse}; IMAP can ask for its own events the same way.
     */
    protected final boolean callbackWants(String method, Class<?>... parameterTypes) {
        CallbackDispatcher<C> d = dispatcher;
        C cb = d == null ? null : d.callback();
        if (cb == null) {
            return false;
        }
        java.util.concurrent.ConcurrentHashMap<String, Boolean> known = OVERRIDES.get(cb.getClass());
        Boolean wants = known.get(method);
        if (wants == null) {
            wants = known.computeIfAbsent(method, k -> {
                try {
                    return !cb.getClass().getMethod(method, parameterTypes).getDeclaringClass().isInterface();
                } catch (NoSuchMethodException e) {
                    return true; // cannot tell: deliver
                }
            });
        }
        return wants;
    }

    /** Whether the current connection is TLS-protected. */
    protected final boolean isEncrypted() {
        Session<E> s = session;
        return s != null && !s.finished && s.encrypted();
    }

    /** Delivers a protocol event (e.g. onResponse) to the callback, in order with the status events. */
    protected final void dispatch(Consumer<C> event) {
        CallbackDispatcher<C> d = dispatcher;
        if (d != null) {
            d.post(event);
        }
    }

    /**
     * Delivers a data event (a body chunk of {@code bytes} bytes, or a parsed response weighed by what it holds)
     * to the callback with backpressure: while more than 2 MiB are queued and not yet consumed, the connection stops
     * reading, so a slow consumer keeps memory constant instead of letting events pile up. A consumer that takes
     * nothing for 2 s while reading is paused (a callback waiting for a later command of this transport) has reading
     * resumed until it takes an event again: the wait ends instead of deadlocking. Call on the I/O thread.
     */
    protected final void dispatchData(long bytes, Consumer<C> event) {
        Session<E> s = session;
        CallbackDispatcher<C> d = dispatcher;
        if (d == null) {
            return;
        }
        if (s == null) {
            d.post(event); // no connection to pause: delivered like any event
            return;
        }
        s.dataQueued(bytes);
        d.post(event, () -> s.dataDelivered(bytes));
    }

    // ================================================================== for the session

    ProtocolLog protocolLog() {
        return log;
    }

    void status(IxpStatus next) {
        if (status == next) {
            return;
        }
        status = next;
        dispatch(cb -> cb.onStatus(next, this));
    }

    void error(IxpResult result) {
        IxpStatus at = status;
        dispatch(cb -> cb.onError(at, result, this));
    }

    void serverChanged(InetServer server) {
        serverInfo = server;
    }

    void sessionEnded(Session<E> s) {
        log.sessionEnded();
    }

    CompletableFuture<TimeoutDecision> askTimeout(Duration current) {
        CallbackDispatcher<C> d = dispatcher;
        return d == null ? CompletableFuture.completedFuture(TimeoutDecision.giveUp())
                : d.ask(cb -> cb.onTimeout(current, this), TimeoutDecision.giveUp());
    }

    CompletableFuture<LogonDecision> askLogon(InetServer server) {
        CallbackDispatcher<C> d = dispatcher;
        return d == null ? CompletableFuture.completedFuture(LogonDecision.cancel())
                : d.ask(cb -> cb.onLogonPrompt(server, this), LogonDecision.cancel());
    }

    /** Asked by the TLS layer when a certificate fails its checks; only callbacks that answer prompts are asked. */
    boolean acceptCertificate(IxpCode reason, String text) {
        CallbackDispatcher<C> d = dispatcher;
        C cb = d == null ? null : d.callback();
        if (cb == null || !overridesOnPrompt(cb)) {
            return false;
        }
        InetServer srv = serverInfo;
        long waitMs = srv == null ? 30000 : srv.timeouts().tlsHandshake().toMillis();
        try {
            PromptAnswer a = d.ask(c -> c.onPrompt(reason, text, "Certificate problem", PromptType.YES_NO, this),
                    PromptAnswer.NO).get(waitMs, TimeUnit.MILLISECONDS);
            return a.accepts();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static boolean overridesOnPrompt(TransportCallback cb) {
        try {
            Method m = cb.getClass().getMethod("onPrompt", IxpCode.class, String.class, String.class,
                    PromptType.class, InternetTransport.class);
            return m.getDeclaringClass() != TransportCallback.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Whether the user asked to be prompted for the password every time. */
    protected static boolean alwaysPrompt(InetServer server) {
        return server.has(ServerFlag.ALWAYSPROMPTFORPASSWORD);
    }

    static void requireNonNull(Object o, String what) {
        Objects.requireNonNull(o, what);
    }
}
