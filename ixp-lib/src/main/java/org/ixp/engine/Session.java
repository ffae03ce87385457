package org.ixp.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.ixp.CmdType;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpStatus;
import org.ixp.TimeoutDecision;

/**
 * One connection attempt and the session on it, from FINDINGHOST to DISCONNECTED. Everything here runs on the
 * connection's event loop except {@link #disconnect()}, {@link #drop()} and the volatile reads the transport makes
 * for its precondition checks.
 *
 * <p>The in-flight FIFO holds the exchanges on the wire, oldest first; events go to the oldest. Exchanges sent while
 * a barrier is in flight (or TLS is being set up) wait in {@code pending}. A session ends exactly once, in
 * {@link #end}: every future still open is failed, the socket is closed, DISCONNECTED is reported.
 */
final class Session<E> implements SessionContext<E> {
    private enum Phase { OPENING, READY, CLOSING, FINISHED }

    private final AbstractTransport<E, ?> transport;
    private final EventLoop loop;
    private final boolean authenticate;
    private final boolean commandLogging;
    private final String id;
    private final Watchdog watchdog;
    private final ArrayDeque<Exchange<E, ?>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Exchange<E, ?>> pending = new ArrayDeque<>();
    private final AtomicReference<CompletableFuture<DisconnectResult>> disconnecting = new AtomicReference<>();
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private InetServer server;
    private int port;
    private volatile Channel channel;
    private ChannelFuture tcpConnect;
    private ProtocolDecoder<E> decoder;
    private Phase phase = Phase.OPENING;
    private volatile boolean encrypted;
    private boolean tlsUpgrading;
    private PromptingTrustManager trust;
    private boolean dirty;
    private boolean askingTimeout;
    private boolean goodbyeSent;
    private ScheduledFuture<?> goodbyeDeadline;
    private DisconnectResult.Ending ending;
    private String goodbyeReply;

    volatile boolean finished;
    volatile boolean ready;
    volatile boolean isAuthenticated;
    volatile int busy;
    /** User commands accepted and not yet complete (counted on the caller's thread, for IXP_E_BUSY). */
    final java.util.concurrent.atomic.AtomicInteger userCommands = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean dropRequested;

    Session(AbstractTransport<E, ?> transport, InetServer server, boolean authenticate, boolean commandLogging,
            String id) {
        this.transport = transport;
        this.server = server;
        this.authenticate = authenticate;
        this.commandLogging = commandLogging;
        this.id = id;
        this.loop = EngineResources.get().ioGroup().next();
        this.watchdog = new Watchdog(loop, this::waitExpired);
    }

    // ------------------------------------------------------------------ opening

    void start() {
        loop.execute(() -> {
            transport.status(IxpStatus.FINDINGHOST);
            watchdog.arm(Watchdog.Wait.CONNECT, server.timeouts().connect());
            String host = server.serverName();
            byte[] literal = io.netty.util.NetUtil.createByteArrayFromIpAddressString(host);
            if (literal != null) {
                // An address literal needs no lookup: no worker task (a burst of connects would start a thread each)
                try {
                    resolved(InetAddress.getByAddress(host, literal));
                } catch (UnknownHostException e) {
                    failOpening(new IxpException(IxpResult.ofSocket(IxpCode.IXP_E_CANT_FIND_HOST, e.toString(),
                            "cannot use address " + host)));
                }
                return;
            }
            EngineResources.get().workers().execute(() -> {
                try {
                    InetAddress address = Blocking.call(() -> InetAddress.getByName(host));
                    loop.execute(() -> resolved(address));
                } catch (java.io.IOException e) { // UnknownHostException, or interrupted
                    loop.execute(() -> failOpening(new IxpException(IxpResult.ofSocket(IxpCode.IXP_E_CANT_FIND_HOST,
                            e.toString(), "cannot resolve host " + host))));
                } catch (RuntimeException e) {
                    loop.execute(() -> failOpening(new IxpException(IxpResult.ofSocket(IxpCode.IXP_E_CANT_FIND_HOST,
                            e.toString(), "cannot resolve host " + host))));
                }
            });
        });
    }

    private void failOpening(IxpException e) {
        if (phase == Phase.OPENING) {
            fail(e);
        }
    }

