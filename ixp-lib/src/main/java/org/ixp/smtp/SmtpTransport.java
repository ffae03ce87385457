package org.ixp.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpType;
import org.ixp.Security;
import org.ixp.ServerFlag;
import org.ixp.engine.AbstractTransport;
import org.ixp.engine.AuthLoop;
import org.ixp.engine.Exchange;
import org.ixp.engine.ProtocolDecoder;
import org.ixp.engine.SessionContext;
import org.ixp.engine.Wire;
import org.ixp.sasl.SaslCredentials;
import org.ixp.sasl.SaslMechanism;
import org.ixp.sasl.SaslMechanisms;

/**
 * ISMTPTransport: SMTP (RFC 5321) on the ixp engine. Connect reads the 220 greeting, says EHLO (HELO when EHLO is
 * refused), upgrades with STARTTLS (required by default), says EHLO again and, when asked, authenticates with the
 * strongest SASL mechanism both sides allow. Disconnect says QUIT and waits for 221.
 */
public class SmtpTransport extends AbstractTransport<SmtpReply, SmtpCallback> {
    private static final Set<IxpCode> REJECTED = Set.of(IxpCode.IXP_E_AUTH_FAILED);
    private volatile SmtpCapabilities capabilities = SmtpCapabilities.NONE;
    private volatile String helloDomain = "[127.0.0.1]";

    @Override
    public IxpType getIXPType() {
        return IxpType.SMTP;
    }

    /** The extensions of the current connection's last EHLO. */
    public SmtpCapabilities smtpCapabilities() {
        return capabilities;
    }

    @Override
    protected int defaultPort(Security security) {
        return security == Security.IMPLICIT_TLS ? 465 : 25;
    }

    @Override
    protected ProtocolDecoder<SmtpReply> newDecoder(InetServer server) {
        return new SmtpReplyDecoder(server.limits());
    }

    @Override
    protected void sessionStarting(InetServer server) {
        capabilities = SmtpCapabilities.NONE;
    }

    @Override
    protected List<String> logLines(SmtpReply reply) {
        return reply.rawLines();
    }

    @Override
    protected boolean isFailure(SmtpReply reply) {
        return reply.code() >= 400;
    }

    // ------------------------------------------------------------------ connect

    @Override
    protected CompletableFuture<Void> openSession(SessionContext<SmtpReply> ctx) {
        return ctx.send(SmtpReplyExchange.greeting())
                .thenCompose(g -> greeted(ctx, g))
                .thenCompose(caps -> secure(ctx, caps))
                .thenCompose(caps -> ctx.authenticate() ? authenticate(ctx, caps) : done())
                .thenRun(() -> respond(SmtpCommand.CONNECTED, true, IxpResult.ok(), null));
    }

    private CompletableFuture<SmtpCapabilities> greeted(SessionContext<SmtpReply> ctx, SmtpReply g) {
        greeting(g.oneLine());
        if (g.code() != 220) {
            IxpResult refused = SmtpReplyCodes.result(IxpCode.IXP_E_GREETING_REFUSED, g,
                    "the server refused the session");
            respond(SmtpCommand.BANNER, true, refused, g);
            // A polite QUIT (RFC 5321 §3.1), then the error; its outcome does not matter.
            return ctx.send(new SmtpReplyExchange(SmtpCommands.quit()))
                    .handle((r, e) -> CompletableFuture.<SmtpCapabilities>failedFuture(new IxpException(refused)))
                    .thenCompose(f -> f);
        }
        respond(SmtpCommand.BANNER, true, SmtpReplyCodes.result(g), g);
        return hello(ctx);
    }

    private CompletableFuture<SmtpCapabilities> hello(SessionContext<SmtpReply> ctx) {
        String domain = heloDomain(ctx);
        helloDomain = domain;
        return ctx.send(new SmtpReplyExchange(SmtpCommands.ehlo(domain))).thenCompose(r -> {
            if (r.code() == 250) {
                SmtpCapabilities caps = SmtpCapabilities.fromEhlo(r);
                capabilities = caps;
                capabilities(caps.lines());
                respond(SmtpCommand.EHLO, true, SmtpReplyCodes.result(r), r);
                return CompletableFuture.completedFuture(caps);
            }
            respond(SmtpCommand.EHLO, true, SmtpReplyCodes.result(r), r);
            if (r.code() < 500 || ctx.encrypted() || ctx.server().security() == Security.STARTTLS) {
                // EHLO refused temporarily, or refused where extensions are required (STARTTLS): no fallback.
                return failed(SmtpReplyCodes.result(r));
            }
            return ctx.send(new SmtpReplyExchange(SmtpCommands.helo(domain))).thenCompose(h -> {
                respond(SmtpCommand.HELO, true, SmtpReplyCodes.result(h), h);
                if (h.code() != 250) {
                    return failed(SmtpReplyCodes.result(h));
                }
                capabilities = SmtpCapabilities.NONE;
                capabilities(List.of());
                return CompletableFuture.completedFuture(SmtpCapabilities.NONE);
            });
        });
    }

