package org.ixp.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.ixp.Limits;
import org.ixp.pop3.Pop3Decoder;
import org.ixp.pop3.Pop3Event;
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
 * POP3 RETR de-stuffing through the public {@link Pop3Decoder}: 1 MiB per operation (ops/s = MiB/s) of pipelined
 * RETR replies — {@code +OK}, a 10 KB message with every 50th line dot-stuffed, {@code .} — decoded into chunks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Pop3DecodeBench {
    private ByteBuf wire;
    private int messages;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder msg = new StringBuilder();
        int line = 0;
        while (msg.length() < 10_000) {
            msg.append(line++ % 50 == 0 ? ".." : "").append("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJz"
                    + "dHV2d3h5ejAxMjM0\r\n");
        }
        StringBuilder all = new StringBuilder(1 << 20);
        String one = "+OK " + msg.length() + " octets\r\n" + msg + ".\r\n";
        while (all.length() + one.length() <= 1 << 20) {
            all.append(one);
            messages++;
        }
        while (all.length() < 1 << 20) {
            all.append(' '); // padding after the last reply: never read
        }
        wire = Unpooled.wrappedBuffer(all.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wire.release();
    }

    @Benchmark
    public void retrDestuff(Blackhole bh) {
        Pop3Decoder d = new Pop3Decoder(Limits.DEFAULT);
        for (int i = 0; i < messages; i++) {
            d.expect(Pop3Decoder.Response.STREAM);
        }
        wire.readerIndex(0);
        int ends = 0;
        while (ends < messages) {
            Pop3Event e = d.decode(wire);
            if (e == null) {
                throw new IllegalStateException("decoder wants more bytes");
            }
            if (e instanceof Pop3Event.End) {
                ends++;
            }
            bh.consume(e);
        }
    }
}