    private void resolved(InetAddress address) {
        if (phase != Phase.OPENING) {
            return;
        }
        port = server.port() != 0 ? server.port() : transport.defaultPort(server.security());
        transport.status(IxpStatus.CONNECTING);
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, EngineResources.get().allocator())
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("chunked", new io.netty.handler.stream.ChunkedWriteHandler());
                        ch.pipeline().addLast("bridge", new InboundBridge<>(Session.this));
                    }
                });
        tcpConnect = b.connect(new InetSocketAddress(address, port));
        tcpConnect.addListener((ChannelFuture f) -> tcpDone(f));
    }

    private void tcpDone(ChannelFuture f) {
        if (phase != Phase.OPENING) {
            f.channel().close();
            if (phase == Phase.CLOSING) {
                end(cancelled());
            }
            return;
        }
        if (!f.isSuccess()) {
            if (f.isCancelled()) {
                return;
            }
            Throwable c = f.cause();
            String host = server.serverName().contains(":") ? "[" + server.serverName() + "]" : server.serverName();
            fail(new IxpException(IxpResult.ofSocket(IxpCode.IXP_E_FAILED_TO_CONNECT,
                    c == null ? null : c.getMessage(), "cannot connect to " + host + ":" + port)));
            return;
        }
        channel = f.channel();
        if (dropRequested) {
            channel.close();
            return;
        }
        decoder = transport.newDecoder(server);
        if (server.ssl()) {
            installTls().addListener(h -> {
                if (h.isSuccess() && phase == Phase.OPENING) {
                    openSession();
                }
            });
        } else {
            transport.status(IxpStatus.CONNECTED);
            openSession();
        }
    }

    private void openSession() {
        watchdog.disarm();
        CompletableFuture<Void> flow;
        try {
            flow = transport.openSession(this);
        } catch (IxpException e) {
            flow = CompletableFuture.failedFuture(e);
        }
        flow.whenComplete((v, e) -> {
            if (!loop.inEventLoop()) {
                loop.execute(() -> opened(e));
            } else {
                opened(e);
            }
        });
    }

    private void opened(Throwable e) {
        if (phase != Phase.OPENING) {
            return;
        }
        if (e != null) {
            fail(IxpException.unwrap(e));
            return;
        }
        phase = Phase.READY;
        ready = true;
        connected.complete(null);
        updateWatch();
    }

    // ------------------------------------------------------------------ TLS

    private io.netty.util.concurrent.Future<Channel> installTls() {
        transport.status(IxpStatus.SECURING);
        watchdog.arm(Watchdog.Wait.TLS_HANDSHAKE, server.timeouts().tlsHandshake());
        TlsHandlers.Tls tls;
        try {
            tls = TlsHandlers.create(server, port, channel.alloc(), transport::acceptCertificate,
                    EngineResources.get().workers());
        } catch (IxpException e) {
            fail(e);
            return channel.eventLoop().newFailedFuture(e);
        }
        trust = tls.trust();
        channel.pipeline().addFirst("tls", tls.handler());
        io.netty.util.concurrent.Future<Channel> handshake = tls.handler().handshakeFuture();
        handshake.addListener(h -> {
            if (phase == Phase.FINISHED) {
                return;
            }
            if (h.isSuccess()) {
                encrypted = true;
                tlsUpgrading = false;
                watchdog.disarm();
                transport.status(IxpStatus.CONNECTED);
                updateWatch();
            } else {
                fail(tlsFailure(h.cause()));
            }
        });
        return handshake;
    }

    private IxpException tlsFailure(Throwable cause) {
        if (tlsUpgrading && cause instanceof io.netty.handler.ssl.NotSslRecordException) {
            return new IxpException(IxpResult.ofSocket(IxpCode.IXP_E_PROTOCOL_ERROR, String.valueOf(cause),
                    "the server sent plaintext after the STARTTLS go-ahead instead of a TLS handshake: refused"), cause);
        }
        if (trust != null && trust.failure() != null) {
            return new IxpException(IxpResult.ofSocket(trust.failure(), String.valueOf(cause), trust.failureText()),
                    cause);
        }
        return new IxpException(IxpResult.ofSocket(TlsErrors.classify(cause), String.valueOf(cause),
                "TLS negotiation with " + server.serverName() + " failed"), cause);
    }

    /** After a go-ahead that switches the stream (TLS, compression): bytes already read past it are injected. */
    boolean streamSwitchPending() {
        return (tlsUpgrading && !encrypted) || compressionSwitched;
    }

    /** The read that carried a compression go-ahead is over: later bytes come through the inflater. */
    void streamSwitchSettled() {
        compressionSwitched = false;
    }

    void bytesAfterGoAhead(int bytes) {
        String what = compressionSwitched ? "COMPRESS go-ahead" : "STARTTLS go-ahead and before the TLS handshake";
        fail(new IxpException(IxpCode.IXP_E_PROTOCOL_ERROR, "the server sent " + bytes
                + " bytes of plaintext after the " + what + ": refused"));
    }

    // ------------------------------------------------------------------ compression

    /** Largest inflated output of one received chunk: a decompression bomb fails instead of filling the heap. */
    private static final int MAX_INFLATED_CHUNK = 8 << 20;
    private boolean compressionSwitched;
    private volatile boolean compressed;

    /** Raw DEFLATE both ways (RFC 8054 / RFC 4978), after TLS if any; every write ends with a sync flush. */
    private void installCompression() {
        io.netty.channel.ChannelPipeline p = channel.pipeline();
        io.netty.handler.codec.compression.JdkZlibDecoder inflate = new io.netty.handler.codec.compression
                .JdkZlibDecoder(io.netty.handler.codec.compression.ZlibWrapper.NONE, MAX_INFLATED_CHUNK);
        io.netty.handler.codec.compression.JdkZlibEncoder deflate = new io.netty.handler.codec.compression
                .JdkZlibEncoder(io.netty.handler.codec.compression.ZlibWrapper.NONE);
        if (p.get("tls") != null) {
            p.addAfter("tls", "inflate", inflate);
            p.addAfter("inflate", "deflate", deflate);
        } else {
            p.addFirst("deflate", deflate);
            p.addFirst("inflate", inflate);
        }
        compressed = true;
        compressionSwitched = true;
    }

    boolean compressed() {
        return compressed;
    }

    // ------------------------------------------------------------------ sending

    @Override
    public <R> CompletableFuture<R> send(Exchange<E, R> exchange) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(exchange));
            return exchange.future();
        }
        if (phase == Phase.FINISHED) {
            exchange.abort(new IxpException(IxpCode.IXP_E_NOT_CONNECTED, "the connection has ended"));
        } else if (phase == Phase.CLOSING) {
            exchange.abort(cancelled());
        } else if (barrierInFlight() || tlsUpgrading) {
            pending.add(exchange);
        } else {
            write(exchange);
            flushUnlessDelivering();
        }
        return exchange.future();
    }

    @Override
    public void sendAll(List<? extends Exchange<E, ?>> exchanges) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> sendAll(exchanges));
            return;
        }
        for (Exchange<E, ?> ex : exchanges) {
            if (phase == Phase.READY || phase == Phase.OPENING) {
                if (barrierInFlight() || tlsUpgrading || !pending.isEmpty()) {
                    pending.add(ex);
                } else {
                    write(ex);
                }
            } else {
                ex.abort(phase == Phase.CLOSING ? cancelled()
                        : new IxpException(IxpCode.IXP_E_NOT_CONNECTED, "the connection has ended"));
            }
        }
        flushUnlessDelivering();
    }

    /**
     * Flushes now, unless the caller is a continuation of an exchange being delivered: then {@link #completed()}
     * flushes once after it, so that what a reply causes to be sent (SMTP's message data and the next message's
     * envelope, RFC 2920 §3.1) leaves in one flight, as one write.
     */
    private void flushUnlessDelivering() {
        if (delivering == 0) {
            flush();
        }
    }

    /** Exchange futures being completed on this loop now (their continuations may send). */
    private int delivering;

    private void deliver(Exchange<E, ?> exchange) {
        delivering++;
        try {
            exchange.deliver();
        } finally {
            delivering--;
        }
    }

    private void write(Exchange<E, ?> exchange) {
        inFlight.add(exchange);
        busy = inFlight.size();
        try {
            exchange.start(wire);
        } catch (IxpException e) {
            inFlight.remove(exchange);
            busy = inFlight.size();
            exchange.fail(e);
            exchange.deliver();
            return;
        }
        updateWatch();
    }

    private boolean barrierInFlight() {
        for (Exchange<E, ?> ex : inFlight) {
            if (ex.isBarrier()) {
                return true;
            }
        }
        return false;
    }

    void flush() {
        if (dirty && channel != null) {
            dirty = false;
            channel.flush();
        }
    }

    private final Wire wire = new Wire() {
        @Override
        public void line(String text, String logText) {
            // Straight into a pooled (direct) buffer: no String concatenation, no heap array for the socket to copy.
            Channel ch = channel;
            ByteBuf buf = ch != null ? ch.alloc().buffer(io.netty.buffer.ByteBufUtil.utf8MaxBytes(text) + 2)
                    : Unpooled.buffer(text.length() + 2);
            io.netty.buffer.ByteBufUtil.writeUtf8(buf, text);
            buf.writeShort(0x0d0a);
            raw(buf, logText);
        }

        @Override
        public void raw(ByteBuf bytes, String logText) {
            if (logText != null) {
                logLine(CmdType.SEND, logText, false);
            }
            Channel ch = channel;
            if (ch == null || phase == Phase.FINISHED) {
                bytes.release();
                return;
            }
            ch.write(bytes).addListener(w -> {
                if (!w.isSuccess() && phase != Phase.FINISHED) {
                    failed(w.cause());
                }
            });
            dirty = true;
            watchdog.touch();
            updateWatch(); // e.g. IMAP's DONE: an open-ended wait becomes a timed one
        }

        @Override
        public CompletableFuture<Void> stream(io.netty.handler.stream.ChunkedInput<ByteBuf> input, String logText) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            if (logText != null) {
                logLine(CmdType.SEND, logText, false);
            }
            Channel ch = channel;
            if (ch == null || phase == Phase.FINISHED) {
                closeQuietly(input);
                written.completeExceptionally(new IxpException(IxpCode.IXP_E_NOT_CONNECTED, "the connection has ended"));
                return written;
            }
            ch.write(new ActivityInput(input, watchdog::touch)).addListener(w -> {
                if (w.isSuccess()) {
                    written.complete(null);
                } else {
                    closeQuietly(input);
                    written.completeExceptionally(toIxp(w.cause()));
                    if (phase != Phase.FINISHED) {
                        failed(w.cause());
                    }
                }
            });
            dirty = true;
            watchdog.touch();
            return written;
        }

        @Override
        public void resumeStream() {
            Channel ch = channel;
            io.netty.handler.stream.ChunkedWriteHandler chunked = ch == null ? null
                    : ch.pipeline().get(io.netty.handler.stream.ChunkedWriteHandler.class);
            if (chunked != null) {
                chunked.resumeTransfer();
            }
        }

        @Override
        public boolean encrypted() {
            return encrypted;
        }

        @Override
        public InetServer server() {
            return server;
        }
    };

    private static void closeQuietly(io.netty.handler.stream.ChunkedInput<ByteBuf> input) {
        try {
            input.close();
        } catch (Exception ignored) {
            // the stream's own close failure changes nothing
        }
    }

    // ------------------------------------------------------------------ receiving

    ProtocolDecoder<E> decoder() {
        return decoder;
    }

    boolean accepting() {
        return phase != Phase.FINISHED;
    }

    void activity() {
        watchdog.touch();
    }

    void onEvent(E event) {
        if (commandLogging || transport.protocolLog().active()) { // the lines are built only for someone to read
            for (String line : transport.logLines(event)) {
                logLine(CmdType.RESP, line, transport.isFailure(event));
            }
        }
        if (transport.intercept(event, this)) {
            return;
        }
        Exchange<E, ?> head = inFlight.peekFirst();
        if (head == null) {
            transport.onUnsolicited(event, this);
            return;
        }
        boolean done;
        try {
            done = head.onEvent(event);
        } catch (IxpException e) {
            head.fail(e);
            done = true;
        }
        replyBegun = !done;
        if (!done) {
            return;
        }
        inFlight.pollFirst();
        busy = inFlight.size();
        if (head.startsCompression() && head.settledWithSuccess() && !compressed) {
            installCompression();
        }
        if (head.startsTls() && head.settledWithSuccess()) {
            tlsUpgrading = true;
            installTls().addListener(h -> {
                if (h.isSuccess()) {
                    deliver(head);
                    completed();
                } else {
                    head.abort(tlsFailure(h.cause()));
                }
            });
            return;
        }
        deliver(head);
        completed();
    }

    private void completed() {
        // Exchanges whose reply came before those ahead of them (IMAP tagged replies out of order) leave now.
        while (!inFlight.isEmpty() && inFlight.peekFirst().isCompleteEarly()) {
            deliver(inFlight.pollFirst());
            busy = inFlight.size();
        }
        while (!pending.isEmpty() && !barrierInFlight() && !tlsUpgrading
                && (phase == Phase.READY || phase == Phase.OPENING)) {
            write(pending.poll());
        }
        updateWatch();
        if (phase == Phase.CLOSING) {
            maybeSayGoodbye();
        }
        flush();
    }

    private void logLine(CmdType type, String text, boolean failed) {
        transport.protocolLog().line(type, text, id);
        if (commandLogging) {
            IxpCode code = ProtocolLog.lineCode(failed);
            transport.dispatch(cb -> cb.onCommand(type, text, code, transport));
        }
    }

    // ------------------------------------------------------------------ delayed ACKs

    private static final io.netty.channel.ChannelOption<Boolean> QUICKACK = quickAckOption();
    /** The oldest exchange has had part of its reply and waits for the rest. */
    private boolean replyBegun;
    private static volatile boolean quickAckWorks = QUICKACK != null;

    private static io.netty.channel.ChannelOption<Boolean> quickAckOption() {
        try {
            return io.netty.channel.socket.nio.NioChannelOption.of(jdk.net.ExtendedSocketOptions.TCP_QUICKACK);
        } catch (LinkageError | RuntimeException e) {
            return null; // no jdk.net module: delayed ACKs stay as the OS has them
        }
    }

    /**
     * A read ended with a reply still incomplete: acknowledge what came at once (Linux TCP_QUICKACK) instead of
     * letting the kernel delay the ACK for up to 40 ms. A server that writes a response in pieces with Nagle's
     * algorithm on (INN's nnrpd: the status line, then the rest) holds the rest until that ACK arrives, so every
     * short multi-line response (CAPABILITIES, LIST OVERVIEW.FMT) would stall ~40 ms. At most one setsockopt per
     * read, and only when part of a reply has come (a partial line, or a reply begun and not complete).
     */
    void readBatchEnded(boolean partialLine) {
        Channel ch = channel;
        if (!quickAckWorks || inFlight.isEmpty() || ch == null || !(partialLine || replyBegun)) {
            return; // nothing of a reply is waiting for its rest (e.g. pipelined commands not answered yet)
        }
        try {
            if (!ch.config().setOption(QUICKACK, Boolean.TRUE)) {
                quickAckWorks = false; // not supported on this platform
            }
        } catch (RuntimeException e) {
            quickAckWorks = false;
        }
    }

    // ------------------------------------------------------------------ flow control

    private static final long PAUSE_ABOVE = 2L << 20;
    private static final long RESUME_BELOW = 512L << 10;
    /** A paused read whose consumer takes nothing for this long resumes (the callback may wait for this transport). */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private final java.util.concurrent.atomic.AtomicLong undelivered = new java.util.concurrent.atomic.AtomicLong();
    /** Events the consumer has taken, ever: the stall check compares it across {@link #STALL_NANOS}. */
    private final java.util.concurrent.atomic.AtomicLong deliveries = new java.util.concurrent.atomic.AtomicLong();
    /** Reading is paused for a slow consumer (set on the event loop, read by the consumer's thread). */
    private volatile boolean paused;
    /** The consumer stalled while reading was paused: no pause until it takes an event again. */
    private volatile boolean stalled;
    /** A stall check is scheduled (event loop only): one at a time, however often reading pauses. */
    private boolean stallWatched;

    /** Data handed to the callback executor: past 2 MiB not yet delivered, reading pauses (constant memory). */
    void dataQueued(long bytes) {
        long now = undelivered.addAndGet(bytes);
        Channel ch = channel;
        if (now > PAUSE_ABOVE && !stalled && ch != null && ch.config().isAutoRead()) {
            paused = true;
            ch.config().setAutoRead(false);
            if (undelivered.get() < RESUME_BELOW) {
                resumeReading(); // the consumer caught up before it could see the pause
            } else if (!stallWatched) {
                stallWatched = true;
                watchStall(deliveries.get());
            }
        }
    }

    /**
     * The callback has consumed data: below 512 KiB, reading resumes. Any thread. The event loop is woken only
     * to resume a paused read, not once per chunk delivered (a thread hand-off each).
     */
    void dataDelivered(long bytes) {
        long now = undelivered.addAndGet(-bytes);
        deliveries.incrementAndGet();
        stalled = false;
        watchdog.touch(); // a slow consumer is not a silent server
        if (paused && now < RESUME_BELOW) {
            loop.execute(this::resumeReading);
        }
    }

    /**
     * While reading is paused, a consumer that takes nothing for {@link #STALL_NANOS} is taken to wait for something
     * only this connection can bring (a callback joining a later command's future): reading resumes and does not
     * pause again until the consumer takes an event, so that wait ends instead of deadlocking. A consumer that is
     * merely slow keeps taking events and keeps its memory bound.
     */
    private void watchStall(long seen) {
        loop.schedule(() -> {
            if (!paused || phase == Phase.FINISHED) {
                stallWatched = false;
                return;
            }
            long now = deliveries.get();
            if (now != seen) {
                watchStall(now);
                return;
            }
            stalled = true;
            stallWatched = false;
            note("the callback took no event for " + TimeUnit.NANOSECONDS.toMillis(STALL_NANOS) + " ms with "
                    + undelivered.get() + " bytes queued for it; reading resumes without backpressure until it"
                    + " takes one (is it waiting for this transport?)");
            paused = false;
            Channel ch = channel;
            if (ch != null && !ch.config().isAutoRead()) {
                ch.config().setAutoRead(true);
                ch.read();
            }
        }, STALL_NANOS, TimeUnit.NANOSECONDS);
    }

    private void resumeReading() {
        Channel ch = channel;
        if (paused && undelivered.get() < RESUME_BELOW && ch != null && phase != Phase.FINISHED) {
            paused = false;
            if (!ch.config().isAutoRead()) {
                ch.config().setAutoRead(true);
                ch.read();
            }
        }
    }

    // ------------------------------------------------------------------ timeouts

    private void updateWatch() {
        if (phase == Phase.FINISHED || askingTimeout) {
            return;
        }
        Watchdog.Wait armed = watchdog.armed();
        if (armed == Watchdog.Wait.CONNECT || armed == Watchdog.Wait.TLS_HANDSHAKE) {
            return;
        }
        if (allOpenEnded()) {
            watchdog.disarm();
        } else if (armed == null) {
            watchdog.arm(Watchdog.Wait.RESPONSE, server.timeouts().response());
        }
    }

    /** Whether nothing in flight waits for a reply (empty, or only open-ended exchanges such as IDLE). */
    private boolean allOpenEnded() {
        for (Exchange<E, ?> ex : inFlight) {
            if (!ex.isOpenEnded()) {
                return false;
            }
        }
        return true;
    }

    private void waitExpired(Watchdog.Wait wait, Duration current) {
        if (phase == Phase.FINISHED || phase == Phase.CLOSING) {
            return;
        }
        Watchdog.Wait what = wait == Watchdog.Wait.RESPONSE && channel != null && !channel.isWritable()
                ? Watchdog.Wait.WRITE : wait;
        askingTimeout = true;
        transport.askTimeout(current).whenComplete((decision, e) -> loop.execute(() -> {
            askingTimeout = false;
            if (phase == Phase.FINISHED) {
                return;
            }
            if (decision == null || decision.isGiveUp()) {
                fail(new IxpException(IxpCode.IXP_E_TIMEOUT, describe(what) + " timed out after "
                        + current.toMillis() + " ms"));
            } else {
                watchdog.arm(wait, decision.extension());
            }
        }));
    }

    private static String describe(Watchdog.Wait w) {
        switch (w) {
            case CONNECT: return "connecting";
            case TLS_HANDSHAKE: return "the TLS handshake";
            case WRITE: return "writing to the server";
            default: return "waiting for the server's response";
        }
    }

    // ------------------------------------------------------------------ ending

    CompletableFuture<DisconnectResult> disconnect() {
        CompletableFuture<DisconnectResult> f = new CompletableFuture<>();
        if (!disconnecting.compareAndSet(null, f)) {
            return disconnecting.get();
        }
        loop.execute(this::beginDisconnect);
        return f;
    }

    private void beginDisconnect() {
        if (phase == Phase.FINISHED) {
            completeDisconnect();
            return;
        }
        boolean wasReady = phase == Phase.READY;
        phase = Phase.CLOSING;
        ready = false;
        transport.status(IxpStatus.DISCONNECTING);
        IxpException cancel = cancelled();
        while (!pending.isEmpty()) {
            pending.poll().abort(cancel);
        }
        goodbyeDeadline = loop.schedule(this::goodbyeExpired, server.timeouts().goodbye().toNanos(),
                TimeUnit.NANOSECONDS);
        watchdog.disarm();
        if (!wasReady) {
            ending = DisconnectResult.Ending.ABANDONED;
            connected.completeExceptionally(cancel);
            closeChannel();
            return;
        }
        maybeSayGoodbye();
        flush();
    }

    private void maybeSayGoodbye() {
        if (phase != Phase.CLOSING || goodbyeSent || !inFlight.isEmpty() || tlsUpgrading) {
            return;
        }
        goodbyeSent = true;
        if (!transport.canSayGoodbye()) {
            ending = DisconnectResult.Ending.ABANDONED;
            closeChannel();
            return;
        }
        Exchange<E, DisconnectResult> goodbye = transport.goodbye();
        goodbye.future().whenComplete((r, e) -> {
            if (r != null) {
                ending = r.ending();
                goodbyeReply = r.response();
            } else if (ending == null) {
                ending = DisconnectResult.Ending.SERVER_CLOSED;
            }
            closeChannel();
        });
        write(goodbye);
        flush();
    }

    private void goodbyeExpired() {
        if (phase == Phase.FINISHED) {
            return;
        }
        if (ending == null) {
            ending = DisconnectResult.Ending.NO_REPLY;
        }
        end(new IxpException(IxpCode.IXP_E_TIMEOUT, "no reply within the goodbye timeout of "
                + server.timeouts().goodbye().toMillis() + " ms"));
    }

    /** Graceful close: TLS close_notify, then the socket; {@link #channelClosed} ends the session. */
    private void closeChannel() {
        Channel ch = channel;
        if (ch == null) {
            end(cancelled());
            return;
        }
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl != null && ch.isActive()) {
            ssl.closeOutbound().addListener(x -> ch.close());
        } else {
            ch.close();
        }
        ch.closeFuture().addListener(x -> end(new IxpException(IxpCode.IXP_E_CONNECTION_DROPPED,
                "the connection was closed")));
    }

    CompletableFuture<Void> drop() {
        dropRequested = true;
        ready = false;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        loop.execute(() -> {
            if (phase != Phase.FINISHED) {
                end(new IxpException(IxpCode.IXP_E_CONNECTION_DROPPED, "the connection was dropped"));
            }
        });
        return closed;
    }

    void channelClosed() {
        if (phase == Phase.FINISHED) {
            return;
        }
        if (phase == Phase.CLOSING || dropRequested) {
            if (ending == null) {
                ending = DisconnectResult.Ending.SERVER_CLOSED;
            }
            end(new IxpException(IxpCode.IXP_E_CONNECTION_DROPPED, "the connection was closed"));
            return;
        }
        fail(new IxpException(IxpCode.IXP_E_CONNECTION_DROPPED, "the server closed the connection"));
    }

    void failed(Throwable cause) {
        if (phase == Phase.FINISHED) {
            return;
        }
        if (phase == Phase.CLOSING || dropRequested) {
            end(new IxpException(IxpCode.IXP_E_CONNECTION_DROPPED, "the connection failed while closing"));
            return;
        }
        fail(toIxp(cause));
    }

    private IxpException toIxp(Throwable cause) {
        if (cause instanceof io.netty.handler.ssl.NotSslRecordException) {
            return tlsFailure(cause);
        }
        Throwable c = cause;
        while (c instanceof io.netty.handler.codec.DecoderException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof IxpException ie) {
            return ie;
        }
        if (c instanceof SSLException) {
            return tlsFailure(c);
        }
        if (c instanceof IOException) {
            return new IxpException(IxpResult.ofSocket(IxpCode.IXP_E_CONNECTION_DROPPED, c.toString(),
                    "the connection failed"), c);
        }
        return new IxpException(IxpResult.of(IxpCode.E_UNEXPECTED, String.valueOf(c)), c);
    }

    /** A fatal error: onError, then the end. */
    @Override
    public void fail(IxpException error) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> fail(error));
            return;
        }
        if (phase == Phase.FINISHED) {
            return;
        }
        if (phase == Phase.CLOSING || dropRequested) {
            end(error);
            return;
        }
        transport.error(error.result());
        end(error);
    }

    private void end(IxpException cause) {
        if (phase == Phase.FINISHED) {
            return;
        }
        phase = Phase.FINISHED;
        finished = true;
        ready = false;
        watchdog.stop();
        if (goodbyeDeadline != null) {
            goodbyeDeadline.cancel(false);
        }
        if (tcpConnect != null && !tcpConnect.isDone()) {
            tcpConnect.cancel(false);
        }
        IxpException forPending = dropRequested
                ? new IxpException(IxpCode.IXP_E_CONNECTION_DROPPED, "the connection was dropped") : cause;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        transport.status(IxpStatus.DISCONNECTED); // posted before any future completes
        while (!inFlight.isEmpty()) {
            inFlight.poll().abort(forPending);
        }
        while (!pending.isEmpty()) {
            pending.poll().abort(forPending);
        }
        busy = 0;
        connected.completeExceptionally(forPending);
        transport.sessionEnded(this);
        completeDisconnect();
        closed.complete(null);
    }

    private void completeDisconnect() {
        CompletableFuture<DisconnectResult> f = disconnecting.get();
        if (f == null || f.isDone()) {
            return;
        }
        if (dropRequested) {
            f.completeExceptionally(new IxpException(IxpCode.IXP_E_CONNECTION_DROPPED, "the connection was dropped"));
        } else {
            f.complete(new DisconnectResult(ending == null ? DisconnectResult.Ending.SERVER_CLOSED : ending,
                    goodbyeReply));
        }
    }

    private static IxpException cancelled() {
        return new IxpException(IxpCode.IXP_E_USER_CANCEL, "cancelled by disconnect");
    }

    // ------------------------------------------------------------------ SessionContext

    @Override
    public InetServer server() {
        return server;
    }

    @Override
    public boolean encrypted() {
        return encrypted;
    }

    @Override
    public boolean compressing() {
        return compressed;
    }

    @Override
    public boolean authenticate() {
        return authenticate;
    }

    @Override
    public void status(IxpStatus status) {
        transport.status(status);
    }

    @Override
    public CompletableFuture<InetServer> logonPrompt() {
        CompletableFuture<InetServer> result = new CompletableFuture<>();
        transport.askLogon(server).whenComplete((decision, e) -> loop.execute(() -> {
            if (decision == null || decision.isCancel()) {
                result.completeExceptionally(new IxpException(IxpCode.IXP_E_USER_CANCEL, "logon cancelled"));
            } else {
                server = server.withCredentials(decision.userName(), decision.password());
                transport.serverChanged(server);
                result.complete(server);
            }
        }));
        return result;
    }

    @Override
    public void authenticated() {
        isAuthenticated = true;
    }

    @Override
    public boolean closing() {
        return phase == Phase.CLOSING || phase == Phase.FINISHED;
    }

    @Override
    public String localAddress() {
        Channel ch = channel;
        if (ch != null && ch.localAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return "127.0.0.1";
    }

    @Override
    public CompletableFuture<Void> ended() {
        return closed;
    }

    @Override
    public void note(String text) {
        transport.protocolLog().note(text);
    }

    boolean inEventLoop() {
        return loop.inEventLoop();
    }

    void execute(Runnable r) {
        loop.execute(() -> {
            r.run();
            flush(); // what the task wrote directly (e.g. IMAP's DONE) leaves now
        });
    }

    String id() {
        return id;
    }

}
