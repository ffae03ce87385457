package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.CarolLab.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/**
 * CONDSTORE / QRESYNC resync against the lab's Dovecot as carol: session A caches a mailbox's state, session B
 * changes flags and expunges, then A resyncs with QRESYNC and a fresh session with CONDSTORE alone; both must find
 * exactly B's changes.
 */
class ImapResyncIT {
    private final CarolLab lab = new CarolLab();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** What a sync client caches about a mailbox. */
    private record Cache(long uidValidity, long highestModSeq, RangeList uids, Map<Long, List<String>> flags) {
    }

    private static RangeList uidSet(long... uids) {
        RangeList r = new RangeList(true);
        for (long u : uids) {
            r.addSingleValue(u);
        }
        return r;
    }

    private static List<String> withoutRecent(List<String> flags) {
        return flags.stream().filter(f -> !f.equalsIgnoreCase("\\Recent")).sorted().toList();
    }

    /** SELECT (CONDSTORE), UID FETCH 1:* (UID FLAGS): the cache. */
    private static Cache cache(ImapTransport t, ImapRecorder cb, String box) throws Exception {
        ImapMailbox m = get(t.select(box, true));
        cb.imap.clear();
        RangeList all = new RangeList(true);
        all.addRange(1, RangeList.LAST_MESSAGE);
        get(t.uidFetch(m.uidValidity(), all, "(UID FLAGS)"));
        Map<Long, List<String>> flags = new TreeMap<>();
        RangeList uids = new RangeList(true);
        for (ImapResponse r : cb.of(ImapResponseType.UPDATE_MSG)) {
            ImapEvent.Fetch f = r.data(ImapEvent.Fetch.class);
            flags.put(f.uid().getAsLong(), withoutRecent(f.flags().orElseThrow()));
            uids.addSingleValue(f.uid().getAsLong());
        }
        return new Cache(m.uidValidity(), m.highestModSeq(), uids, flags);
    }

    /** Session B: \Flagged on 2 and 5, \Seen on 7, 3 and 8 expunged. */
    private void changeInSecondSession(String box, long uidValidity) throws Exception {
        ImapTransport b = lab.open(new ImapRecorder());
        try {
            get(b.select(box));
            get(b.uidStore(uidValidity, uidSet(2, 5), "+FLAGS.SILENT (\\Flagged)"));
            get(b.uidStore(uidValidity, uidSet(7), "+FLAGS.SILENT (\\Seen)"));
            get(b.uidStore(uidValidity, uidSet(3, 8), "+FLAGS.SILENT (\\Deleted)"));
            get(b.expunge());
        } finally {
            get(b.disconnect());
        }
    }

    private static Map<Long, List<String>> flagsOf(List<ImapEvent.Fetch> changed) {
        Map<Long, List<String>> out = new TreeMap<>();
        for (ImapEvent.Fetch f : changed) {
            out.put(f.uid().getAsLong(), withoutRecent(f.flags().orElseThrow()));
        }
        return out;
    }

    @Test
    void qresyncAndCondstoreResyncFindExactlyTheOtherSessionsChanges() throws Exception {
        String box = "ixpx-resync-" + run;
        lab.seed(10, 400, box);
        ImapRecorder cbA = new ImapRecorder();
        ImapTransport a = lab.open(cbA);
        ImapTransport c = null;
        try {
            assertThat(a.hasCapability("QRESYNC")).as("Dovecot offers QRESYNC").isTrue();
            Cache cache = cache(a, cbA, box);
            assertThat(cache.uids().toImapString()).isEqualTo("1:10");
            get(a.unselect());

            changeInSecondSession(box, cache.uidValidity());
            Map<Long, List<String>> expected = Map.of(2L, List.of("\\Flagged"), 5L, List.of("\\Flagged"),
                    7L, List.of("\\Seen"));

            cbA.imap.clear();
            ImapResync q = get(a.resync(box, cache.uidValidity(), cache.highestModSeq(), cache.uids()));
            assertThat(q.method()).isEqualTo(ImapResync.Method.QRESYNC);
            assertThat(q.vanished().toImapString()).as("vanished (QRESYNC)").isEqualTo("3,8");
            assertThat(flagsOf(q.changed())).as("changed (QRESYNC)").isEqualTo(expected);
            assertThat(q.changed()).allMatch(f -> f.modSeq().getAsLong() > cache.highestModSeq());
            assertThat(q.mailbox().exists()).isEqualTo(8);
            assertThat(q.mailbox().highestModSeq()).isGreaterThan(cache.highestModSeq());
            assertThat(cbA.of(ImapResponseType.VANISHED)).singleElement()
                    .satisfies(r -> assertThat(r.data(ImapEvent.Vanished.class).uids()).isEqualTo("3,8"));
            assertThat(cbA.of(ImapResponseType.UPDATE_MSG)).hasSize(3);

            // Without known UIDs Dovecot reports what it remembers: at least B's expunges.
            ImapResync noKnown = get(a.resync(box, cache.uidValidity(), cache.highestModSeq(), null));
            assertThat(noKnown.vanished().isInRange(3) && noKnown.vanished().isInRange(8)).isTrue();
            assertThat(flagsOf(noKnown.changed())).isEqualTo(expected);

            c = lab.open(new ImapRecorder());
            assertThat(c.isEnabled("QRESYNC")).isFalse();
            ImapResync cs = get(c.resync(box, cache.uidValidity(), cache.highestModSeq(), cache.uids(),
                    ImapResync.Method.CONDSTORE));
            assertThat(cs.method()).isEqualTo(ImapResync.Method.CONDSTORE);
            assertThat(cs.vanished().toImapString()).as("vanished (CONDSTORE)").isEqualTo("3,8");
            assertThat(flagsOf(cs.changed())).as("changed (CONDSTORE)").isEqualTo(expected);
            assertThat(cs.mailbox().highestModSeq()).isEqualTo(q.mailbox().highestModSeq());

            // Resyncing from the new state finds nothing.
            ImapResync none = get(a.resync(box, cache.uidValidity(), q.mailbox().highestModSeq(),
                    RangeList.parse("1:2,4:7,9:10", true)));
            assertThat(none.vanished().isEmpty()).isTrue();
            assertThat(none.changed()).isEmpty();
        } finally {
            if (c != null) {
                get(c.disconnect());
            }
            CarolLab.quietly(a.unselect());
            get(a.delete(box));
            get(a.disconnect());
        }
    }

