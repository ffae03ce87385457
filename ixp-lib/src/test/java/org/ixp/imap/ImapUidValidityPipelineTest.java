package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.ExtensionSession.connected;
import static org.ixp.imap.ImapFixture.failure;
import static org.ixp.imap.ImapFixture.get;

import java.util.concurrent.CompletableFuture;
import org.ixp.IxpCode;
import org.junit.jupiter.api.Test;

/**
 * UIDs travel with their UIDVALIDITY also when a {@code uid…} call is pipelined right behind a SELECT: the check is
 * made as the command goes out, after the SELECT (a barrier) has completed, against the mailbox it will act on.
 */
class ImapUidValidityPipelineTest {

    @Test
    void aUidStoreBehindASelectOfAnotherMailboxFailsAndSendsNothing() throws Exception {
        try (ImapFixture f = connected("UIDPLUS", c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* OK [UIDVALIDITY 77] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 SELECT Archive");
            c.send("* OK [UIDVALIDITY 99] ok");
            c.send("a4 OK [READ-WRITE] done");
            ImapFixture.logout(c, "a5"); // the UID STORE must never reach the server
        })) {
            get(f.transport.select("INBOX"));
            CompletableFuture<ImapMailbox> archive = f.transport.select("Archive");
            // called while INBOX (77) is still the selected mailbox, but it would run in Archive (99)
            CompletableFuture<ImapCompletion> store = f.transport.uidStore(77, RangeList.parse("1:3", true),
                    "+FLAGS (\\Deleted)");
            assertThat(get(archive).uidValidity()).isEqualTo(99L);
            assertThat(failure(store).code()).isEqualTo(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY);
            get(f.transport.disconnect());
        }
    }

    @Test
    void aUidFetchBehindTheSelectOfItsMailboxGoesOut() throws Exception {
        try (ImapFixture f = connected("UIDPLUS", c -> {
            c.expect("a3 SELECT Archive");
            c.send("* OK [UIDVALIDITY 99] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 UID FETCH 7 (FLAGS)");
            c.send("* 1 FETCH (UID 7 FLAGS (\\Seen))");
            c.send("a4 OK done");
            ImapFixture.logout(c, "a5");
        })) {
            // nothing selected yet when uidFetch is called: the check waits for the SELECT before it
            CompletableFuture<ImapMailbox> archive = f.transport.select("Archive");
            CompletableFuture<ImapCompletion> fetch = f.transport.uidFetch(99, RangeList.parse("7", true), "(FLAGS)");
            get(archive);
            assertThat(get(fetch).status()).isEqualTo(ImapStatus.OK);
            get(f.transport.disconnect());
        }
    }
}
