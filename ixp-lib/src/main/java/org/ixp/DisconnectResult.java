package org.ixp;

/**
 * How a graceful {@link InternetTransport#disconnect()} ended.
 *
 * @param ending   what happened
 * @param response the server's reply to the goodbye, or {@code null}
 */
public record DisconnectResult(Ending ending, String response) {

    /** The ways a disconnect ends. All of them leave the transport DISCONNECTED. */
    public enum Ending {
        /** The goodbye was sent and the server acknowledged it (221, +OK, BYE + OK, 205): the server cleaned up. */
        ACKNOWLEDGED,
        /** The goodbye was sent and the server answered with an error (e.g. POP3 -ERR: deletions not committed). */
        REFUSED,
        /** The goodbye was sent and no reply came within the goodbye timeout. */
        NO_REPLY,
        /** The server closed the connection before (or instead of) replying to the goodbye. */
        SERVER_CLOSED,
        /** The connection was not ready yet (connecting, TLS, greeting, authentication): the attempt was abandoned. */
        ABANDONED
    }

    /** The server confirmed the goodbye. */
    public boolean acknowledged() {
        return ending == Ending.ACKNOWLEDGED;
    }
}
