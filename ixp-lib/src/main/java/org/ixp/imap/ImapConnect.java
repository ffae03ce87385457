package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.Security;
import org.ixp.ServerFlag;
import org.ixp.engine.AuthLoop;
import org.ixp.engine.Exchange;
import org.ixp.engine.SessionContext;
import org.ixp.engine.Wire;
import org.ixp.sasl.SaslCredentials;
import org.ixp.sasl.SaslMechanism;
import org.ixp.sasl.SaslMechanisms;

/**
 * The connect flow, as a chain of exchange futures on the connection's I/O thread:
 * <ol>
 *   <li>the greeting: {@code * OK} or {@code * PREAUTH}; {@code * BYE} → IXP_E_GREETING_REFUSED;</li>
 *   <li>CAPABILITY, unless the greeting carried a CAPABILITY code;</li>
 *   <li>STARTTLS when TLS is wanted and not on (offered: upgrade, then CAPABILITY again, discarding what was
 *       known; not offered, or PREAUTH on plaintext: IXP_E_STARTTLS_NOT_OFFERED before any credential);</li>
 *   <li>when asked to authenticate and not PREAUTH: AUTHENTICATE (SASL; SASL-IR when offered) or LOGIN (not
 *       under LOGINDISABLED; over plaintext only when allowed) through the shared {@link AuthLoop}, then the
 *       capabilities again (from the OK's code, or asked);</li>
 *   <li>ENABLE IMAP4rev2 / UTF8=ACCEPT / CONDSTORE, those offered (after authenticating); mailbox names go as
 *       UTF-8 once IMAP4rev2 or UTF8=ACCEPT is enabled;</li>
 *   <li>COMPRESS DEFLATE where offered and allowed, only when connect authenticated (RFC 4978).</li>
 * </ol>
 */
final class ImapConnect {
    private static final Set<IxpCode> REJECTED = Set.of(IxpCode.IXP_E_AUTH_FAILED);
    private final ImapTransport t;
    private final SessionContext<ImapEvent> ctx;
    private boolean preauth;

    private ImapConnect(ImapTransport t, SessionContext<ImapEvent> ctx) {
        this.t = t;
        this.ctx = ctx;
    }

    static CompletableFuture<Void> open(ImapTransport t, SessionContext<ImapEvent> ctx) {
        ImapConnect f = new ImapConnect(t, ctx);
        return ctx.send(new Greeting(t))
                .thenCompose(f::greeted)
                .thenCompose(v -> f.wantsTls() ? f.startTls() : done(null))
                .thenCompose(v -> ctx.authenticate() && !f.preauth ? f.authenticate() : done(null))
                .thenCompose(v -> f.enable())
                .thenCompose(v -> f.compress())
                .thenRun(() -> {
                    if (f.preauth) {
                        ctx.authenticated();
                    }
                });
    }

    /** Reads the greeting; the transport routes untagged data itself from then on. */
    private static final class Greeting extends Exchange<ImapEvent, ImapEvent> {
        private final ImapTransport t;

        Greeting(ImapTransport t) {
            this.t = t;
        }

        @Override
        protected void start(Wire wire) {
        }

