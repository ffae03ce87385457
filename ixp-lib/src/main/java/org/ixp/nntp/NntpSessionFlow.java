package org.ixp.nntp;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.Security;
import org.ixp.ServerFlag;
import org.ixp.engine.AuthLoop;
import org.ixp.engine.SessionContext;

/**
 * The connect flow, as a chain of exchange futures on the connection's I/O thread:
 * <ol>
 *   <li>the greeting: 200 (posting allowed) or 201 (not); 400/502 refuse the session;</li>
 *   <li>CAPABILITIES (500 from an old server: {@link NntpCapabilities#LEGACY} and its fallbacks);</li>
 *   <li>STARTTLS (RFC 4642) when TLS is wanted and the server offers it now;</li>
 *   <li>MODE READER when the server is mode-switching (MODE-READER without READER), or always for a legacy
 *       server; then CAPABILITIES again (RFC 3977 §5.3: the list changes);</li>
 *   <li>STARTTLS now if TLS is wanted and not yet on: offered (or a legacy server: tried), else
 *       IXP_E_STARTTLS_NOT_OFFERED before any credential is sent;</li>
 *   <li>when asked to authenticate: AUTHINFO SASL or USER/PASS through the shared {@link AuthLoop}, then
 *       CAPABILITIES again (RFC 4643 §2.5.1: the client must discard what it knew);</li>
 *   <li>onResponse(IDLE, done): the terminal connect state.</li>
 * </ol>
 */
final class NntpSessionFlow {
    private static final Set<IxpCode> REJECTED = Set.of(IxpCode.IXP_E_AUTH_FAILED);
    private final NntpTransport t;
    private final SessionContext<NntpEvent> ctx;

    private NntpSessionFlow(NntpTransport t, SessionContext<NntpEvent> ctx) {
        this.t = t;
        this.ctx = ctx;
    }

    static CompletableFuture<Void> open(NntpTransport t, SessionContext<NntpEvent> ctx) {
        NntpSessionFlow f = new NntpSessionFlow(t, ctx);
        return ctx.send(ReplyExchange.greeting(t))
                .thenCompose(f::greeted)
                .thenCompose(c -> f.wantsTls() && c.startTls() ? f.startTls() : done(c))
                .thenCompose(f::modeReader)
                .thenCompose(f::requireTls)
                .thenCompose(c -> ctx.authenticate() ? f.authenticate(c) : done(c))
                .thenCompose(f::compress)
                .thenRun(() -> t.respond(NntpState.IDLE, true, IxpResult.ok(), null));
    }

    private CompletableFuture<NntpCapabilities> greeted(NntpReply g) {
        t.recordGreeting(g.line());
        if (g.code() == 200 || g.code() == 201) {
            t.postingAllowed(g.code() == 200);
            t.respond(NntpState.CONNECT, true, NntpCodes.result(g), null);
            return capabilities();
        }
        IxpCode code = g.code() == 400 || g.code() == 502 ? IxpCode.IXP_E_GREETING_REFUSED : IxpCode.IXP_E_PROTOCOL_ERROR;
        IxpResult refused = NntpCodes.result(code, g, g.code() == 400 || g.code() == 502
                ? "the server refused the session" : "unexpected greeting");
        t.respond(NntpState.CONNECT, true, refused, null);
        return CompletableFuture.failedFuture(new IxpException(refused));
    }

    private CompletableFuture<NntpCapabilities> capabilities() {
        CapabilitiesExchange ex = new CapabilitiesExchange(t, ctx.server().limits().maxReplyLines());
        return ctx.send(ex).thenApply(c -> {
            t.recordCapabilities(c);
            if (!c.known()) {
                ctx.note("no CAPABILITIES: using the fallbacks for older servers (MODE READER, XOVER, XHDR,"
                        + " AUTHINFO USER)");
            }
            return c;
        });
    }

    private boolean wantsTls() {
        InetServer s = ctx.server();
        return !ctx.encrypted() && (s.security() == Security.STARTTLS
                || (s.security() == Security.NONE && s.has(ServerFlag.SSLONSAMEPORT)));
    }

