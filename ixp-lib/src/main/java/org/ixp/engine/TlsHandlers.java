package org.ixp.engine;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * Builds the client-side {@link SslHandler} of one connection: TLS 1.2/1.3 with the JDK provider, chain checked
 * against the system store or the user's CA file, host name checked (HTTPS rules, IP literals included), SNI set.
 * Only {@link org.ixp.TlsSettings#insecure()} turns the checks off.
 */
final class TlsHandlers {

    /** The handler and, unless insecure, the trust manager that remembers why a check failed. */
    record Tls(SslHandler handler, PromptingTrustManager trust) {
    }

    private TlsHandlers() {
    }

    static Tls create(InetServer server, int port, ByteBufAllocator alloc, BiPredicate<IxpCode, String> askUser,
                      Executor delegatedTasks) {
        boolean insecure = server.tls().insecure();
        PromptingTrustManager trust = insecure ? null
                : new PromptingTrustManager(TrustManagers.forCaFile(server.tls().caFile()), askUser);
        SslContext ctx;
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2");
            b = insecure ? b.trustManager(InsecureTrustManagerFactory.INSTANCE) : b.trustManager(trust);
            ctx = b.build();
        } catch (SSLException e) {
            throw new IxpException(IxpCode.IXP_E_SECURE_CONNECT_FAILED, "cannot set up TLS: " + e.getMessage());
        }
        SSLEngine engine = ctx.newEngine(alloc, server.serverName(), port);
        if (!insecure) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
        }
        SslHandler handler = new SslHandler(engine, false, delegatedTasks);
        // ixp's watchdog bounds the handshake (and asks onTimeout); Netty's own timers are only a backstop.
        handler.setHandshakeTimeout(0, TimeUnit.MILLISECONDS);
        handler.setCloseNotifyFlushTimeout(server.timeouts().goodbye().toMillis(), TimeUnit.MILLISECONDS);
        handler.setCloseNotifyReadTimeout(0, TimeUnit.MILLISECONDS);
        return new Tls(handler, trust);
    }
}
