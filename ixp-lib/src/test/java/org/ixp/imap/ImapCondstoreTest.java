package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.imap.ExtensionSession.connected;
import static org.ixp.imap.ImapFixture.get;

import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/** CONDSTORE (RFC 7162 §3.1) against a scripted server: SELECT (CONDSTORE), CHANGEDSINCE, UNCHANGEDSINCE, MODSEQ. */
class ImapCondstoreTest {

    private static RangeList uids(long low, long high) {
        RangeList r = new RangeList(true);
        r.addRange(low, high);
        return r;
    }

    @Test
    void selectCondstoreReportsHighestModSeqAndNomodseqReportsNone() throws Exception {
        try (ImapFixture f = connected("CONDSTORE", c -> {
            c.expect("a3 SELECT INBOX (CONDSTORE)");
            c.send("* 3 EXISTS");
            c.send("* OK [UIDVALIDITY 3857529045] UIDs valid");
            c.send("* OK [HIGHESTMODSEQ 715194045007] Highest");
            c.send("a3 OK [READ-WRITE] SELECT completed");
            c.expect("a4 EXAMINE Plain (CONDSTORE)");
            c.send("* 1 EXISTS");
            c.send("* OK [UIDVALIDITY 5] UIDs valid");
            c.send("* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences");
            c.send("a4 OK [READ-ONLY] EXAMINE completed");
            ImapFixture.logout(c, "a5");
        })) {
            ImapMailbox inbox = get(f.transport.select("INBOX", true));
            assertThat(inbox.highestModSeq()).isEqualTo(715194045007L);
            ImapMailbox plain = get(f.transport.examine(9, 0, null, "Plain", true));
            assertThat(plain.highestModSeq()).as("NOMODSEQ mailbox").isNull();
            assertThat(plain.readWrite()).isFalse();
            get(f.transport.disconnect());
        }
    }

