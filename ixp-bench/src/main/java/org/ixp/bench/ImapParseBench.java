package org.ixp.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.ixp.Limits;
import org.ixp.imap.ImapDecoder;
import org.ixp.imap.ImapEvent;
import org.ixp.imap.ImapTransport;
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
 * IMAP response parsing through the public {@link ImapDecoder}: 1 MiB of FETCH responses per operation (ops/s =
 * MiB/s), fed in 64 KiB reads as a socket delivers them, every event consumed. The streams are built on what the lab's
 * Dovecot 2.3 sends (captured from {@code bench/run}'s mailboxes, numbers and dates varied per message):
 *
 * <ul>
 *   <li>{@code fetchBodies}: {@code * n FETCH (BODY[] {10451}} + a 10 KB message (CRLF lines) + {@code )} —
 *       the bodies workload; bodies leave as streamed chunks;</li>
 *   <li>{@code fetchEnvelopes}: {@code * n FETCH (UID n FLAGS (\Seen) RFC822.SIZE n INTERNALDATE "…" ENVELOPE
 *       (…))}, about 400 octets each — the headers workload; each parsed into an {@link ImapEvent.Fetch} with its
 *       {@code Envelope}.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ImapParseBench {
    private static final int MIB = 1 << 20;
    private static final int READ = 64 * 1024;

    private ByteBuf[] bodyReads;
    private int bodyResponses;
    private ByteBuf[] envelopeReads;
    private int envelopeResponses;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] b = bodies();
        bodyResponses = count(b);
        bodyReads = reads(b);
        byte[] e = envelopes();
        envelopeResponses = count(e);
        envelopeReads = reads(e);
    }

    private static ByteBuf[] reads(byte[] all) {
        ByteBuf[] reads = new ByteBuf[(all.length + READ - 1) / READ];
        for (int i = 0; i < reads.length; i++) {
            int from = i * READ;
            reads[i] = Unpooled.wrappedBuffer(all, from, Math.min(READ, all.length - from));
        }
        return reads;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf b : bodyReads) {
            b.release();
        }
        for (ByteBuf b : envelopeReads) {
            b.release();
        }
    }

    @Benchmark
    public int fetchBodies(Blackhole bh) {
        return decode(bodyReads, bodyResponses, bh);
    }

    @Benchmark
    public int fetchEnvelopes(Blackhole bh) {
        return decode(envelopeReads, envelopeResponses, bh);
    }

    private static int decode(ByteBuf[] reads, int responses, Blackhole bh) {
        ImapDecoder d = new ImapDecoder(new Limits(ImapTransport.IMAP_DEFAULT_MAX_LINE,
                Limits.DEFAULT.maxLiteralSize(), Limits.DEFAULT.maxReplyLines()));
        ByteBuf cumulation = Unpooled.buffer(2 * READ);
        int fetches = 0;
        for (ByteBuf read : reads) {
            read.readerIndex(0);
            cumulation.discardSomeReadBytes();
            cumulation.writeBytes(read);
            for (ImapEvent e; (e = d.decode(cumulation)) != null; ) {
                if (e instanceof ImapEvent.Fetch) {
                    fetches++;
                }
                bh.consume(e);
            }
        }
        if (fetches != responses) {
            throw new IllegalStateException("decoded " + fetches + " FETCH responses of " + responses);
        }
        return fetches;
    }

    /** Whole FETCH responses in the stream (the last, cut off at 1 MiB, is not counted: it never completes). */
    private static int count(byte[] all) {
        String s = new String(all, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = s.indexOf("\r\n* "); i >= 0; i = s.indexOf("\r\n* ", i + 1)) {
            n++;
        }
        return n; // each "* " after a CRLF closes the response before it
    }

    static byte[] bodies() {
        StringBuilder sb = new StringBuilder(MIB + 16 * 1024);
        for (int seq = 1; sb.length() < MIB; seq++) {
            String body = message(seq);
            sb.append("* ").append(seq).append(" FETCH (BODY[] {").append(body.length()).append("}\r\n")
                    .append(body).append(")\r\n");
        }
        sb.setLength(MIB);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] envelopes() {
        StringBuilder sb = new StringBuilder(MIB + 1024);
        for (int seq = 1; sb.length() < MIB; seq++) {
            String date = String.format("%02d", seq % 60);
            sb.append("* ").append(seq).append(" FETCH (UID ").append(seq).append(" FLAGS (\\Seen) RFC822.SIZE ")
                    .append(10240 + seq % 300).append(" INTERNALDATE \"24-Nov-2026 20:36:").append(date)
                    .append(" +0000\" ENVELOPE (\"Tue, 24 Nov 2026 20:36:").append(date).append(" GMT\" \"lab seed ")
                    .append(seq).append(" of 10000\" ((\"Lab Seeder\" NIL \"seed\" \"ixp-lab.test\")) "
                            + "((\"Lab Seeder\" NIL \"seed\" \"ixp-lab.test\")) "
                            + "((\"Lab Seeder\" NIL \"seed\" \"ixp-lab.test\")) ((NIL NIL \"frank\" \"localhost\")) "
                            + "NIL NIL NIL \"<seed.18eb1ea394c93c94.").append(seq).append("@ixp-lab.test>\"))\r\n");
        }
        sb.setLength(MIB);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A 10 KB message shaped like lab/seed-mail's: headers, then lines of up to 70 characters. */
    static String message(int seq) {
        StringBuilder m = new StringBuilder(10_600);
        m.append("Return-Path: <seed@ixp-lab.test>\r\nMessage-ID: <seed.18eb1ea394c93c94.").append(seq)
                .append("@ixp-lab.test>\r\nDate: Tue, 24 Nov 2026 20:36:05 GMT\r\n"
                        + "From: Lab Seeder <seed@ixp-lab.test>\r\nTo: frank@localhost\r\nSubject: lab seed ")
                .append(seq)
                .append(" of 10000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n"
                        + "Content-Transfer-Encoding: 7bit\r\nX-Lab-Seq: ").append(seq)
                .append("\r\nX-Lab-Run: 18eb1ea394c93c94\r\n\r\n");
        String words = "bnktofjpcg usewdvdgke iktsebjwc btbjbsiha hzuuuih fn uaevzt piu twkhptkknw ivhcpmi uwycwkoupz "
                + "m oktrsiwuq fbfyadiwy soj a yqygqecjwa fmvvsoqlo tcjuame yht zdydllpigg exgiuzn mglr lhyhkhvk ";
        int k = seq % 50;
        while (m.length() < 10_240) {
            int len = 40 + (k * 7) % 30;
            int from = (k * 13) % (words.length() - len);
            m.append(words, from, from + len).append("\r\n");
            k++;
        }
        return m.toString();
    }
}