    private String heloDomain(SessionContext<SmtpReply> ctx) {
        InetServer s = ctx.server();
        if (s.localHostName() != null && !s.has(ServerFlag.SMTP_USEIPFORHELO)) {
            return s.localHostName();
        }
        // The address literal needs no DNS and is always a valid EHLO argument (RFC 5321 §4.1.4).
        try {
            InetAddress local = InetAddress.getByName(ctx.localAddress());
            return local instanceof java.net.Inet6Address ? "[IPv6:" + local.getHostAddress() + "]"
                    : "[" + local.getHostAddress() + "]";
        } catch (UnknownHostException e) {
            return "[127.0.0.1]";
        }
    }

    private CompletableFuture<SmtpCapabilities> secure(SessionContext<SmtpReply> ctx, SmtpCapabilities caps) {
        InetServer s = ctx.server();
        boolean wanted = s.security() == Security.STARTTLS
                || (s.security() == Security.NONE && s.has(ServerFlag.SSLONSAMEPORT));
        if (!wanted || ctx.encrypted()) {
            return CompletableFuture.completedFuture(caps);
        }
        if (!caps.has("STARTTLS")) {
            return failed(IxpResult.of(IxpCode.IXP_E_SMTP_NO_STARTTLS_SUPPORT,
                    "TLS is required but the server does not offer STARTTLS (use --tls none to allow plaintext)"));
        }
        return ctx.send(SmtpReplyExchange.startTls()).thenCompose(r -> {
            if (r.code() != 220) {
                return failed(SmtpReplyCodes.result(IxpCode.IXP_E_SMTP_454_STARTTLS_FAILED, r,
                        "the server refused STARTTLS"));
            }
            return hello(ctx);
        });
    }

    private CompletableFuture<Void> authenticate(SessionContext<SmtpReply> ctx, SmtpCapabilities caps) {
        if (!caps.has("AUTH")) {
            ctx.note("the server offers no AUTH: continuing unauthenticated");
            return done();
        }
        return AuthLoop.run(ctx, server -> authOnce(ctx, server, caps), REJECTED);
    }

    private CompletableFuture<Void> authOnce(SessionContext<SmtpReply> ctx, InetServer s, SmtpCapabilities caps) {
        SaslCredentials creds = new SaslCredentials(s.userName(), s.password(), s.oauthToken(), null);
        SaslMechanism mech = SaslMechanisms.choose(caps.authMechanisms(), creds, s.saslMechanisms(),
                ctx.encrypted(), s.allowPlaintextAuth(), s.trySicily(), "smtp", s.serverName());
        return ctx.send(new SmtpAuthExchange(mech)).thenCompose(r -> {
            if (r.code() == 235) {
                respond(SmtpCommand.AUTH, true, SmtpReplyCodes.result(r), r);
                return done();
            }
            IxpCode code = r.code() == 535 || r.code() == 534 || r.code() == 454 ? IxpCode.IXP_E_AUTH_FAILED
                    : SmtpReplyCodes.toIxpCode(r.code());
            String why = mech.serverError() != null ? "authentication with " + mech.name() + " failed: "
                    + mech.serverError() : "authentication with " + mech.name() + " failed";
            IxpResult result = SmtpReplyCodes.result(code, r, why);
            respond(SmtpCommand.AUTH, true, result, r);
            return CompletableFuture.failedFuture(new IxpException(result));
        });
    }

    // ------------------------------------------------------------------ sending mail

