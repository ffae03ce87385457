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

    private void respond(SmtpCommand command, boolean done, IxpResult result, SmtpReply reply) {
        dispatch(cb -> cb.onResponse(new SmtpResponse(command, done, result, reply, null), this));
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private static <T> CompletableFuture<T> failed(IxpResult result) {
        return CompletableFuture.failedFuture(new IxpException(result));
    }
}
