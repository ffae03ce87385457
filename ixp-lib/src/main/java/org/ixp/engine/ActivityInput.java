package org.ixp.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/** A streamed body that tells the watchdog about each chunk it hands to the socket: a long upload is not silence. */
final class ActivityInput implements ChunkedInput<ByteBuf> {
    private final ChunkedInput<ByteBuf> delegate;
    private final Runnable activity;

    ActivityInput(ChunkedInput<ByteBuf> delegate, Runnable activity) {
        this.delegate = delegate;
        this.activity = activity;
    }

    @Override
    public boolean isEndOfInput() throws Exception {
        return delegate.isEndOfInput();
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        activity.run();
        return delegate.readChunk(allocator);
    }

    @Override
    public long length() {
        return delegate.length();
    }

    @Override
    public long progress() {
        return delegate.progress();
    }
}
