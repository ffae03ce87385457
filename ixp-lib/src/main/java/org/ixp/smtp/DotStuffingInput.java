package org.ixp.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A message {@link InputStream} as DATA chunks for the engine's streaming write: 16 KiB read at a time, passed
 * through a {@link DotStuffer}, the terminator appended at the end. Reports the input bytes consumed to
 * {@code progress} after each chunk. Constant memory for any message size.
 */
final class DotStuffingInput implements ChunkedInput<ByteBuf> {
    static final int CHUNK = 16 * 1024;
    private final InputStream in;
    private final DotStuffer stuffer;
    private final LongConsumer progress;
    private final byte[] buffer = new byte[CHUNK];
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
        int n = in.read(buffer, 0, buffer.length);
        ByteBuf out = allocator.buffer(DotStuffer.maxOutput(Math.max(n, 0)) + 3);
        if (n < 0) {
            stuffer.finish(out);
            ended = true;
            return out;
        }
        stuffer.encode(buffer, 0, n, out);
        consumed += n;
        progress.accept(consumed);
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
