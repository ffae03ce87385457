package org.ixp;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * IInternetTransport: the contract every protocol transport (SMTP, POP3, IMAP, NNTP) keeps.
 *
 * <p>Precondition failures (IXP_E_NOT_INIT, IXP_E_NOT_CONNECTED, IXP_E_ALREADY_CONNECTED, IXP_E_BUSY,
 * E_INVALIDARG) are thrown at once as {@link IxpException}. The outcome of network work arrives through the
 * returned {@link CompletableFuture} (failing with an {@link IxpException}) and the callback. Futures complete on
 * ixp's worker threads, never on an I/O thread; {@code join()} is the blocking form.
 *
 * @param <C> the protocol's callback type
 */
public interface InternetTransport<C extends TransportCallback> extends AutoCloseable {

    /**
     * InitNew: must come first. {@code logFile} (may be {@code null}) receives a timestamped, direction-marked,
     * redacted protocol log.
     *
     * @throws IxpException IXP_E_ALREADY_CONNECTED while connected; E_INVALIDARG for a null callback or an
     *                      unwritable log file
     */
    default void initNew(Path logFile, C callback) {
        initNew(logFile, callback, null);
    }

    /** InitNew with the executor callbacks run on (wrapped so that they still run one at a time, in order). */
    void initNew(Path logFile, C callback, Executor callbackExecutor);

    /**
     * Connect: resolve, connect, secure, read the greeting, and authenticate when {@code authenticate} is set.
     * The future completes when the protocol's terminal connect state is reached (ready for commands).
     *
     * @param commandLogging whether {@link TransportCallback#onCommand} is called
     * @throws IxpException IXP_E_NOT_INIT, IXP_E_ALREADY_CONNECTED, E_INVALIDARG
     */
    CompletableFuture<Void> connect(InetServer server, boolean authenticate, boolean commandLogging);

    /**
     * Disconnect: the graceful end. Status DISCONNECTING; queued commands fail with IXP_E_USER_CANCEL; a command
     * already on the wire may finish; the protocol's goodbye (QUIT, LOGOUT) is sent and its reply awaited up to
     * the goodbye timeout; then TLS and socket close and status DISCONNECTED. A second call joins the first.
     * During connect, the attempt is abandoned.
     *
     * @throws IxpException IXP_E_NOT_INIT; IXP_E_NOT_CONNECTED when there is no connection or attempt
     */
    CompletableFuture<DisconnectResult> disconnect();

    /**
     * DropConnection: closes the socket at once, from any thread, sending nothing. Every pending future fails with
     * IXP_E_CONNECTION_DROPPED; status DISCONNECTED exactly once. Succeeds when already disconnected.
     *
     * @return a future that completes once the socket is closed
     * @throws IxpException IXP_E_NOT_INIT only
     */
    CompletableFuture<Void> dropConnection();

    /** GetStatus. */
    IxpStatus getStatus();

    /** IsState: {@code true} for S_OK, {@code false} for S_FALSE. */
    boolean isState(IsState state);

    /** GetServerInfo: the server of the current or last connection, or {@code null} before any connect. */
    InetServer getServerInfo();

    /** HandsOffCallback: no callback runs after this returns. {@code false} (S_FALSE) if none was registered. */
    boolean handsOffCallback();

    /**
     * InetServerFromAccount: the server settings of a named account from the account file
     * (see {@link Accounts}).
     *
     * @throws IxpException IXP_E_INVALID_ACCOUNT when there is no such account
     */
    default InetServer inetServerFromAccount(String accountName) {
        return Accounts.fromDefaultFile().server(accountName, getIXPType());
    }

    /** GetIXPType. */
    IxpType getIXPType();

    /** ixp: the server's greeting on the current or last connection, or {@code null} before one arrived. */
    String getGreeting();

    /** ixp: the capabilities the server announced (EHLO keywords, CAPA, CAPABILITY), as announced; may be empty. */
    java.util.List<String> getCapabilities();

    /** Graceful disconnect if connected, waiting for it; otherwise nothing. */
    @Override
    void close();
}