        @Override
        protected boolean onEvent(ImapEvent e) {
            if (e instanceof ImapEvent.Condition c
                    && (c.status() == ImapStatus.OK || c.status() == ImapStatus.PREAUTH)) {
                t.recordGreeting(ImapLog.line(c));
                t.greeted();
                succeed(c);
            } else if (e instanceof ImapEvent.Bye b) {
                t.recordGreeting(ImapLog.line(b));
                fail(new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_GREETING_REFUSED, ImapLog.line(b), 0,
                        "the server refused the session: " + b.text())));
            } else {
                fail(new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_PROTOCOL_ERROR, ImapLog.line(e), 0,
                        "unexpected greeting")));
            }
            return true;
        }

        @Override
        public String toString() {
            return "greeting";
        }
    }

    private CompletableFuture<Void> greeted(ImapEvent g) {
        ImapEvent.Condition c = (ImapEvent.Condition) g;
        preauth = c.status() == ImapStatus.PREAUTH;
        if (c.code() instanceof ResponseCode.Capability cap) {
            t.recordCapabilities(cap.capabilities());
            return done(null);
        }
        return capabilities();
    }

    private CompletableFuture<Void> capabilities() {
        return ctx.send(new CapabilityCommand(t)).thenApply(c -> null);
    }

    private boolean wantsTls() {
        InetServer s = ctx.server();
        return !ctx.encrypted() && (s.security() == Security.STARTTLS
                || (s.security() == Security.NONE && s.has(ServerFlag.SSLONSAMEPORT)));
    }

    private CompletableFuture<Void> startTls() {
        if (preauth) {
            return CompletableFuture.failedFuture(new IxpException(IxpCode.IXP_E_STARTTLS_NOT_OFFERED,
                    "the server pre-authenticated an unencrypted connection, so STARTTLS is impossible (use --tls"
                            + " none to allow plaintext)"));
        }
        if (!t.hasCapability("STARTTLS")) {
            return CompletableFuture.failedFuture(new IxpException(IxpCode.IXP_E_STARTTLS_NOT_OFFERED,
                    "TLS is required but the server does not offer STARTTLS (use --tls none to allow plaintext)"));
        }
        ImapCommand<ImapCompletion> st = new ImapCommand<ImapCompletion>(t, "STARTTLS") {
            @Override
            protected boolean startsTls() {
                return true;
            }

            @Override
            IxpException failure(ImapEvent.Tagged tg) {
                return new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_STARTTLS_NOT_OFFERED,
                        ImapLog.line(tg), 0, "the server refused STARTTLS: " + tg.text()));
            }
        };
        st.text("STARTTLS");
        return ctx.send(st).thenCompose(ok -> {
            t.recordCapabilities(List.of()); // RFC 9051 §6.2.1: discard what was learnt before TLS
            return capabilities();
        });
    }

    private CompletableFuture<Void> authenticate() {
        return AuthLoop.run(ctx, this::attempt, REJECTED).thenCompose(v -> done(null));
    }

    private CompletableFuture<Void> attempt(InetServer s) {
        ImapCommand<ImapCompletion> logon;
        try {
            logon = choose(s);
        } catch (IxpException e) {
            return CompletableFuture.failedFuture(e);
        }
        return ctx.send(logon).handle((ok, e) -> {
            if (e != null) {
                throw IxpException.unwrap(e);
            }
            return ok;
        }).thenCompose(ok -> {
            if (ok.code() instanceof ResponseCode.Capability cap) {
                t.recordCapabilities(cap.capabilities());
                return done(null);
            }
            return capabilities();
        });
    }

    /** AUTHENTICATE when a mechanism fits, else LOGIN if allowed. */
    private ImapCommand<ImapCompletion> choose(InetServer s) {
        boolean encrypted = ctx.encrypted();
        List<String> offered = new ArrayList<>();
        for (String c : t.caps()) {
            if (c.toUpperCase(Locale.ROOT).startsWith("AUTH=")) {
                offered.add(c.substring(5));
            }
        }
        SaslCredentials creds = new SaslCredentials(s.userName(), s.password(), s.oauthToken(), null);
        IxpException saslProblem = null;
        if (!offered.isEmpty()) {
            try {
                SaslMechanism m = SaslMechanisms.choose(offered, creds, s.saslMechanisms(), encrypted,
                        s.allowPlaintextAuth(), s.trySicily(), "imap", s.serverName());
                return new AuthenticateCommand(t, m, t.hasCapability("SASL-IR"));
            } catch (IxpException e) {
                saslProblem = e;
            }
        }
        if (t.hasCapability("LOGINDISABLED")) {
            throw saslProblem != null ? saslProblem : new IxpException(IxpCode.IXP_E_NO_AUTH_MECHANISM,
                    "the server says LOGINDISABLED and offers no usable AUTHENTICATE mechanism"
                            + (encrypted ? "" : " (it may offer more after STARTTLS)"));
        }
        if (!s.saslMechanisms().isEmpty() && saslProblem != null) {
            throw saslProblem; // the user restricted the mechanisms: no LOGIN fallback
        }
        if (!encrypted && !s.allowPlaintextAuth()) {
            throw new IxpException(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED,
                    "LOGIN would send the password on an unencrypted connection; use TLS or allow plaintext logon");
        }
        if (s.userName() == null || !s.hasPassword()) {
            throw saslProblem != null ? saslProblem : new IxpException(IxpCode.IXP_E_NO_AUTH_MECHANISM,
                    "LOGIN needs a user name and a password");
        }
        ImapCommand<ImapCompletion> login = new ImapCommand<ImapCompletion>(t, "LOGIN") {
            @Override
            IxpException failure(ImapEvent.Tagged tg) {
                return AuthenticateCommand.rejected(tg);
            }

            @Override
            protected boolean isBarrier() {
                return true;
            }
        };
        login.text("LOGIN ").astring(s.userName(), false).text(" ").astring(s.password().reveal(), true);
        return login;
    }

    private CompletableFuture<Void> enable() {
        boolean authed = preauth || ctx.authenticate();
        if (!authed || !t.hasCapability("ENABLE")) {
            return done(null);
        }
        List<String> want = new ArrayList<>();
        for (String c : List.of("IMAP4rev2", "UTF8=ACCEPT", "CONDSTORE")) {
            if (t.hasCapability(c)) {
                want.add(c);
            }
        }
        if (want.isEmpty()) {
            return done(null);
        }
        EnableCommand en = new EnableCommand(t, want);
        return ctx.send(en).handle((list, e) -> {
            if (e != null) {
                ctx.note("ENABLE failed: " + IxpException.unwrap(e).getMessage());
                return null;
            }
            return null; // EnableCommand switched names to UTF-8 if IMAP4rev2 or UTF8=ACCEPT was enabled
        });
    }

    private CompletableFuture<Void> compress() {
        if (!ctx.authenticate() || !ctx.server().compression() || ctx.compressing()
                || !t.hasCapability("COMPRESS=DEFLATE")) {
            return done(null);
        }
        ImapCommand<ImapCompletion> c = new ImapCommand<ImapCompletion>(t, "COMPRESS") {
            @Override
            protected boolean startsCompression() {
                return true;
            }

            @Override
            protected boolean isBarrier() {
                return true;
            }
        };
        c.text("COMPRESS DEFLATE");
        return ctx.send(c).handle((ok, e) -> {
            if (e != null) {
                ctx.note("COMPRESS DEFLATE refused: going on uncompressed");
            }
            return null;
        });
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
