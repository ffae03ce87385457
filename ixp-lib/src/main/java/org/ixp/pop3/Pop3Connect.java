package org.ixp.pop3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.Secret;
import org.ixp.Security;
import org.ixp.ServerFlag;
import org.ixp.engine.AuthLoop;
import org.ixp.engine.SessionContext;
import org.ixp.sasl.SaslMechanism;

/**
 * Connect's POP3 part, for one connection, as a chain of exchanges on the I/O thread: the greeting (an APOP
 * timestamp noted; {@code -ERR} is IXP_E_GREETING_REFUSED), CAPA (without it: {@link Pop3Capabilities#UNKNOWN}),
 * STLS when TLS is required and not implicit (refused: IXP_E_STARTTLS_NOT_OFFERED before any credential), CAPA
 * again, UTF8 when offered, and — when connect asked to authenticate — the logon through {@link AuthLoop}
 * (AUTHORIZING ⇄ AUTHRETRY via onLogonPrompt) with the method {@link Pop3LogonChoice} picks. Each step is reported
 * as a {@link Pop3Response}; the last is {@link Pop3Command#CONNECTED}.
 */
final class Pop3Connect {
    /** The codes that mean "these credentials were refused": AuthLoop asks onLogonPrompt and tries again. */
    private static final Set<IxpCode> REJECTED = Set.of(IxpCode.IXP_E_AUTH_FAILED,
            IxpCode.IXP_E_POP3_INVALID_USER_NAME, IxpCode.IXP_E_POP3_INVALID_PASSWORD);
    private static final Pattern TIMESTAMP = Pattern.compile("<[!-~&&[^<>]]*@[!-~&&[^<>]]*>");

    private final Pop3Transport transport;
    private final Pop3Link link;
    private final Pop3Session st;
    private final SessionContext<Pop3Event> ctx;

    Pop3Connect(Pop3Transport transport, Pop3Link link, Pop3Session session, SessionContext<Pop3Event> ctx) {
        this.transport = transport;
        this.link = link;
        this.st = session;
        this.ctx = ctx;
    }

    /** The whole flow; completes at the terminal connect state (the CONNECTED response). */
    CompletableFuture<Void> run() {
        st.encrypted(ctx.encrypted());
        return ctx.send(Pop3ReplyExchange.greeting(link))
                .thenCompose(g -> greeted(st, g))
                .thenCompose(v -> capa(ctx, st))
                .thenCompose(caps -> secure(ctx, st, caps))
                .thenCompose(caps -> utf8(ctx, caps))
                .thenCompose(v -> ctx.authenticate() ? AuthLoop.run(ctx, s -> logOn(ctx, st, s), REJECTED) : done())
                .thenRun(() -> respond(Pop3Command.CONNECTED, IxpResult.ok(), null));
    }

    private CompletableFuture<Void> greeted(Pop3Session st, Pop3Reply g) {
        transport.noteGreeting(g.line());
        if (!g.ok()) {
            IxpResult refused = Pop3Results.failure(g, IxpCode.IXP_E_GREETING_REFUSED, "the server refused the session");
            respond(Pop3Command.BANNER, refused, g);
            return failed(refused);
        }
        Matcher m = TIMESTAMP.matcher(g.text());
        st.apopTimestamp(m.find() ? m.group() : null);
        respond(Pop3Command.BANNER, Pop3Results.ok(g), g);
        return done();
    }

    private CompletableFuture<Pop3Capabilities> capa(SessionContext<Pop3Event> ctx, Pop3Session st) {
        return ctx.send(new Pop3CapaExchange(link, ctx.server().limits().maxReplyLines())).thenApply(caps -> {
            st.capabilities(caps);
            transport.noteCapabilities(caps.lines());
            return caps;
        });
    }

    private CompletableFuture<Pop3Capabilities> secure(SessionContext<Pop3Event> ctx, Pop3Session st,
                                                       Pop3Capabilities caps) {
        InetServer s = ctx.server();
        boolean wanted = s.security() == Security.STARTTLS
                || (s.security() == Security.NONE && s.has(ServerFlag.SSLONSAMEPORT));
        if (!wanted || ctx.encrypted()) {
            return CompletableFuture.completedFuture(caps);
        }
        if (caps.known() && !caps.stls()) {
            return failed(IxpResult.of(IxpCode.IXP_E_STARTTLS_NOT_OFFERED,
                    "TLS is required but the server does not offer STLS (use Security.NONE / --tls none to allow"
                            + " plaintext)"));
        }
        return ctx.send(Pop3ReplyExchange.stls(link)).thenCompose(r -> {
            if (!r.ok()) {
                IxpResult refused = Pop3Results.failure(r, caps.known() ? IxpCode.IXP_E_SECURE_CONNECT_FAILED
                        : IxpCode.IXP_E_STARTTLS_NOT_OFFERED, "the server refused STLS");
                respond(Pop3Command.STLS, refused, r);
                return failed(refused);
            }
            respond(Pop3Command.STLS, Pop3Results.ok(r), r);
            st.encrypted(true);
            return capa(ctx, st); // RFC 2595 §4: capabilities may differ once secured
        });
    }

