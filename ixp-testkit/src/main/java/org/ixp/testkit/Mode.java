package org.ixp.testkit;

/**
 * How a {@link ScriptedServer} treats a freshly accepted connection.
 *
 * <p>STARTTLS is not a mode: it is a step inside a {@link #PLAIN} script, see
 * {@link Conversation#startTls()}.
 */
public enum Mode {
    /** Plain TCP; the script starts talking in clear text (and may upgrade with {@link Conversation#startTls()}). */
    PLAIN,
    /** TLS from the first byte: the server completes the handshake before the script runs. */
    IMPLICIT_TLS
}