    private CompletableFuture<NntpCapabilities> startTls() {
        return ctx.send(ReplyExchange.startTls(t)).thenCompose(r -> {
            t.respond(NntpState.STARTTLS, true, NntpCodes.result(r), null);
            if (r.code() == 382) {
                return capabilities();
            }
            IxpCode code = r.code() == 580 ? IxpCode.IXP_E_SECURE_CONNECT_FAILED : IxpCode.IXP_E_STARTTLS_NOT_OFFERED;
            return CompletableFuture.failedFuture(new IxpException(NntpCodes.result(code, r,
                    "the server refused STARTTLS (use --tls none to allow plaintext)")));
        });
    }

    private CompletableFuture<NntpCapabilities> modeReader(NntpCapabilities c) {
        if (!c.needsModeReader()) {
            return done(c);
        }
        return ctx.send(ReplyExchange.raw(t, NntpState.MODE, NntpCommands.modeReader())).thenCompose(r -> {
            t.respond(NntpState.MODE, true, NntpCodes.result(r), null);
            if (r.code() == 200 || r.code() == 201) {
                t.postingAllowed(r.code() == 200);
                return c.known() ? capabilities() : done(c);
            }
            if (r.code() == 502 || r.code() == 400) {
                return CompletableFuture.failedFuture(new IxpException(NntpCodes.result(
                        IxpCode.IXP_E_GREETING_REFUSED, r, "the server refused reader mode")));
            }
            ctx.note("MODE READER not understood (" + r.code() + "): continuing");
            return done(c);
        });
    }

    private CompletableFuture<NntpCapabilities> requireTls(NntpCapabilities c) {
        if (!wantsTls()) {
            return done(c);
        }
        if (c.startTls() || !c.known()) {
            return startTls();
        }
        return CompletableFuture.failedFuture(new IxpException(IxpCode.IXP_E_STARTTLS_NOT_OFFERED,
                "TLS is required but the server does not offer STARTTLS (use --tls none to allow plaintext)"));
    }

    private CompletableFuture<NntpCapabilities> authenticate(NntpCapabilities c) {
        if (!c.authinfo()) {
            ctx.note("the server offers no AUTHINFO: continuing unauthenticated");
            return done(c);
        }
        return AuthLoop.run(ctx, server -> attempt(server, c), REJECTED)
                .thenCompose(v -> c.known() ? capabilities() : done(c));
    }

    private CompletableFuture<Void> attempt(InetServer s, NntpCapabilities c) {
        NntpLogin login;
        try {
            login = NntpLogin.choose(c, s, ctx.encrypted());
        } catch (IxpException e) {
            t.respond(NntpState.AUTHINFO, true, e.result(), null);
            return CompletableFuture.failedFuture(e);
        }
        return ctx.send(new LoginExchange(t, login)).handle((r, e) -> {
            if (e != null) {
                IxpException x = IxpException.unwrap(e);
                t.respond(NntpState.AUTHINFO, true, x.result(), null);
                throw x;
            }
            t.respond(NntpState.AUTHINFO, true, NntpCodes.result(r), null);
            return null;
        });
    }

    /**
     * COMPRESS DEFLATE (RFC 8054) where offered and allowed — only after connect has authenticated: a client that
     * may still need AUTHINFO must not compress first (RFC 8054 §2.2.2; INN answers a later AUTHINFO with 502), and
     * no credential is ever compressed together with server-chosen data. A refusal is not an error: the session
     * goes on uncompressed.
     */
    private CompletableFuture<NntpCapabilities> compress(NntpCapabilities c) {
        if (!ctx.authenticate() || !ctx.server().compression() || ctx.compressing()
                || !c.has("COMPRESS", "DEFLATE")) {
            return done(c);
        }
        return ctx.send(ReplyExchange.compress(t)).thenApply(r -> {
            t.respond(NntpState.COMPRESS, true, NntpCodes.result(r), null);
            if (r.code() != 206) {
                ctx.note("COMPRESS DEFLATE refused (" + r.code() + "): going on uncompressed");
            }
            return c;
        });
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
