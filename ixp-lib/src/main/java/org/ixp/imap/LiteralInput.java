package org.ixp.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import org.ixp.engine.PrefetchingReader;

/**
 * A streamed literal as chunks for the engine's streaming write: exactly {@code size} octets of the caller's
 * {@link InputStream}, in chunks of {@value #CHUNK} octets (the last one shorter), each filled by reading until it
 * is full, whatever the stream's {@code available()} says and however short its reads are.
 *
 * <p>The stream is read on a worker thread, never on the I/O thread: a slow stream (a pipe, a decompressor, a
 * network source) holds up this literal only, not the other connections of the event loop. One chunk is read
 * ahead while the socket takes the one before; until the first is ready {@link #readChunk} answers {@code null} and
 * the worker wakes the engine ({@code resume}) when it is ({@link PrefetchingReader}). Memory: one chunk buffer
 * per literal being sent.
 *
 * <p>A stream that ends before {@code size} octets fails the write (the literal would be out of step with the
 * command), and with it the connection; so does a stream that throws. {@link #close} closes the stream (at once, or
 * when a read in progress returns).
 */
final class LiteralInput implements ChunkedInput<ByteBuf> {
    static final int CHUNK = 64 * 1024;
    private final PrefetchingReader reader;
    private final long size;
    private final LongConsumer progress;

    /**
     * @param reader   where the stream is read (the engine's workers)
     * @param resume   wakes the engine when a chunk is ready after {@link #readChunk} answered null (any thread)
     * @param progress the octets of each chunk handed to the socket (I/O thread)
     */
    LiteralInput(InputStream in, long size, Executor reader, Runnable resume, LongConsumer progress) {
        this.reader = new PrefetchingReader(in, CHUNK, size, reader, resume);
        this.size = size;
        this.progress = progress;
    }

    @Override
    public boolean isEndOfInput() {
        return size == 0 || reader.ended();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        if (size == 0) {
            return null;
        }
        ByteBuf[] chunk = new ByteBuf[1];
        int n = reader.take((buffer, length, last) -> {
            chunk[0] = allocator.buffer(length);
            chunk[0].writeBytes(buffer, 0, length);
        });
        if (n < 0) {
            return null;
        }
        progress.accept(n);
        return chunk[0];
    }

    @Override
    public void close() {
        reader.close();
    }

    @Override
    public long length() {
        return size;
    }

    @Override
    public long progress() {
        return reader.taken();
    }
}
