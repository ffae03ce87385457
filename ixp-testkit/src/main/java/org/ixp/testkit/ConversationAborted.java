package org.ixp.testkit;

/**
 * Ends a script without counting as a script failure: the client went away under a write, a TLS
 * handshake failed, or the server is closing. The cause, if any, has been recorded already.
 */
final class ConversationAborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConversationAborted(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
