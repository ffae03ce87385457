package org.ixp.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A message {@link InputStream} as DATA chunks for the engine's streaming write: up to 64 KiB read at a time (the
 * read buffer is one per I/O thread: a chunk is read and encoded within one call, on the channel's event loop),
 * passed through a {@link DotStuffer}; the terminator travels in the last chunk, so a small message is one write.
 * Reports the input bytes consumed to {@code progress} after each chunk. Constant memory for any message size.
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
    private long consumed;
    private boolean ended;

    DotStuffingInput(InputStream in, boolean stuffDots, LongConsumer progress) {
        this.in = in;
        this.stuffer = new DotStuffer(stuffDots);
        this.progress = progress;
    }

    @Override
    public boolean isEndOfInput() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        in.close();
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
