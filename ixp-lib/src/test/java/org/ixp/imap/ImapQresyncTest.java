package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.imap.ExtensionSession.connected;
import static org.ixp.imap.ImapFixture.failure;
import static org.ixp.imap.ImapFixture.get;

import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/** QRESYNC (RFC 7162 §3.2) and the resync API against a scripted server; the Dovecot proof is ImapResyncIT. */
class ImapQresyncTest {
    private static final String QRESYNC_CAPS = "ENABLE CONDSTORE QRESYNC UIDPLUS";

    private static RangeList uids(String set) {
        return RangeList.parse(set, true);
    }

    @Test
    void resyncEnablesQresyncAndReturnsVanishedAndChangedMessages() throws Exception {
        try (ImapFixture f = connected(QRESYNC_CAPS, c -> {
            c.expect("a4 ENABLE QRESYNC");
            c.send("* ENABLED QRESYNC");
            c.send("a4 OK enabled");
            c.expect("a5 SELECT INBOX (QRESYNC (67890007 20050715194045000 41:211,214:541))");
            c.send("* 314 EXISTS");
            c.send("* OK [UIDVALIDITY 67890007] UIDVALIDITY");
            c.send("* OK [UIDNEXT 567] Predicted next UID");
            c.send("* OK [HIGHESTMODSEQ 90060115205545359] Highest mailbox mod-sequence");
            c.send("* VANISHED (EARLIER) 41,43:116,118,120:211,214:540");
            c.send("* 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) MODSEQ (90060115194045001))");
            c.send("* 50 FETCH (UID 119 FLAGS (\\Draft $MDNSent) MODSEQ (90060115194045308))");
            c.send("* 51 FETCH (UID 541 FLAGS (\\Seen $Forwarded) MODSEQ (90060115194045001))");
            c.send("a5 OK [READ-WRITE] mailbox selected");
            ImapFixture.logout(c, "a6");
        })) {
            ImapResync r = get(f.transport.resync(30, 31, null, "INBOX", 67890007, 20050715194045000L,
                    uids("41:211,214:541"), null, null, null));
            assertThat(r.method()).isEqualTo(ImapResync.Method.QRESYNC);
            assertThat(r.vanished().toImapString()).isEqualTo("41,43:116,118,120:211,214:540");
            assertThat(r.changed()).extracting(x -> x.uid().getAsLong()).containsExactly(117L, 119L, 541L);
            assertThat(r.changed().get(1).flags().orElseThrow()).containsExactly("\\Draft", "$MDNSent");
            assertThat(r.mailbox().highestModSeq()).isEqualTo(90060115205545359L);
            assertThat(f.transport.isEnabled("qresync")).isTrue();
            assertThat(f.transport.msgSeqNumToUID(50)).isEqualTo(119);
            get(f.transport.disconnect());
            List<ImapResponse> vanished = f.callback.of(ImapResponseType.VANISHED);
            assertThat(vanished).singleElement().satisfies(v -> {
                assertThat(v.wParam()).isEqualTo(30);
                assertThat(v.data(ImapEvent.Vanished.class).earlier()).isTrue();
            });
            assertThat(f.callback.of(ImapResponseType.UPDATE_MSG)).hasSize(3).allMatch(u -> u.lParam() == 31);
            assertThat(f.callback.of(ImapResponseType.DELETED_MSG)).as("EARLIER never expunges").isEmpty();
        }
    }

    @Test
    void resyncSendsSequenceMatchDataAndSkipsEnableOnceEnabled() throws Exception {
        try (ImapFixture f = connected(QRESYNC_CAPS, c -> {
            c.expect("a4 ENABLE QRESYNC");
            c.send("* ENABLED QRESYNC");
            c.send("a4 OK enabled");
            c.expect("a5 EXAMINE INBOX");
            c.send("* OK [UIDVALIDITY 9] ok");
            c.send("a5 OK [READ-ONLY] done");
            c.expect("a6 SELECT INBOX (QRESYNC (9 77 1:100 (1,50 1,120)))");
            c.send("* OK [CLOSED] previous mailbox closed");
            c.send("* 60 EXISTS");
            c.send("* OK [UIDVALIDITY 9] ok");
            c.send("* OK [HIGHESTMODSEQ 80] ok");
            c.send("a6 OK [READ-WRITE] done");
            ImapFixture.logout(c, "a7");
        })) {
            assertThat(get(f.transport.enable(List.of("QRESYNC")))).containsExactly("QRESYNC");
            get(f.transport.examine("INBOX"));
            RangeList seqs = RangeList.parse("1,50", false);
            RangeList their = RangeList.parse("1,120", true);
            ImapResync r = get(f.transport.resync(1, 0, null, "INBOX", 9, 77, uids("1:100"), seqs, their,
                    ImapResync.Method.QRESYNC));
            assertThat(r.vanished().isEmpty()).isTrue();
            assertThat(r.changed()).isEmpty();
            assertThat(f.transport.getHighestMsgSeqNum()).as("CLOSED then 60 EXISTS").isEqualTo(60);
            get(f.transport.disconnect());
        }
    }

