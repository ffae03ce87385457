package org.ixp.engine;

import io.netty.buffer.ByteBuf;

/**
 * The sans-I/O reading half of a protocol: bytes in, typed events out. No sockets, threads or clocks.
 *
 * <p>{@link #decode} is called with everything received and not yet consumed. It returns the next complete event
 * and advances the buffer's reader index past it, or returns {@code null} (leaving what it could not use) when it
 * needs more bytes. The caller calls it again until it returns {@code null}, even once the buffer is empty: one
 * line may yield several events (IMAP body data sent inline). It must be resumable at any byte boundary and must bound what it accepts (line length,
 * literal size) by throwing an {@link org.ixp.IxpException} with IXP_E_RESPONSE_TOO_LARGE or
 * IXP_E_PROTOCOL_ERROR, never by allocating what the server declared.
 *
 * @param <E> the protocol's event type
 */
public interface ProtocolDecoder<E> {
    E decode(ByteBuf in);
}
