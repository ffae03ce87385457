package org.ixp.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * A streamed literal as chunks for the engine's streaming write: exactly {@code size} octets of the caller's
 * {@link InputStream}, in chunks of {@value #CHUNK} octets (the last one shorter), each filled by reading until it
 * is full, whatever the stream's {@code available()} says and however short its reads are.
 *
 * <p>The stream is read on a worker thread, never on the I/O thread: a slow stream (a pipe, a decompressor, a
 * network source) holds up this literal only, not the other connections of the event loop. One chunk is read
 * ahead while the socket takes the one before; until the first is ready {@link #readChunk} answers {@code null} and
 * the worker wakes the engine ({@code resume}) when it is. Memory: one chunk buffer per literal being sent.
 *
 * <p>A stream that ends before {@code size} octets fails the write (the literal would be out of step with the
 * command), and with it the connection; so does a stream that throws. {@link #close} closes the stream (at once, or
 * when a read in progress returns).
 */
final class LiteralInput implements ChunkedInput<ByteBuf> {
    static final int CHUNK = 64 * 1024;
    private final InputStream in;
    private final long size;
    private final Executor reader;
    private final Runnable resume;
    private final LongConsumer progress;
    private final byte[] buffer;
    /** Guarded by this: octets handed to the engine, a chunk read and not yet handed, a read in progress. */
    private long handed;
    private int ready = -1;
    private boolean reading;
    private IOException failure;
    private boolean closed;

    /**
     * @param reader   where the stream is read (the engine's workers)
     * @param resume   wakes the engine when a chunk is ready after {@link #readChunk} answered null (any thread)
     * @param progress the octets of each chunk handed to the socket (I/O thread)
     */
    LiteralInput(InputStream in, long size, Executor reader, Runnable resume, LongConsumer progress) {
        this.in = in;
        this.size = size;
        this.reader = reader;
        this.resume = resume;
        this.progress = progress;
        this.buffer = new byte[(int) Math.min(CHUNK, size)];
    }

    @Override
    public synchronized boolean isEndOfInput() {
        return handed == size;
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        ByteBuf chunk;
        int n;
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (handed == size || reading) {
                return null;
            }
            if (ready < 0) {
                startRead();
                return null;
            }
            chunk = allocator.buffer(ready);
            chunk.writeBytes(buffer, 0, ready);
            n = ready;
            handed += n;
            ready = -1;
            if (handed < size) {
                startRead(); // the next chunk is read while the socket takes this one
            }
        }
        progress.accept(n);
        return chunk;
    }

    /** Reads the next chunk on the reader (holding this). */
    private void startRead() {
        reading = true;
        int want = (int) Math.min(buffer.length, size - handed);
        try {
            reader.execute(() -> fill(want));
        } catch (RuntimeException e) {
            reading = false;
            failure = new IOException("cannot read the literal: " + e, e);
            resume.run();
        }
    }

    /** Fills the buffer with {@code want} octets (the reader's thread). */
    private void fill(int want) {
        IOException error = null;
        int filled = 0;
        try {
            while (filled < want) {
                int offset = filled;
                int n = org.ixp.engine.Blocking.call(() -> in.read(buffer, offset, want - offset));
                if (n < 0) {
                    long missing = size - handedNow() - filled;
                    throw new IOException("the message stream ended " + missing + " octets before its announced size");
                }
                filled += n;
            }
        } catch (IOException e) {
            error = e;
        } catch (RuntimeException e) {
            error = new IOException("reading the message stream failed: " + e, e);
        }
        boolean closeNow;
        synchronized (this) {
            reading = false;
            if (error != null) {
                failure = error;
            } else {
                ready = filled;
            }
            closeNow = closed;
        }
        if (closeNow) {
            closeStream();
            return;
        }
        resume.run();
    }

    private synchronized long handedNow() {
        return handed;
    }

    @Override
    public void close() {
        boolean closeNow;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeNow = !reading;
        }
        if (closeNow) {
            closeStream();
        }
    }

    private void closeStream() {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream's own close failure changes nothing
        }
    }

    @Override
    public long length() {
        return size;
    }

    @Override
    public synchronized long progress() {
        return handed;
    }
}