    @Test
    void fetchChangedSinceSendsTheModifierAndDeliversModSeqs() throws Exception {
        try (ImapFixture f = connected("CONDSTORE", c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* 4 EXISTS");
            c.send("* OK [UIDVALIDITY 7] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)");
            c.send("* 2 FETCH (UID 6 MODSEQ (12346) FLAGS (\\Seen))");
            c.send("* 4 FETCH (UID 8 MODSEQ (12400) FLAGS (\\Deleted))");
            c.send("a4 OK Conclude fetch");
            ImapFixture.logout(c, "a5");
        })) {
            get(f.transport.select("INBOX"));
            get(f.transport.uidFetch(7, uids(1, RangeList.LAST_MESSAGE), "(FLAGS)", 12345, false));
            assertThat(f.transport.getMsgSeqNumToUIDArray()).containsExactly(0, 6, 0, 8);
            get(f.transport.disconnect());
            List<ImapEvent.Fetch> fetched = f.callback.of(ImapResponseType.UPDATE_MSG).stream()
                    .map(r -> r.data(ImapEvent.Fetch.class)).toList();
            assertThat(fetched).extracting(x -> x.modSeq().getAsLong()).containsExactly(12346L, 12400L);
        }
    }

    @Test
    void vanishedModifierNeedsUidFetchAndQresyncEnabled() throws Exception {
        try (ImapFixture f = connected("CONDSTORE QRESYNC", c -> ImapFixture.logout(c, "a3"))) {
            RangeList seqs = new RangeList();
            seqs.addRange(1, 5);
            assertThatThrownBy(() -> f.transport.fetch(1, 0, null, seqs, false, "(FLAGS)", 5, true))
                    .matches(e -> ((IxpException) e).code() == IxpCode.E_INVALIDARG);
            assertThatThrownBy(() -> f.transport.fetch(1, 0, null, uids(1, 5), true, "(FLAGS)", 5, true))
                    .as("QRESYNC offered but not enabled")
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            get(f.transport.disconnect());
            assertThat(f.server.received()).noneMatch(l -> l.contains("CHANGEDSINCE"));
        }
    }

    @Test
    void storeUnchangedSinceReportsTheModifiedSet() throws Exception {
        try (ImapFixture f = connected("CONDSTORE", c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* 5 EXISTS");
            c.send("* OK [UIDVALIDITY 7] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 UID STORE 1:5 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)");
            c.send("* 1 FETCH (UID 1 MODSEQ (320172342))");
            c.send("* 4 FETCH (UID 4 MODSEQ (320172342))");
            c.send("a4 OK [MODIFIED 2:3,5] Conditional STORE failed");
            c.expect("a5 STORE 2 (UNCHANGEDSINCE 0) -FLAGS (\\Seen)");
            c.send("a5 OK [MODIFIED 2] Conditional STORE failed");
            ImapFixture.logout(c, "a6");
        })) {
            get(f.transport.select("INBOX"));
            ImapCompletion done = get(f.transport.uidStore(7, uids(1, 5), "+FLAGS.SILENT (\\Deleted)", 320162338));
            RangeList modified = done.modified().orElseThrow().toRangeList(true);
            assertThat(modified.toImapString()).isEqualTo("2:3,5");
            assertThat(modified.isUid()).isTrue();
            RangeList two = new RangeList();
            two.addSingleValue(2);
            ImapCompletion zero = get(f.transport.store(1, 2, null, two, false, "-FLAGS (\\Seen)", 0));
            assertThat(zero.modified().orElseThrow().set()).isEqualTo("2");
            get(f.transport.disconnect());
            assertThat(f.callback.of(ImapResponseType.UPDATE_MSG)).hasSize(2);
        }
    }

    @Test
    void modseqSearchCriterionWorksThroughSearchAndESearch() throws Exception {
        try (ImapFixture f = connected("CONDSTORE ESEARCH", c -> {
            c.expect("a3 UID SEARCH RETURN (ALL) MODSEQ 620162338");
            c.send("* ESEARCH (TAG \"a3\") UID ALL 2,5:6 MODSEQ 917162500");
            c.send("a3 OK Search complete");
            c.expect("a4 SEARCH RETURN (MIN COUNT) MODSEQ \"/flags/\\\\draft\" all 620162338");
            c.send("* ESEARCH (TAG \"a4\") MIN 3 COUNT 2 MODSEQ 917162488");
            c.send("a4 OK Search complete");
            ImapFixture.logout(c, "a5");
        })) {
            assertThat(get(f.transport.search("MODSEQ 620162338", true))).containsExactly(2L, 5L, 6L);
            ImapSearchResult r = get(f.transport.esearch("MODSEQ \"/flags/\\\\draft\" all 620162338", false,
                    List.of("MIN", "COUNT")));
            assertThat(r.min()).isEqualTo(3);
            assertThat(r.count()).isEqualTo(2);
            assertThat(r.modSeq()).isEqualTo(917162488L);
            assertThat(r.all()).isNull();
            get(f.transport.disconnect());
        }
    }

    @Test
    void withoutCondstoreTheModifiersAreRefusedBeforeSending() throws Exception {
        try (ImapFixture f = connected("UIDPLUS", c -> ImapFixture.logout(c, "a3"))) {
            RangeList one = new RangeList();
            one.addSingleValue(1);
            assertThatThrownBy(() -> f.transport.store(1, 0, null, one, false, "+FLAGS (\\Seen)", 5))
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            assertThatThrownBy(() -> f.transport.fetch(1, 0, null, one, false, "(FLAGS)", 5, false))
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            assertThatThrownBy(() -> f.transport.select("INBOX", true))
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            assertThatThrownBy(() -> f.transport.resync("INBOX", 7, 5, uids(1, 3)))
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            get(f.transport.disconnect());
            assertThat(f.server.received()).containsExactly("a1 CAPABILITY", "a2 LOGIN alice \"s3cret pass\"",
                    "a3 LOGOUT");
        }
    }
}