    @Test
    void staleUidValidityFailsAndChangesNothing() throws Exception {
        String box = "ixpx-stale-" + run;
        lab.seed(3, 300, box);
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = lab.open(cb);
        try {
            Cache cache = cache(t, cb, box);
            get(t.unselect());
            for (ImapResync.Method method : new ImapResync.Method[] {ImapResync.Method.QRESYNC,
                    ImapResync.Method.CONDSTORE}) {
                try {
                    get(t.resync(box, cache.uidValidity() + 1, cache.highestModSeq(), cache.uids(), method));
                    throw new AssertionError("a stale UIDVALIDITY must fail (" + method + ")");
                } catch (ExecutionException e) {
                    assertThat(IxpException.unwrap(e).code()).as("%s", method)
                            .isEqualTo(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY);
                }
            }
            Cache after = cache(t, cb, box);
            assertThat(after).as("nothing changed").isEqualTo(cache);
        } finally {
            CarolLab.quietly(t.unselect());
            get(t.delete(box));
            get(t.disconnect());
        }
    }

    @Test
    void vanishedDuringTheSessionKeepsTheSequenceTableTrue() throws Exception {
        String box = "ixpx-vanish-" + run;
        lab.seed(6, 300, box);
        ImapRecorder cb = new ImapRecorder();
        ImapTransport a = lab.open(cb);
        try {
            assertThat(get(a.enable(List.of("QRESYNC")))).contains("QRESYNC");
            Cache cache = cache(a, cb, box);
            assertThat(a.getMsgSeqNumToUIDArray()).containsExactly(1, 2, 3, 4, 5, 6);
            changeInSecondSession(box, cache.uidValidity()); // expunges UIDs 3 and 8 (8 does not exist here)
            cb.imap.clear();
            get(a.noop());
            cb.drain();
            assertThat(cb.of(ImapResponseType.VANISHED)).isNotEmpty()
                    .allMatch(r -> !r.data(ImapEvent.Vanished.class).earlier());
            assertThat(cb.of(ImapResponseType.DELETED_MSG)).extracting(r -> r.data(Long.class)).containsExactly(3L);
            assertThat(a.getMsgSeqNumToUIDArray()).containsExactly(1, 2, 4, 5, 6);

            // UID FETCH (CHANGEDSINCE … VANISHED): the VANISHED (EARLIER) the server answers with.
            cb.imap.clear();
            RangeList all = new RangeList(true);
            all.addRange(1, RangeList.LAST_MESSAGE);
            get(a.uidFetch(cache.uidValidity(), all, "(FLAGS)", cache.highestModSeq(), true));
            List<String> earlier = new ArrayList<>();
            for (ImapResponse r : cb.of(ImapResponseType.VANISHED)) {
                ImapEvent.Vanished v = r.data(ImapEvent.Vanished.class);
                assertThat(v.earlier()).isTrue();
                earlier.add(v.uids());
            }
            assertThat(earlier).containsExactly("3");
            assertThat(flagsOf(cb.of(ImapResponseType.UPDATE_MSG).stream().map(r -> r.data(ImapEvent.Fetch.class))
                    .toList())).isEqualTo(Map.of(2L, List.of("\\Flagged"), 5L, List.of("\\Flagged")));
        } finally {
            CarolLab.quietly(a.unselect());
            get(a.delete(box));
            get(a.disconnect());
        }
    }
}
