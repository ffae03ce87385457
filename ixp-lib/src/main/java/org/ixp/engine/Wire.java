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

    /**
     * Streams a body: the engine pulls chunks from {@code input} only as fast as the socket takes them, so memory
     * stays constant for any size. The input is read on the I/O thread: it must not block for long (files, byte
     * arrays and pipes from fast producers are fine). An input that reads elsewhere (a worker) answers
     * {@code readChunk} with null until a chunk is ready, then calls {@link #resumeStream()}. Logged as
     * {@code logText} unless it is null.
     *
     * @return completes when the last chunk has been written to the socket (not when the server accepted it)
     */
    java.util.concurrent.CompletableFuture<Void> stream(io.netty.handler.stream.ChunkedInput<ByteBuf> input,
                                                      String logText);

    /** Asks the streamed input being written for its next chunk again, after it answered null (any thread). */
    void resumeStream();

    /** Whether the connection is TLS-protected now. */
    boolean encrypted();

    /** The server settings of this connection. */
    InetServer server();
}