    /**
     * SendMessage / SendMessage2: one mail transaction — MAIL, every RCPT, DATA (pipelined when offered), the
     * message streamed in constant memory, dot-stuffed (or BDAT chunks with CHUNKING). Completes only on the
     * server's final 2xx: then the server has the message for {@link SendResult#accepted()}; refused recipients
     * are listed in {@link SendResult#rejected()}. Fails with IXP_E_SMTP_REJECTED_SENDER,
     * IXP_E_SMTP_REJECTED_RECIPIENTS (every recipient refused: no body sent), the code of a refused DATA or body,
     * IXP_E_SMTP_552_STORAGE_OVERFLOW (larger than SIZE: nothing sent), IXP_E_INVALID_ADDRESS (non-ASCII address
     * without SMTPUTF8: nothing sent), or IXP_E_OUTCOME_UNKNOWN (the end of data went out and the connection ended
     * before the reply: the message may have been accepted; ixp never resends by itself).
     *
     * <p>The stream is read on the I/O thread: pass a file or an in-memory stream, not a slow network source.
     *
     * @throws IxpException IXP_E_NOT_CONNECTED, IXP_E_BUSY at once
     */
    public CompletableFuture<SendResult> sendMessage(SmtpMessage message) {
        java.util.Objects.requireNonNull(message, "message");
        return operation(ctx -> new SmtpTransaction(this, ctx, message, capabilities).run()
                .whenComplete(this::reportSent), true);
    }

    /**
     * SendMessage for several messages, one mail transaction each, over this connection as one operation. With
     * PIPELINING the transactions overlap (RFC 2920 §3.1): the end of one message's data and the next message's MAIL,
     * RCPT and DATA leave in one flight, so a message costs one round trip instead of two, and no thread hand-off
     * is needed between messages. Each message keeps its own outcome, exactly as {@link #sendMessage(SmtpMessage)}
     * would report it: its future completes (on a worker thread, like every ixp future) only on the server's final
     * reply to it — sent on a 2xx, failed otherwise — and onResponse reports it as sendMessage does. A refused
     * message does not stop the ones after it; a lost connection fails every message not yet answered
     * (IXP_E_OUTCOME_UNKNOWN for one whose end of data went out). IXP_E_BUSY holds until the last message's
     * outcome, and is released before that outcome's future completes. Without PIPELINING the messages go one
     * after the other (with CHUNKING, a message sent in BDAT chunks is not overlapped either).
     *
     * <p>The streams are read on the I/O thread, one message after the other, as for sendMessage.
     *
     * @return one future per message, in the order given
     * @throws IxpException IXP_E_NOT_CONNECTED, IXP_E_BUSY at once
     */
    public List<CompletableFuture<SendResult>> sendMessages(List<SmtpMessage> messages) {
        List<SmtpMessage> all = List.copyOf(messages); // null elements refused here
        if (all.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<SendResult>> results = new java.util.ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            results.add(new CompletableFuture<>());
        }
        SmtpBatch batch = new SmtpBatch(this, all, results);
        operation(ctx -> batch.run(ctx, capabilities), true).whenComplete((v, e) -> batch.failRest(e));
        return List.copyOf(results);
    }

    /** SEND_MESSAGE for one message's outcome, built only when the callback takes onResponse. */
    void reportSent(SendResult r, Throwable e) {
        if (!wantsResponses()) {
            return;
        }
        respond(SmtpCommand.SEND_MESSAGE, true, r != null
                ? IxpResult.ofResponse(r.code(), r.reply().oneLine(), r.reply().code(), null)
                : IxpException.unwrap(e).result(), r == null ? null : r.reply());
    }

    /** SendMessage with the contract's arguments: an address list with one ADDR_FROM, the stream and its size. */
    public CompletableFuture<SendResult> sendMessage(List<InetAddr> addresses, java.io.InputStream stream, long size) {
        return sendMessage(SmtpMessage.of(addresses, stream, size));
    }

    /** SendMessage2: as {@link #sendMessage(SmtpMessage)}; the DSN ENVID and RET travel in the message. */
    public CompletableFuture<SendResult> sendMessage2(SmtpMessage message) {
        return sendMessage(message);
    }

    /** CommandMAIL: {@code MAIL FROM:<from>}. */
    public CompletableFuture<SmtpReply> commandMAIL(String from) {
        return simple(SmtpCommand.MAIL, SmtpCommands.mail(InetAddr.from(from).email(), List.of()));
    }

    /** CommandRCPT: {@code RCPT TO:<to>}. */
    public CompletableFuture<SmtpReply> commandRCPT(String to) {
        return simple(SmtpCommand.RCPT, SmtpCommands.rcpt(InetAddr.to(to).email(), List.of()));
    }

