package org.ixp.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.ixp.Limits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SMTP hot paths, 1 MiB of input per operation, so ops/s reads as MiB/s. In package {@code org.ixp.smtp} because
 * the dot-stuffer is package-private. {@link #copyLimit} is the memcpy ceiling for the same bytes;
 * {@link #dotStuffBulkPrototype} is a bulk-copy variant of {@link DotStuffer#encode} (not library code: it
 * measures what the suggested change would buy).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SmtpHotPathsBench {
    static final int MIB = 1 << 20;
    private byte[] message;
    private ByteBuf out;
    private ByteBuf replies;
    private SmtpReplyDecoder decoder;

    @Setup(Level.Trial)
    public void setUp() {
        // message text: base64-like lines, every 50th line starting with "." (stuffed), CRLF line ends
        StringBuilder sb = new StringBuilder(MIB + 100);
        int line = 0;
        while (sb.length() < MIB) {
            sb.append(line++ % 50 == 0 ? ".QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVph" : "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVph")
                    .append("YmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n");
        }
        message = java.util.Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), MIB);
        out = Unpooled.buffer(DotStuffer.maxOutput(MIB) + 8);

        // pipelined SMTP replies as smtp-sink and Postfix send them, and now and then an EHLO reply
        String[] typical = {"250 2.1.0 Ok\r\n", "250 2.1.5 Ok\r\n", "354 End data with <CR><LF>.<CR><LF>\r\n",
            "250 2.0.0 Ok: queued as 4ZxYw12AbCz\r\n"};
        String ehlo = "250-localhost\r\n250-PIPELINING\r\n250-SIZE 104857600\r\n250-8BITMIME\r\n"
                + "250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-DSN\r\n250 SMTPUTF8\r\n";
        StringBuilder r = new StringBuilder(MIB + 200);
        int i = 0;
        while (r.length() < MIB - 200) {
            r.append(i % 100 == 99 ? ehlo : typical[i % typical.length]);
            i++;
        }
        while (r.length() < MIB) {
            r.append("250 ").append("x".repeat(Math.max(0, Math.min(100, MIB - r.length() - 6)))).append("\r\n");
        }
        replies = Unpooled.wrappedBuffer(r.substring(0, MIB).getBytes(StandardCharsets.US_ASCII));
        decoder = new SmtpReplyDecoder(Limits.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
        replies.release();
    }

    /** SmtpReplyDecoder over 1 MiB of pipelined replies (~30,000 replies). */
    @Benchmark
    public void replyDecode(Blackhole bh) {
        replies.readerIndex(0);
        SmtpReply reply;
        while ((reply = decoder.decode(replies)) != null) {
            bh.consume(reply);
        }
    }

    /** DotStuffer.encode: 1 MiB of message to DATA bytes (line ends normalised, dots stuffed). */
    @Benchmark
    public ByteBuf dotStuff() {
        out.clear();
        DotStuffer s = new DotStuffer(true);
        s.encode(message, 0, message.length, out);
        s.finish(out);
        return out;
    }

    /** The real body path: DotStuffingInput chunks (16 KiB reads, pooled direct buffers) for 1 MiB. */
    @Benchmark
    public void dotStuffingInput(Blackhole bh) throws Exception {
        DotStuffingInput in = new DotStuffingInput(new ByteArrayInputStream(message), true, bh::consume);
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        ByteBuf chunk;
        while ((chunk = in.readChunk(alloc)) != null) {
            bh.consume(chunk.readableBytes());
            chunk.release();
        }
    }

    /** The ceiling: the same 1 MiB copied into the buffer with no processing. */
    @Benchmark
    public ByteBuf copyLimit() {
        out.clear();
        out.writeBytes(message);
        return out;
    }

    /** The suggested encode: runs between line ends copied in bulk, one capacity check per call. */
    @Benchmark
    public ByteBuf dotStuffBulkPrototype() {
        out.clear();
        BulkStuffer s = new BulkStuffer();
        s.encode(message, 0, message.length, out);
        return out;
    }

    /** Same semantics as DotStuffer(true).encode; bench-only prototype of the suggested fix. */
    static final class BulkStuffer {
        private boolean atLineStart = true;
        private boolean pendingCr;

        void encode(byte[] in, int off, int len, ByteBuf out) {
            out.ensureWritable(DotStuffer.maxOutput(len));
            int i = off;
            int end = off + len;
            while (i < end) {
                byte b = in[i];
                if (pendingCr) {
                    pendingCr = false;
                    out.writeShort(0x0d0a);
                    atLineStart = true;
                    if (b == '\n') {
                        i++;
                    }
                    continue;
                }
                if (b == '\r') {
                    pendingCr = true;
                    i++;
                    continue;
                }
                if (b == '\n') {
                    out.writeShort(0x0d0a);
                    atLineStart = true;
                    i++;
                    continue;
                }
                if (atLineStart && b == '.') {
                    out.writeByte('.');
                }
                int j = i + 1;
                while (j < end && in[j] != '\r' && in[j] != '\n') {
                    j++;
                }
                out.writeBytes(in, i, j - i);
                atLineStart = false;
                i = j;
            }
        }
    }
}
