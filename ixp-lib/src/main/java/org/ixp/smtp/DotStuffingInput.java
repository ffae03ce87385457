package org.ixp.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import org.ixp.engine.PrefetchingReader;

/**
 * A message {@link InputStream} as DATA chunks for the engine's streaming write: up to 64 KiB read at a time,
 * passed through a {@link DotStuffer}; the terminator travels in the last chunk, so a small message is one write.
 * Reports the input bytes consumed to {@code progress} after each chunk. Constant memory for any message size.
 *
 * <p>Where the stream is read: a {@link ByteArrayInputStream} (it never waits) on the I/O thread, within the call
 * that encodes it (the read buffer is one per I/O thread); any other stream on a worker, one chunk ahead, through
 * a {@link PrefetchingReader}: a pipe, a socket or a slow producer holds up this message only, never the other
 * connections of the event loop or their timers. Until a chunk is ready {@link #readChunk} answers null and the
 * worker wakes the engine through {@link #resumeWith}'s hook.
 */
final class DotStuffingInput implements ChunkedInput<ByteBuf> {
    static final int CHUNK = 64 * 1024;
    private static final io.netty.util.concurrent.FastThreadLocal<byte[]> BUFFER =
            new io.netty.util.concurrent.FastThreadLocal<>() {
                @Override
                protected byte[] initialValue() {
                    return new byte[CHUNK];
                }
            };
    private final InputStream in;
    private final DotStuffer stuffer;
    private final LongConsumer progress;
    /** Null when the stream is read inline (it never waits). */
    private final PrefetchingReader ahead;
    private volatile Runnable resume = () -> { };
    private long consumed;
    private boolean ended;

    /** Reads {@code in} on the I/O thread, whatever it is (tests, benchmarks of the encoding). */
    DotStuffingInput(InputStream in, boolean stuffDots, LongConsumer progress) {
        this(in, stuffDots, progress, null);
    }

    /** Reads {@code in} on {@code reader} unless it never waits (a {@link ByteArrayInputStream}). */
    DotStuffingInput(InputStream in, boolean stuffDots, LongConsumer progress, Executor reader) {
        this.in = in;
        this.stuffer = new DotStuffer(stuffDots);
        this.progress = progress;
        this.ahead = reader == null || neverWaits(in) ? null
                : new PrefetchingReader(in, CHUNK, -1, reader, () -> resume.run());
    }

    /** Whether reading {@code in} can never wait: only then is it read on an I/O thread. */
    static boolean neverWaits(InputStream in) {
        return in.getClass() == ByteArrayInputStream.class;
    }

    /** What wakes the engine when a chunk read on a worker is ready (set before the first {@link #readChunk}). */
    void resumeWith(Runnable wake) {
        this.resume = wake;
    }

    @Override
    public boolean isEndOfInput() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        if (ahead != null) {
            ahead.close();
        } else {
            in.close();
        }
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws IOException {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        if (ended) {
            return null;
        }
        if (ahead != null) {
            return readAhead(allocator);
        }
        byte[] buffer = BUFFER.get();
        int filled = 0;
        boolean eof = false;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                eof = true;
                break;
            }
            filled += n;
        }
        return encode(allocator, buffer, filled, eof);
    }

    /** The next chunk read on the worker, encoded; null if it is not ready yet. */
    private ByteBuf readAhead(ByteBufAllocator allocator) throws IOException {
        ByteBuf[] out = new ByteBuf[1];
        int n = ahead.take((buffer, length, last) -> out[0] = encode(allocator, buffer, length, last));
        return n < 0 ? null : out[0];
    }

    private ByteBuf encode(ByteBufAllocator allocator, byte[] buffer, int filled, boolean eof) {
        ByteBuf out = allocator.buffer(DotStuffer.maxOutput(filled) + 5);
        stuffer.encode(buffer, 0, filled, out);
        if (filled > 0) {
            consumed += filled;
            progress.accept(consumed);
        }
        if (eof) {
            stuffer.finish(out);
            ended = true;
        }
        return out;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return consumed;
    }
}
