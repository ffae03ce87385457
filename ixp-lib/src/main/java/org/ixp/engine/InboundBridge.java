package org.ixp.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * The last handler of every pipeline: accumulates received bytes, runs the protocol's sans-I/O decoder over them
 * and hands each event to the session. Bytes left over after an event that switches the connection to TLS are
 * plaintext injected by a man in the middle and end the session.
 */
final class InboundBridge<E> extends ChannelInboundHandlerAdapter {
    private final Session<E> session;
    private ByteBuf cumulation;

    InboundBridge(Session<E> session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        session.activity();
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        try {
            ProtocolDecoder<E> decoder = session.decoder();
            // Not "while readable": a decoder may have several events ready after consuming its last bytes
            // (ProtocolDecoder's contract), so it is asked until it says it needs more.
            while (cumulation != null && session.accepting()) {
                E event = decoder.decode(cumulation);
                if (event == null) {
                    break;
                }
                session.onEvent(event);
                if (session.streamSwitchPending() && cumulation != null && cumulation.isReadable()) {
                    session.bytesAfterGoAhead(cumulation.readableBytes());
                    break;
                }
            }
        } catch (RuntimeException e) {
            session.failed(e);
        } finally {
            if (cumulation != null) {
                if (!cumulation.isReadable()) {
                    cumulation.release();
                    cumulation = null;
                } else {
                    cumulation.discardSomeReadBytes();
                }
            }
            session.streamSwitchSettled();
            session.flush();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.readBatchEnded(cumulation != null && cumulation.isReadable());
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.activity();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        session.channelClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.failed(cause);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