    @Test
    void staleUidValidityFailsAfterTheSelectAndSendsNothingMore() throws Exception {
        try (ImapFixture f = connected(QRESYNC_CAPS, c -> {
            c.expect("a4 ENABLE QRESYNC");
            c.send("* ENABLED QRESYNC");
            c.send("a4 OK enabled");
            c.expect("a5 SELECT Lists (QRESYNC (100 5))");
            c.send("* 2 EXISTS");
            c.send("* OK [UIDVALIDITY 200] changed");
            c.send("* OK [HIGHESTMODSEQ 3] ok");
            c.send("a5 OK [READ-WRITE] done");
            ImapFixture.logout(c, "a6");
        })) {
            IxpException e = failure(f.transport.resync("Lists", 100, 5, null));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY);
            assertThat(e.getMessage()).contains("200").contains("100");
            // Lists is now selected with UIDVALIDITY 200: a second resync with 100 fails before sending anything.
            IxpException again = failure(f.transport.resync("Lists", 100, 5, null));
            assertThat(again.code()).isEqualTo(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY);
            get(f.transport.disconnect());
            assertThat(f.server.received()).filteredOn(l -> l.contains("SELECT")).hasSize(1);
        }
    }

    @Test
    void condstoreResyncFetchesChangesAndDiffsTheKnownUids() throws Exception {
        try (ImapFixture f = connected("CONDSTORE ESEARCH", c -> {
            c.expect("a3 SELECT INBOX (CONDSTORE)");
            c.send("* 4 EXISTS");
            c.send("* OK [UIDVALIDITY 7] ok");
            c.send("* OK [HIGHESTMODSEQ 30] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 20)");
            c.expect("a5 UID SEARCH RETURN (ALL) UID 1:5");
            c.send("* 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (25))");
            c.send("* 4 FETCH (UID 6 FLAGS () MODSEQ (30))");
            c.send("a4 OK fetched");
            c.send("* ESEARCH (TAG \"a5\") UID ALL 1:2,4");
            c.send("a5 OK searched");
            ImapFixture.logout(c, "a6");
        })) {
            ImapResync r = get(f.transport.resync(40, 0, null, "INBOX", 7, 20, uids("1:5"), null, null, null));
            assertThat(r.method()).isEqualTo(ImapResync.Method.CONDSTORE);
            assertThat(r.vanished().toImapString()).isEqualTo("3,5");
            assertThat(r.changed()).extracting(x -> x.uid().getAsLong()).containsExactly(2L, 6L);
            get(f.transport.disconnect());
            ImapResponse v = f.callback.of(ImapResponseType.VANISHED).get(0);
            assertThat(v.wParam()).isEqualTo(40);
            assertThat(v.data(ImapEvent.Vanished.class).uids()).isEqualTo("3,5");
        }
    }

    @Test
    void condstoreResyncWithoutEsearchAndNomodseq() throws Exception {
        try (ImapFixture f = connected("CONDSTORE", c -> {
            c.expect("a3 SELECT INBOX (CONDSTORE)");
            c.send("* OK [UIDVALIDITY 7] ok");
            c.send("* OK [HIGHESTMODSEQ 30] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 30)");
            c.expect("a5 UID SEARCH UID 1:3");
            c.send("a4 OK nothing changed");
            c.send("* SEARCH 1 3");
            c.send("a5 OK searched");
            c.expect("a6 SELECT Old (CONDSTORE)");
            c.send("* OK [UIDVALIDITY 8] ok");
            c.send("* OK [NOMODSEQ] no mod-sequences here");
            c.send("a6 OK [READ-WRITE] done");
            ImapFixture.logout(c, "a7");
        })) {
            assertThatThrownBy(() -> f.transport.resync("INBOX", 7, 30, null, ImapResync.Method.CONDSTORE))
                    .matches(e -> ((IxpException) e).code() == IxpCode.E_INVALIDARG);
            ImapResync r = get(f.transport.resync("INBOX", 7, 30, uids("1:3")));
            assertThat(r.vanished().toImapString()).isEqualTo("2");
            assertThat(failure(f.transport.resync("Old", 8, 30, uids("1:3"))).code())
                    .isEqualTo(IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            get(f.transport.disconnect());
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("a7 UID"));
        }
    }

    @Test
    void refusedEnableFallsBackToCondstoreWhenTheKnownUidsAreGiven() throws Exception {
        try (ImapFixture f = connected(QRESYNC_CAPS, c -> {
            c.expect("a4 ENABLE QRESYNC");
            c.send("a4 BAD ENABLE not allowed once a mailbox has been selected");
            c.expect("a5 SELECT INBOX (CONDSTORE)");
            c.send("* OK [UIDVALIDITY 7] ok");
            c.send("* OK [HIGHESTMODSEQ 30] ok");
            c.send("a5 OK [READ-WRITE] done");
            c.expect("a6 UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 20)");
            c.expect("a7 UID SEARCH UID 1:2");
            c.send("a6 OK fetched");
            c.send("* SEARCH 1 2");
            c.send("a7 OK searched");
            c.expect("a8 ENABLE QRESYNC");
            c.send("a8 BAD not now");
            ImapFixture.logout(c, "a9");
        })) {
            ImapResync r = get(f.transport.resync("INBOX", 7, 20, uids("1:2")));
            assertThat(r.method()).isEqualTo(ImapResync.Method.CONDSTORE);
            assertThat(r.vanished().isEmpty()).isTrue();
            IxpException e = failure(f.transport.resync("INBOX", 7, 20, null));
            assertThat(e.code()).as("no known UIDs: no fallback").isEqualTo(IxpCode.IXP_E_IMAP_BAD);
            get(f.transport.disconnect());
        }
    }

    @Test
    void vanishedWithoutEarlierRemovesFromTheTableHighestFirst() throws Exception {
        try (ImapFixture f = connected(QRESYNC_CAPS, c -> {
            c.expect("a4 ENABLE QRESYNC");
            c.send("* ENABLED QRESYNC");
            c.send("a4 OK enabled");
            c.expect("a5 SELECT INBOX");
            c.send("* 4 EXISTS");
            c.send("* OK [UIDVALIDITY 7] ok");
            c.send("a5 OK [READ-WRITE] done");
            c.expect("a6 FETCH 1:* (UID)");
            for (int i = 1; i <= 4; i++) {
                c.send("* " + i + " FETCH (UID " + (10 + i) + ")");
            }
            c.send("a6 OK done");
            c.expect("a7 NOOP");
            c.send("* VANISHED 11,13");
            c.send("* VANISHED 1:4000000000");
            c.send("a7 OK done");
            ImapFixture.logout(c, "a8");
        })) {
            get(f.transport.enable(List.of("QRESYNC")));
            get(f.transport.select("INBOX"));
            RangeList all = new RangeList();
            all.addRange(1, RangeList.LAST_MESSAGE);
            get(f.transport.fetch(all, "(UID)"));
            assertThat(f.transport.getMsgSeqNumToUIDArray()).containsExactly(11, 12, 13, 14);
            get(f.transport.noop());
            f.callback.drain();
            assertThat(f.transport.getMsgSeqNumToUIDArray()).isEmpty();
            assertThat(f.callback.of(ImapResponseType.DELETED_MSG)).extracting(r -> r.data(Long.class))
                    .containsExactly(3L, 1L, 2L, 1L);
            assertThat(f.callback.of(ImapResponseType.VANISHED)).hasSize(2)
                    .allMatch(r -> !r.data(ImapEvent.Vanished.class).earlier());
            get(f.transport.disconnect());
        }
    }
}
