package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.imap.ExtensionSession.connected;
import static org.ixp.imap.ImapFixture.failure;
import static org.ixp.imap.ImapFixture.get;

import java.util.Map;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/** MOVE (RFC 6851) and COPY with COPYUID (UIDPLUS, RFC 4315) against a scripted server. */
class ImapMoveCopyTest {

    @Test
    void uidMoveTakesTheUntaggedCopyUidAndTheExpunges() throws Exception {
        try (ImapFixture f = connected("MOVE UIDPLUS", c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* 4 EXISTS");
            c.send("* OK [UIDVALIDITY 77] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 FETCH 1:* (UID)");
            c.send("* 1 FETCH (UID 5)");
            c.send("* 2 FETCH (UID 6)");
            c.send("* 3 FETCH (UID 8)");
            c.send("* 4 FETCH (UID 9)");
            c.send("a4 OK done");
            c.expect("a5 UID MOVE 5:6,9 Trash");
            c.send("* OK [COPYUID 432432 5:6,9 3:5] Moved UIDs.");
            c.send("* 4 EXPUNGE");
            c.send("* 2 EXPUNGE");
            c.send("* 1 EXPUNGE");
            c.send("a5 OK [HIGHESTMODSEQ 55] Move completed");
            ImapFixture.logout(c, "a6");
        })) {
            get(f.transport.select("INBOX"));
            RangeList all = new RangeList();
            all.addRange(1, RangeList.LAST_MESSAGE);
            get(f.transport.fetch(all, "(UID)"));
            ImapCompletion moved = get(f.transport.uidMove(77, RangeList.parse("5:6,9", true), "Trash"));
            ResponseCode.CopyUid copy = moved.copyUid().orElseThrow();
            assertThat(copy.uidValidity()).isEqualTo(432432);
            assertThat(copy.mapping()).containsExactly(Map.entry(5L, 3L), Map.entry(6L, 4L), Map.entry(9L, 5L));
            assertThat(moved.highestModSeq().orElseThrow().value()).isEqualTo(55);
            assertThat(f.transport.getMsgSeqNumToUIDArray()).containsExactly(8);
            get(f.transport.disconnect());
            assertThat(f.callback.of(ImapResponseType.DELETED_MSG)).hasSize(3);
        }
    }

    @Test
    void uidCopyMappingComesFromTheTaggedReply() throws Exception {
        try (ImapFixture f = connected("UIDPLUS", c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* OK [UIDVALIDITY 77] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 UID COPY 2,4:5 Archive");
            c.send("a4 OK [COPYUID 9 4:5,2 10:12] Copy completed");
            c.expect("a5 UID COPY 1 Archive");
            c.send("a5 OK [COPYUID 9 1:2 10] broken");
            ImapFixture.logout(c, "a6");
        })) {
            get(f.transport.select("INBOX"));
            ImapCompletion copied = get(f.transport.uidCopy(77, RangeList.parse("2,4:5", true), "Archive"));
            assertThat(copied.copyUid().orElseThrow().mapping())
                    .as("pairs follow the order the server wrote the sets in")
                    .containsExactly(Map.entry(4L, 10L), Map.entry(5L, 11L), Map.entry(2L, 12L));
            ResponseCode.CopyUid bad = get(f.transport.uidCopy(77, RangeList.parse("1", true), "Archive"))
                    .copyUid().orElseThrow();
            assertThatThrownBy(bad::mapping)
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE);
            assertThat(failure(f.transport.uidCopy(78, RangeList.parse("1", true), "Archive")).code())
                    .as("a stale UIDVALIDITY: nothing sent, no tag taken (the server expects a6 LOGOUT next)")
                    .isEqualTo(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY);
            assertThatThrownBy(() -> f.transport.uidMove(77, RangeList.parse("1", true), "Archive"))
                    .as("no MOVE offered").matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            get(f.transport.disconnect());
        }
    }
}
