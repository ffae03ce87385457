package org.ixp.engine;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.ServerFlag;

/**
 * The logon state machine every protocol shares: AUTHORIZING → (rejected → onLogonPrompt → AUTHRETRY →
 * AUTHORIZING …) → AUTHORIZED → CONNECTED. Missing credentials (or ISF_ALWAYSPROMPTFORPASSWORD) ask the prompt
 * first. Cancelling ends the connect with the server's rejection (or IXP_E_USER_CANCEL when nothing was tried).
 */
public final class AuthLoop {
    private AuthLoop() {
    }

    /**
     * @param attempt  one logon attempt with the given settings
     * @param rejected the codes that mean "these credentials were refused" (others end the connect at once)
     */
    public static CompletableFuture<Void> run(SessionContext<?> ctx, Function<InetServer, CompletableFuture<Void>> attempt,
                                              Set<IxpCode> rejected) {
        ctx.status(IxpStatus.AUTHORIZING);
        InetServer s = ctx.server();
        boolean noCredentials = (s.userName() == null || (!s.hasPassword() && s.oauthToken() == null)) && !s.trySicily();
        CompletableFuture<InetServer> first = noCredentials || s.has(ServerFlag.ALWAYSPROMPTFORPASSWORD)
                ? ctx.logonPrompt() : CompletableFuture.completedFuture(s);
        return first.thenCompose(server -> loop(ctx, server, attempt, rejected));
    }

    private static CompletableFuture<Void> loop(SessionContext<?> ctx, InetServer server,
                                                Function<InetServer, CompletableFuture<Void>> attempt,
                                                Set<IxpCode> rejected) {
        return attempt.apply(server).handle((ok, error) -> {
            if (error == null) {
                ctx.status(IxpStatus.AUTHORIZED);
                ctx.authenticated();
                ctx.status(IxpStatus.CONNECTED);
                return CompletableFuture.<Void>completedFuture(null);
            }
            IxpException e = IxpException.unwrap(error);
            if (!rejected.contains(e.code()) || ctx.closing()) {
                return CompletableFuture.<Void>failedFuture(e);
            }
            return ctx.logonPrompt().handle((next, cancelled) -> {
                if (cancelled != null) {
                    return CompletableFuture.<Void>failedFuture(e);
                }
                ctx.status(IxpStatus.AUTHRETRY);
                ctx.status(IxpStatus.AUTHORIZING);
                return loop(ctx, next, attempt, rejected);
            }).thenCompose(f -> f);
        }).thenCompose(f -> f);
    }
}