    private CompletableFuture<Void> utf8(SessionContext<Pop3Event> ctx, Pop3Capabilities caps) {
        if (!caps.utf8()) {
            return done();
        }
        return ctx.send(new Pop3ReplyExchange(link, Pop3Commands.utf8())).thenAccept(r ->
                respond(Pop3Command.UTF8, Pop3Results.of(r, IxpCode.IXP_E_POP3_RESPONSE_ERROR,
                        "UTF8 refused (continuing without it)"), r));
    }

    /** One logon attempt with the given settings (AuthLoop retries it with new credentials when refused). */
    private CompletableFuture<Void> logOn(SessionContext<Pop3Event> ctx, Pop3Session st, InetServer s) {
        Pop3LogonChoice.Method method;
        try {
            method = Pop3LogonChoice.choose(st.capabilities(), st.apopTimestamp(), s, ctx.encrypted());
        } catch (IxpException e) {
            return CompletableFuture.failedFuture(e);
        }
        switch (method.name()) {
            case Pop3LogonChoice.APOP:
                String digest = apopDigest(st.apopTimestamp(), s.password());
                return step(ctx.send(new Pop3ReplyExchange(link, Pop3Commands.apop(s.userName(), digest),
                        "APOP " + s.userName() + " ****", false)), st, Pop3Command.APOP, IxpCode.IXP_E_AUTH_FAILED,
                        "APOP logon refused");
            case Pop3LogonChoice.USER:
                return ctx.send(new Pop3ReplyExchange(link, Pop3Commands.user(s.userName()))).thenCompose(r -> {
                    if (!r.ok()) {
                        IxpResult refused = Pop3Results.failure(r, IxpCode.IXP_E_POP3_INVALID_USER_NAME,
                                "the server refused the user name");
                        respond(Pop3Command.USER, refused, r);
                        return failed(refused);
                    }
                    respond(Pop3Command.USER, Pop3Results.ok(r), r);
                    return step(ctx.send(new Pop3ReplyExchange(link, Pop3Commands.pass(s.password()), "PASS ****",
                            false)), st, Pop3Command.PASS, IxpCode.IXP_E_POP3_INVALID_PASSWORD,
                            "the server refused the password");
                });
            default:
                SaslMechanism mech = method.mechanism();
                CompletableFuture<Pop3Reply> auth = ctx.send(new Pop3AuthExchange(link, mech));
                auth.whenComplete((r, e) -> {
                    if (e != null) {
                        respond(Pop3Command.AUTH, IxpException.unwrap(e).result(), null);
                    }
                });
                return step(auth, st, Pop3Command.AUTH, IxpCode.IXP_E_AUTH_FAILED,
                        "authentication with " + mech.name() + " failed");
        }
    }

    /** The last step of a logon: {@code +OK} enters TRANSACTION; {@code -ERR} fails with {@code refusedCode}. */
    private CompletableFuture<Void> step(CompletableFuture<Pop3Reply> reply, Pop3Session st, Pop3Command command,
                                         IxpCode refusedCode, String problem) {
        return reply.thenCompose(r -> {
            if (!r.ok()) {
                IxpResult refused = Pop3Results.failure(r, refusedCode, problem);
                respond(command, refused, r);
                return failed(refused);
            }
            st.loggedOn();
            respond(command, Pop3Results.ok(r), r);
            return done();
        });
    }

    static String apopDigest(String timestamp, Secret password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(timestamp.getBytes(StandardCharsets.UTF_8));
            md5.update(password.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IxpException(IxpCode.E_UNEXPECTED, "MD5 is not available for APOP");
        }
    }

    private void respond(Pop3Command command, IxpResult result, Pop3Reply reply) {
        transport.respond(command, result, reply);
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private static <T> CompletableFuture<T> failed(IxpResult result) {
        return CompletableFuture.failedFuture(new IxpException(result));
    }
}