    /**
     * CommandRCPT2: {@code RCPT TO:<to> NOTIFY=…}.
     *
     * @throws IxpException IXP_E_SMTP_NO_DSN_SUPPORT at once when the server does not offer DSN
     */
    public CompletableFuture<SmtpReply> commandRCPT2(String to, java.util.Set<Dsn> notify) {
        InetAddr a = new InetAddr(to, AddrType.TO, notify);
        if (!a.dsn().isEmpty() && !capabilities.has("DSN")) {
            throw new IxpException(IxpCode.IXP_E_SMTP_NO_DSN_SUPPORT, "the server does not offer DSN (RFC 3461)");
        }
        List<String> params = a.dsn().isEmpty() ? List.of() : List.of("NOTIFY=" + Dsn.notifyParameter(a.dsn()));
        return simple(SmtpCommand.RCPT, SmtpCommands.rcpt(a.email(), params));
    }

    /** CommandDATA: {@code DATA}; completes with the 354. */
    public CompletableFuture<SmtpReply> commandDATA() {
        return simple(SmtpCommand.DATA, SmtpCommands.data());
    }

    /** CommandDOT: ends the data with {@code .CRLF}; completes with the server's verdict (SMTP_DOT, then SEND_MESSAGE). */
    public CompletableFuture<SmtpReply> commandDOT() {
        SmtpBodyExchange dot = new SmtpBodyExchange(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {'.', '\r', '\n'}),
                null, ".", true);
        return finishData(command(dot, true));
    }

    /**
     * SendDataStream: after a 354, streams the message (line ends normalised, dot-stuffed, constant memory) and
     * ends it with {@code .CRLF} itself, with SEND_STREAM progress; completes with the server's verdict.
     */
    public CompletableFuture<SmtpReply> sendDataStream(java.io.InputStream stream, long size) {
        java.util.Objects.requireNonNull(stream, "stream");
        long[] reported = {0};
        DotStuffingInput input = new DotStuffingInput(stream, true, total -> {
            long inc = total - reported[0];
            reported[0] = total;
            respond(SmtpCommand.SEND_STREAM, false, IxpResult.ok(), null, new SmtpResponse.SmtpStream(inc, total, size));
        }, org.ixp.engine.EngineResources.get().workers());
        return finishData(command(new SmtpBodyExchange(input, null, "<message data>", true), true));
    }

    private CompletableFuture<SmtpReply> finishData(CompletableFuture<SmtpReply> sent) {
        return sent.whenComplete((r, e) -> {
            IxpResult result = r != null ? SmtpReplyCodes.result(r) : IxpException.unwrap(e).result();
            respond(SmtpCommand.DOT, true, result, r);
            respond(SmtpCommand.SEND_MESSAGE, true, result, r);
        }).thenApply(r -> {
            if (!r.isPositive()) {
                throw new java.util.concurrent.CompletionException(new IxpException(SmtpReplyCodes.result(r)));
            }
            return r;
        });
    }

    /**
     * CommandAUTH: authenticate with the named SASL mechanism on the current connection (after a connect with
     * {@code authenticate = false}). Passwords are refused on an unencrypted connection unless allowed.
     */
    public CompletableFuture<SmtpReply> commandAUTH(String mechanism) {
        InetServer s = getServerInfo();
        requireInit();
        SaslMechanism mech = SaslMechanisms.create(mechanism, new SaslCredentials(s == null ? null : s.userName(),
                s == null ? null : s.password(), s == null ? null : s.oauthToken(), null), isEncrypted(),
                s != null && s.allowPlaintextAuth(), "smtp", s == null ? "" : s.serverName());
        SmtpAuthExchange ex = new SmtpAuthExchange(mech);
        ex.future().whenComplete((r, e) -> respond(SmtpCommand.AUTH, true,
                r != null ? SmtpReplyCodes.result(r) : IxpException.unwrap(e).result(), r));
        return command(ex, true).thenApply(r -> {
            if (r.code() != 235) {
                throw new java.util.concurrent.CompletionException(new IxpException(SmtpReplyCodes.result(
                        r.code() == 535 ? IxpCode.IXP_E_AUTH_FAILED : SmtpReplyCodes.toIxpCode(r.code()), r,
                        "authentication with " + mech.name() + " failed")));
            }
            return r;
        });
    }

    /** CommandQUIT: the graceful end — the same as {@link #disconnect()}. */
    public CompletableFuture<DisconnectResult> commandQUIT() {
        return disconnect();
    }

    /**
     * SetWindow (ISMTPTransport2): in the original, the hidden window that receives Winsock events on the calling
     * thread. ixp has no windows: I/O runs on its event loops and callbacks on the executor given to
     * {@code initNew}. Kept for fidelity; does nothing.
     */
    public void setWindow() {
        requireInit();
    }

    /** ResetWindow (ISMTPTransport2): see {@link #setWindow()}; does nothing. */
    public void resetWindow() {
        requireInit();
    }

    // ------------------------------------------------------------------ commands

    /** CommandRSET: abort the current mail transaction. */
    public CompletableFuture<SmtpReply> commandRSET() {
        return simple(SmtpCommand.RSET, SmtpCommands.rset());
    }

    /** NOOP (ixp extension): a round trip that changes nothing; completes with the server's 250. */
    public CompletableFuture<SmtpReply> commandNOOP() {
        return simple(SmtpCommand.CUSTOM, SmtpCommands.noop());
    }

    /** CommandEHLO: say EHLO again; the capabilities are replaced by the reply's. */
    public CompletableFuture<SmtpReply> commandEHLO() {
        return simple(SmtpCommand.EHLO, SmtpCommands.ehlo(currentDomain())).thenApply(r -> {
            capabilities = SmtpCapabilities.fromEhlo(r);
            capabilities(capabilities.lines());
            return r;
        });
    }

    /** CommandHELO: say HELO (no extensions afterwards). */
    public CompletableFuture<SmtpReply> commandHELO() {
        return simple(SmtpCommand.HELO, SmtpCommands.helo(currentDomain())).thenApply(r -> {
            capabilities = SmtpCapabilities.NONE;
            capabilities(java.util.List.of());
            return r;
        });
    }

    /**
     * Runs one command with one reply: IXP_E_BUSY while another is in progress; onResponse gets the reply; the
     * future fails with an IxpException carrying the server's words on a 4xx/5xx reply.
     */
    protected final CompletableFuture<SmtpReply> simple(SmtpCommand command, String line) {
        SmtpReplyExchange ex = new SmtpReplyExchange(line);
        ex.future().whenComplete((r, e) -> respond(command, true,
                r != null ? SmtpReplyCodes.result(r) : IxpException.unwrap(e).result(), r));
        return command(ex, true).thenApply(r -> {
            if (r.code() >= 400) {
                throw new java.util.concurrent.CompletionException(new IxpException(SmtpReplyCodes.result(r)));
            }
            return r;
        });
    }

    private String currentDomain() {
        return helloDomain;
    }

    // ------------------------------------------------------------------ disconnect

    @Override
    protected Exchange<SmtpReply, DisconnectResult> goodbye() {
        return new Exchange<>() {
            @Override
            protected void start(Wire wire) {
                wire.line(SmtpCommands.quit());
            }

            @Override
            protected boolean onEvent(SmtpReply reply) {
                respond(SmtpCommand.QUIT, true, SmtpReplyCodes.result(reply), reply);
                succeed(new DisconnectResult(reply.code() == 221 ? DisconnectResult.Ending.ACKNOWLEDGED
                        : DisconnectResult.Ending.REFUSED, reply.oneLine()));
                return true;
            }
        };
    }

    @Override
    protected void onUnsolicited(SmtpReply reply, SessionContext<SmtpReply> ctx) {
        // RFC 5321 §3.8: a server shutting down may send 421 at any time, then close.
        IxpCode code = reply.code() == 421 ? IxpCode.IXP_E_SMTP_421_NOT_AVAILABLE : IxpCode.IXP_E_PROTOCOL_ERROR;
        ctx.fail(new IxpException(SmtpReplyCodes.result(code, reply, "unsolicited reply from the server")));
    }

    // ------------------------------------------------------------------ helpers

    /** onResponse for a command's reply, its result built only when the callback takes onResponse. */
    void respondReply(SmtpCommand command, SmtpReply reply) {
        if (wantsResponses()) {
            respond(command, true, SmtpReplyCodes.result(reply), reply);
        }
    }

    void respond(SmtpCommand command, boolean done, IxpResult result, SmtpReply reply) {
        respond(command, done, result, reply, null);
    }

    void respond(SmtpCommand command, boolean done, IxpResult result, SmtpReply reply, SmtpResponse.SmtpStream stream) {
        if (wantsResponses()) {
            dispatch(cb -> cb.onResponse(new SmtpResponse(command, done, result, reply, stream), this));
        }
    }

    /** Whether the callback implements onResponse: events nobody receives are not posted (a thread hop each). */
    boolean wantsResponses() {
        return callbackWants("onResponse", SmtpResponse.class, SmtpTransport.class);
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private static <T> CompletableFuture<T> failed(IxpResult result) {
        return CompletableFuture.failedFuture(new IxpException(result));
    }
}
