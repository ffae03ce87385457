package org.ixp.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ixp.InetServer;
import org.ixp.IxpException;
import org.ixp.IxpStatus;

/**
 * What a protocol's session-opening flow may do with its connection. All methods run on the connection's I/O
 * thread (flows are chained on exchange futures, which complete there).
 *
 * @param <E> the protocol's event type
 */
public interface SessionContext<E> {

    /** Puts an exchange on the wire now, or after the barrier in flight completes. */
    <R> CompletableFuture<R> send(Exchange<E, R> exchange);

    /** Puts several exchanges on the wire in one flight (pipelining); each must not be a barrier but the last. */
    void sendAll(List<? extends Exchange<E, ?>> exchanges);

    /** The server settings, with the latest credentials. */
    InetServer server();

    /** Whether the connection is TLS-protected now. */
    boolean encrypted();

    /** Whether the connection is DEFLATE-compressed now (after a COMPRESS go-ahead). */
    boolean compressing();

    /** Whether connect asked the transport to authenticate. */
    boolean authenticate();

    /** Reports a status (AUTHORIZING, AUTHRETRY, AUTHORIZED …) once, in order. */
    void status(IxpStatus status);

    /** Asks onLogonPrompt for new credentials; fails with IXP_E_USER_CANCEL if the user cancels. */
    CompletableFuture<InetServer> logonPrompt();

    /** Notes that authentication succeeded on this connection (IsState AUTHENTICATED). */
    void authenticated();

    /** A fatal error: reported through onError, every pending future failed, connection dropped. */
    void fail(IxpException error);

    /** Whether a disconnect or drop has begun: flows stop at their next step. */
    boolean closing();

    /** The local address of the connection (for EHLO address literals), e.g. {@code 127.0.0.1}. */
    String localAddress();

    /** Writes a note (not a protocol line) into the protocol log, e.g. why a step was skipped. */
    void note(String text);

    /** Completes when this session has ended (dropped, failed or closed), after its exchanges were settled. */
    CompletableFuture<Void> ended();
}
