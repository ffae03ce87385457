package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ixp.CmdType;
import org.ixp.InternetTransport;
import org.ixp.IxpCode;
import org.junit.jupiter.api.Test;

/**
 * A full sync of a 10,000-message mailbox (UID, FLAGS, RFC822.SIZE, INTERNALDATE, ENVELOPE of every message) from
 * Dovecot with this JVM's heap capped at 64 MB (failsafe's large-heap execution), as lab user dave. The mailbox is
 * seeded by the test with {@code lab/seed-mail dave 10000 2048 ixp-sync-RUN} and deleted at the end; its sizes come
 * from the seeded Maildir files, its flags are set by the test (\Seen on every 5th UID, \Flagged on every 7th).
 *
 * <p>Every FETCH response is checked as it arrives and then dropped: each UID once, the size and flags as seeded,
 * the ENVELOPE parsed and its fields as the seeder wrote them. Memory: the live heap, measured after full
 * collections inside the callback every 2,000 messages (so events still queued for the callback count), must stay
 * within a few MiB of the heap before the FETCH; keeping the 10,000 parsed responses would take far more.
 */
class ImapSyncLargeHeapIT {
    private static final int COUNT = 10_000;
    private static final int SIZE = 2048;
    private static final long SYNC = 0x5eed;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Growth allowed over the heap before the FETCH: the 10,000 responses kept would need several times this. */
    private static final long GROWTH = 4L << 20;

    /** Checks each FETCH of the sync on arrival and keeps only counters. */
    private static final class SyncChecker extends ImapRecorder {
        final long[] sizes;
        final String run;
        final BitSet seen = new BitSet(COUNT + 1);
        final long[] dates = new long[COUNT + 1];
        final AtomicLong fetched = new AtomicLong();
        final AtomicLong bad = new AtomicLong();
        final List<String> problems = new ArrayList<>();
        final List<Long> heap = new ArrayList<>();
        volatile int duplicates;

        SyncChecker(long[] sizes, String run) {
            this.sizes = sizes;
            this.run = run;
        }

        @Override
        public void onCommand(CmdType type, String line, IxpCode response, InternetTransport<?> transport) {
            // keep nothing
        }

        @Override
        public void onResponse(ImapResponse r, ImapTransport transport) {
            if (r.type() != ImapResponseType.UPDATE_MSG_EX || r.wParam() != SYNC) {
                if (r.type() != ImapResponseType.UPDATE_MSG_EX && r.type() != ImapResponseType.UPDATE_MSG) {
                    imap.add(r); // the few others (completions, mailbox data) are kept for the test to read
                }
                return;
            }
            check(r.data(ImapEvent.Fetch.class));
            long n = fetched.incrementAndGet();
            if (n % 2000 == 0) {
                heap.add(HeapProbe.afterGc());
            }
        }

        private void check(ImapEvent.Fetch f) {
            long uid = f.uid().orElse(-1);
            if (uid < 1 || uid > COUNT) {
                problem("UID " + uid + " out of 1.." + COUNT + " in " + f);
                return;
            }
            int i = (int) uid;
            if (seen.get(i)) {
                duplicates++;
                problem("UID " + uid + " seen twice");
            }
            seen.set(i);
            if (f.seq() != uid) {
                problem("UID " + uid + " at sequence number " + f.seq());
            }
            long size = f.rfc822Size().orElse(-1);
            if (size != sizes[i]) {
                problem("UID " + uid + ": RFC822.SIZE " + size + ", seeded " + sizes[i]);
            }
            List<String> flags = new ArrayList<>(f.flags().orElse(List.of("<no FLAGS>")));
            flags.remove("\\Recent");
            List<String> expected = new ArrayList<>();
            if (i % 5 == 0) {
                expected.add("\\Seen");
            }
            if (i % 7 == 0) {
                expected.add("\\Flagged");
            }
            if (flags.size() != expected.size() || !flags.containsAll(expected)) {
                problem("UID " + uid + ": FLAGS " + flags + ", expected " + expected);
            }
            Envelope e = f.envelope().orElse(null);
            if (e == null) {
                problem("UID " + uid + ": no ENVELOPE parsed, items " + f.items());
                return;
            }
            String subject = "lab seed " + i + " of " + COUNT;
            String messageId = "<seed." + run + "." + i + "@ixp-lab.test>";
            boolean from = e.from().size() == 1 && "Lab Seeder".equals(e.from().get(0).name())
                    && "seed@ixp-lab.test".equals(e.from().get(0).email());
            boolean to = e.to().size() == 1 && "dave@localhost".equals(e.to().get(0).email());
            boolean senderReplyTo = e.sender().equals(e.from()) && e.replyTo().equals(e.from()); // RFC 9051 §7.5.2
            boolean none = e.cc().isEmpty() && e.bcc().isEmpty() && e.inReplyTo() == null;
            if (!subject.equals(e.subject()) || !messageId.equals(e.messageId()) || !from || !to || !senderReplyTo
                    || !none) {
                problem("UID " + uid + ": envelope " + e + ", expected subject '" + subject + "', Message-ID "
                        + messageId + ", From Lab Seeder <seed@ixp-lab.test>, To dave@localhost");
            }
            OffsetDateTime date = e.date();
            OffsetDateTime internal = f.internalDate().orElse(null);
            if (date == null || internal == null || !date.toInstant().equals(internal.toInstant())) {
                problem("UID " + uid + ": envelope date " + e.dateText() + " (" + date + "), INTERNALDATE "
                        + internal + ": the seeder makes them equal");
            } else {
                dates[i] = date.toEpochSecond();
            }
        }

