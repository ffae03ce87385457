package org.ixp.testkit;

/**
 * The server side of one connection's dialogue. A {@link ScriptedServer} runs its script once per
 * accepted connection, on that connection's own thread; {@link Conversation#index()} tells the
 * connections apart.
 *
 * <p>Anything the script throws (typically the {@link AssertionError} of
 * {@link Conversation#expect(String)}) is recorded in {@link ScriptedServer#scriptFailures()}, except
 * when the client went away underneath a write, when a TLS handshake failed (see
 * {@link ScriptedServer#handshakeFailures()}), or when the server is being closed. When the script
 * returns, the server closes the connection gracefully.
 */
@FunctionalInterface
public interface Script {
    /**
     * Plays the server side of one connection.
     *
     * @param conv the connection
     * @throws Exception anything; recorded as a script failure
     */
    void run(Conversation conv) throws Exception;
}
