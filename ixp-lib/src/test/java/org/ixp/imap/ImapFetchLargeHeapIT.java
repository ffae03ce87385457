package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ixp.CmdType;
import org.ixp.InternetTransport;
import org.ixp.IxpCode;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 200 MiB message fetched from Dovecot with this JVM's heap capped at 64 MB (failsafe's large-heap execution), as
 * lab user dave: {@code BODY.PEEK[]} over a COMPRESS=DEFLATE session (the default when offered) and
 * {@code BINARY.PEEK[]} (RFC 3516, when offered) over an uncompressed one, each streamed into a SHA-256 digest that
 * must equal the digest of the seeded message as IMAP serves it (the Maildir file with CRLF line ends). The mailbox
 * {@code ixp-big-RUN} is seeded in {@link #seed()} with {@code lab/seed-mail dave 1 209715200 ixp-big-RUN} and
 * deleted in {@link #delete()}.
 *
 * <p>Memory: the live heap is measured after full collections inside the callback every 10 MiB of body (so chunks
 * still queued for the callback count). Typically it stays within the ≤ 2 MiB the engine lets queue before it
 * stops reading: the median of the 20 checkpoints must stay within 4 MiB of the heap before the FETCH, and the heap
 * must be back within 4 MiB after. On the COMPRESS session a checkpoint now and then catches a transient of +8 to
 * about +21 MiB: whole 4 MiB chunks of Netty's pooled heap arena (the JDK SSLEngine's and the inflater's buffers
 * are heap buffers; the inflated buffers themselves stay under 16 KiB here, and with
 * {@code io.netty.allocator.type=unpooled} the transients stayed under +6 MiB over 40 checkpoints). So the highest
 * checkpoint is bounded at +32 MiB, half the cap, not at zero. Neither bound can be met by holding the 200 MiB body
 * or by letting chunks pile up ahead of the consumer.
 */
class ImapFetchLargeHeapIT {
    private static final long SIZE = 200L << 20;
    private static final long BIG = 0xb16;
    private static final long CHECKPOINT = 10L << 20;
    /** The usual live-heap growth while streaming (median of the checkpoints): the engine lets 2 MiB queue. */
    private static final long TYPICAL = 4L << 20;
    /** The highest checkpoint's growth: buffer-pool chunks and the engine's read-ahead, never the body. */
    private static final long TRANSIENT = 32L << 20;
    /** Growth left once the FETCH is over. */
    private static final long AFTER = 4L << 20;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BOX = "ixp-big-" + UUID.randomUUID().toString().substring(0, 8);

    private static long crlfSize;
    private static String digest;

    @BeforeAll
    static void seed() throws Exception {
        LabMail.seed(LabMail.DAVE, 1, SIZE, BOX);
        List<LabMail.Seeded> files = LabMail.seeded(LabMail.DAVE, BOX);
        assertThat(files).hasSize(1);
        crlfSize = files.get(0).crlfSize();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long n = 0;
        byte[] in = new byte[64 * 1024];
        byte[] out = new byte[2 * in.length];
        try (InputStream s = Files.newInputStream(files.get(0).file())) {
            for (int r; (r = s.read(in)) > 0; ) {
                int o = 0;
                for (int i = 0; i < r; i++) {
                    if (in[i] == '\n') {
                        out[o++] = '\r'; // the seeder writes LF; IMAP serves CRLF
                    }
                    out[o++] = in[i];
                }
                sha.update(out, 0, o);
                n += o;
            }
        }
        assertThat(n).as("CRLF size of the file vs its W= field").isEqualTo(crlfSize);
        assertThat(crlfSize).isGreaterThan(SIZE);
        digest = HexFormat.of().formatHex(sha.digest());
    }

    @AfterAll
    static void delete() throws Exception {
        LabMail.doveadm("mailbox", "delete", "-u", Lab.get().user(LabMail.DAVE), BOX);
    }

    /** Digests the body parts of the big FETCH as they arrive; checks offsets and chunk sizes; keeps nothing. */
    private static final class BodyDigest extends ImapRecorder {
        final MessageDigest sha;
        final List<Long> heap = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<ImapEvent.Fetch> fetches = new ArrayList<>();
        long received;
        long parts;
        int done;
        String tag;

        BodyDigest() throws Exception {
            sha = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void onCommand(CmdType type, String line, IxpCode response, InternetTransport<?> transport) {
            // keep nothing
        }

        @Override
        public void onResponse(ImapResponse r, ImapTransport transport) {
            if (r.wParam() != BIG) {
                imap.add(r);
                return;
            }
            if (r.type() == ImapResponseType.UPDATE_MSG) {
                fetches.add(r.data(ImapEvent.Fetch.class));
                return;
            }
            if (r.type() != ImapResponseType.FETCH_BODY) {
                imap.add(r);
                return;
            }
            ImapResponse.FetchBodyPart p = r.data(ImapResponse.FetchBodyPart.class);
            if (p.offset() != received || p.data().length > ImapDecoder.MAX_CHUNK || p.totalBytes() != crlfSize
                    || p.seq() != 1 || done > 0) {
                if (problems.size() < 10) {
                    problems.add("part at " + p.offset() + " (" + p.data().length + " octets, total "
                            + p.totalBytes() + ", seq " + p.seq() + ") after " + received + " octets, " + done
                            + " bodies done");
                }
            }
            tag = p.bodyTag();
            long before = received;
            sha.update(p.data());
            received += p.data().length;
            parts++;
            if (p.done()) {
                done++;
            }
            if (before / CHECKPOINT != received / CHECKPOINT) {
                heap.add(HeapProbe.afterGc());
            }
        }
    }

    private BodyDigest fetch(boolean compression, String item) throws Exception {
        BodyDigest cb = new BodyDigest();
        ImapTransport t = new ImapTransport();
        t.initNew(null, cb, cb.executor());
        try {
            t.connect(LabMail.imap(LabMail.DAVE, WAIT).compression(compression).build(), true, false)
                    .get(60, TimeUnit.SECONDS);
            if (item.startsWith("BINARY") && !t.hasCapability("BINARY")) {
                return null;
            }
            ImapMailbox m = t.examine(BOX).get(60, TimeUnit.SECONDS);
            assertThat(m.exists()).isEqualTo(1);
            RangeList uid = new RangeList(true);
            uid.addSingleValue(1);
            cb.drain();
            long before = HeapProbe.afterGc();
            long t0 = System.nanoTime();
            ImapCompletion ok = t.fetch(BIG, 0, null, uid, true, "(UID RFC822.SIZE " + item + ")")
                    .get(600, TimeUnit.SECONDS);
            long ns = System.nanoTime() - t0;
            cb.drain();
            long after = HeapProbe.afterGc();
            assertThat(ok.status()).isEqualTo(ImapStatus.OK);
            System.out.printf("ImapFetchLargeHeapIT: %s of %d octets (compression %s) in %d ms (%.0f MiB/s), %d parts;"
                            + " heap after GC: before %s, every 10 MiB %s, after %s (max heap %s)%n", item,
                    cb.received, compression && t.hasCapability("COMPRESS=DEFLATE"), ns / 1_000_000,
                    cb.received / 1048576.0 / (ns / 1e9), cb.parts, HeapProbe.mib(before),
                    cb.heap.stream().map(HeapProbe::mib).toList(), HeapProbe.mib(after),
                    HeapProbe.mib(Runtime.getRuntime().maxMemory()));
            assertThat(cb.problems).isEmpty();
            assertThat(cb.received).as("octets streamed").isEqualTo(crlfSize);
            assertThat(cb.done).as("bodies completed").isEqualTo(1);
            assertThat(HexFormat.of().formatHex(cb.sha.digest())).as("SHA-256 of the %s body", item)
                    .isEqualTo(digest);
            assertThat(cb.fetches).hasSize(1);
            ImapEvent.Fetch f = cb.fetches.get(0);
            assertThat(f.uid()).hasValue(1);
            assertThat(f.rfc822Size()).hasValue(crlfSize);
            assertThat(f.item(FetchItem.Body.class)).get().extracting(FetchItem.Body::size).isEqualTo(crlfSize);
            assertThat(cb.heap).as("checkpoints every 10 MiB").hasSize((int) (crlfSize / CHECKPOINT));
            long[] sorted = cb.heap.stream().mapToLong(Long::longValue).sorted().toArray();
            String seen = "before " + HeapProbe.mib(before) + ", checkpoints " + cb.heap.stream().map(HeapProbe::mib)
                    .toList();
            assertThat(sorted[sorted.length / 2] - before).as("median live heap growth while streaming (%s)", seen)
                    .isLessThan(TYPICAL);
            assertThat(sorted[sorted.length - 1] - before).as("highest live heap growth while streaming (%s)", seen)
                    .isLessThan(TRANSIENT);
            assertThat(after - before).as("live heap growth after the fetch (%s, after %s)", seen,
                    HeapProbe.mib(after)).isLessThan(AFTER);
            return cb;
        } finally {
            if (t.isState(org.ixp.IsState.CONNECTED)) {
                t.disconnect().get(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void twoHundredMegabyteBodyPeekInConstantMemory() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap cap").isLessThanOrEqualTo(80L << 20);
        BodyDigest cb = fetch(true, "BODY.PEEK[]");
        assertThat(cb.tag).isEqualTo("BODY[]");
    }

    @Test
    void twoHundredMegabyteBinaryPeekInConstantMemory() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap cap").isLessThanOrEqualTo(80L << 20);
        BodyDigest cb = fetch(false, "BINARY.PEEK[]");
        org.junit.jupiter.api.Assumptions.assumeTrue(cb != null, "the server does not offer BINARY");
        assertThat(cb.tag).isEqualTo("BINARY[]");
    }
}