        private void problem(String text) {
            bad.incrementAndGet();
            if (problems.size() < 10) {
                problems.add(text);
            }
        }
    }

    private static <T> T get(CompletableFuture<T> f, long seconds) throws Exception {
        return f.get(seconds, TimeUnit.SECONDS);
    }

    @Test
    void fullSyncOfTenThousandMessagesInConstantMemory() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap cap").isLessThanOrEqualTo(80L << 20);
        String box = "ixp-sync-" + UUID.randomUUID().toString().substring(0, 8);
        long t0 = System.nanoTime();
        String run = LabMail.seed(LabMail.DAVE, COUNT, SIZE, box);
        long seededNs = System.nanoTime() - t0;
        long[] sizes = new long[COUNT + 1];
        List<LabMail.Seeded> files = LabMail.seeded(LabMail.DAVE, box);
        assertThat(files).as("seeded files").hasSize(COUNT);
        for (LabMail.Seeded s : files) {
            sizes[s.seq()] = s.crlfSize();
        }
        files = null; // not part of the baseline

        SyncChecker cb = new SyncChecker(sizes, run);
        ImapTransport t = new ImapTransport();
        t.initNew(null, cb, cb.executor());
        try {
            get(t.connect(LabMail.imap(LabMail.DAVE, WAIT).build(), true, false), 60);
            ImapMailbox m = get(t.select(box), 60);
            assertThat(m.exists()).isEqualTo(COUNT);
            assertThat(m.uidNext()).isEqualTo(COUNT + 1);

            RangeList seenSet = new RangeList(true);
            RangeList flaggedSet = new RangeList(true);
            for (int i = 1; i <= COUNT; i++) {
                if (i % 5 == 0) {
                    seenSet.addSingleValue(i);
                }
                if (i % 7 == 0) {
                    flaggedSet.addSingleValue(i);
                }
            }
            get(t.uidStore(m.uidValidity(), seenSet, "+FLAGS.SILENT (\\Seen)"), 60);
            get(t.uidStore(m.uidValidity(), flaggedSet, "+FLAGS.SILENT (\\Flagged)"), 60);
            seenSet = null;
            flaggedSet = null;
            cb.drain();

            t.enableFetchEx(true);
            long before = HeapProbe.afterGc();
            RangeList all = new RangeList(true);
            all.addRange(1, RangeList.LAST_MESSAGE);
            long s0 = System.nanoTime();
            ImapCompletion ok = get(t.fetch(SYNC, 0, null, all, true,
                    "(UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE)"), 300);
            long syncNs = System.nanoTime() - s0;
            cb.drain();
            long after = HeapProbe.afterGc();

            assertThat(ok.status()).isEqualTo(ImapStatus.OK);
            assertThat(cb.problems).as("problems (%d in all)", cb.bad.get()).isEmpty();
            assertThat(cb.fetched.get()).as("FETCH responses").isEqualTo(COUNT);
            assertThat(cb.seen.cardinality()).as("distinct UIDs").isEqualTo(COUNT);
            assertThat(cb.seen.nextClearBit(1)).as("first UID missing").isEqualTo(COUNT + 1);
            assertThat(cb.duplicates).isZero();
            for (int i = 2; i <= COUNT; i++) {
                assertThat(cb.dates[i] - cb.dates[i - 1]).as("seconds between messages %d and %d", i - 1, i)
                        .isEqualTo(1);
            }
            long[] table = t.getMsgSeqNumToUIDArray();
            assertThat(table).hasSize(COUNT);
            for (int s = 1; s <= COUNT; s++) {
                assertThat(table[s - 1]).as("UID of sequence number %d", s).isEqualTo(s);
            }

            long peak = cb.heap.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("ImapSyncLargeHeapIT: seeded %d messages in %d ms; synced in %d ms (%.0f msg/s);"
                            + " heap after GC: before %s, during %s, after %s (max heap %s)%n", COUNT,
                    seededNs / 1_000_000, syncNs / 1_000_000, COUNT / (syncNs / 1e9), HeapProbe.mib(before),
                    cb.heap.stream().map(HeapProbe::mib).toList(), HeapProbe.mib(after),
                    HeapProbe.mib(Runtime.getRuntime().maxMemory()));
            assertThat(cb.heap).as("checkpoints every 2,000 messages").hasSize(COUNT / 2000);
            assertThat(peak - before).as("live heap growth during the sync (before %s, checkpoints %s)",
                    HeapProbe.mib(before), cb.heap.stream().map(HeapProbe::mib).toList()).isLessThan(GROWTH);
            assertThat(after - before).as("live heap growth after the sync").isLessThan(GROWTH);
            get(t.unselect(), 60);
        } finally {
            if (t.isState(org.ixp.IsState.CONNECTED)) {
                t.disconnect().get(20, TimeUnit.SECONDS);
            }
            LabMail.doveadm("mailbox", "delete", "-u", org.ixp.testkit.Lab.get().user(LabMail.DAVE), box);
        }
    }
}
