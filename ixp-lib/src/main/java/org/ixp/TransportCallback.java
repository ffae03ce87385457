package org.ixp;

import java.time.Duration;

/**
 * ITransportCallback: the events of one transport. Every method has a safe default, so implement what you need.
 *
 * <p>Callbacks for one transport run one at a time, in order, never on an I/O thread, on the executor given to
 * {@code initNew} (default: a serial executor of the transport's own). Any transport method may be called from
 * inside a callback. After {@link InternetTransport#handsOffCallback()} none runs.
 */
public interface TransportCallback {

    /** Each status change, exactly once per transition, in order. */
    default void onStatus(IxpStatus status, InternetTransport<?> transport) {
    }

    /**
     * A fatal error: the connection failed, broke, timed out or was refused. Protocol error replies
     * (5xx, -ERR, NO, BAD) come with the protocol's responses instead.
     */
    default void onError(IxpStatus status, IxpResult result, InternetTransport<?> transport) {
    }

    /** Each line sent ({@link CmdType#SEND}) and received ({@link CmdType#RESP}), credentials redacted; only when connect asked for command logging. */
    default void onCommand(CmdType type, String line, IxpCode response, InternetTransport<?> transport) {
    }

    /**
     * A wait (connect, TLS handshake, response, write) expired. Return {@link TimeoutDecision#waitAgain} to wait
     * longer or {@link TimeoutDecision#giveUp()} (the default) to fail with IXP_E_TIMEOUT and drop the connection.
     */
    default TimeoutDecision onTimeout(Duration current, InternetTransport<?> transport) {
        return TimeoutDecision.giveUp();
    }

    /**
     * The server rejected the credentials, or none were given. Return new ones to retry (status AUTHRETRY) or
     * cancel (the default).
     */
    default LogonDecision onLogonPrompt(InetServer server, InternetTransport<?> transport) {
        return LogonDecision.cancel();
    }

    /**
     * The transport needs a decision, e.g. whether to accept a certificate that failed its checks. The default
     * refuses.
     */
    default PromptAnswer onPrompt(IxpCode reason, String text, String caption, PromptType type,
                                  InternetTransport<?> transport) {
        return PromptAnswer.NO;
    }
}
