package org.ixp.engine;

import io.netty.buffer.ByteBuf;
import org.ixp.InetServer;

/**
 * What an {@link Exchange} may do to the connection: write lines or bytes. Writes are flushed when the engine
 * finishes the current I/O task, so a pipelined group leaves in one flight. Everything sent is logged in the form
 * given: an exchange carrying a credential passes its redacted form.
 */
public interface Wire {

    /** Writes {@code text} + CRLF (UTF-8), logged as {@code text}. */
    default void line(String text) {
        line(text, text);
    }

    /** Writes {@code text} + CRLF (UTF-8), logged as {@code logText} (e.g. {@code "PASS ****"}). */
    void line(String text, String logText);

    /** Writes raw bytes (ownership passes to the engine), logged as {@code logText} unless it is null. */
    void raw(ByteBuf bytes, String logText);

    /** Whether the connection is TLS-protected now. */
    boolean encrypted();

    /** The server settings of this connection. */
    InetServer server();
}
