package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.ImapFixture.get;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against an embedded GreenMail IMAP server (in-process, runs anywhere): select, fetch, store, search, append, copy. */
class ImapGreenMailTest {
    private static final String USER = "erin";
    private static final String PASSWORD = "erin-Pa55";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.ALL));

    private static InetServer server() {
        Duration d = Duration.ofSeconds(10);
        return InetServer.builder().serverName("127.0.0.1").port(GREENMAIL.getImap().getPort())
                .security(Security.NONE).allowPlaintextAuth(true).userName(USER).password(PASSWORD)
                .timeouts(new Timeouts(d, d, d, d, Duration.ofSeconds(5))).build();
    }

    @Test
    void roundTrip() throws Exception {
        GreenMailUser user = GREENMAIL.setUser(USER + "@localhost", USER, PASSWORD);
        for (int i = 1; i <= 3; i++) {
            user.deliver(GreenMailUtil.createTextEmail(USER + "@localhost", "frank@localhost", "subject " + i,
                    "body " + i + "\r\n", GREENMAIL.getSmtp().getServerSetup()));
        }
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = new ImapTransport();
        t.initNew(null, cb, cb.executor());
        t.connect(server(), true, true).get(10, TimeUnit.SECONDS);
        try {
            ImapMailbox inbox = get(t.select("INBOX"));
            assertThat(inbox.exists()).isEqualTo(3);
            assertThat(inbox.uidValidity()).isNotNull();
            RangeList all = new RangeList();
            all.addRange(1, RangeList.LAST_MESSAGE);
            get(t.fetch(all, "(UID FLAGS RFC822.SIZE ENVELOPE)"));
            cb.drain();
            assertThat(t.getMsgSeqNumToUIDArray()).hasSize(3).doesNotContain(0L);
            List<ImapEvent.Fetch> fetched = cb.of(ImapResponseType.UPDATE_MSG).stream()
                    .map(r -> r.data(ImapEvent.Fetch.class)).toList();
            assertThat(fetched).hasSize(3);
            assertThat(fetched.get(0).envelope().orElseThrow().subject()).isEqualTo("subject 1");

            long uid2 = t.msgSeqNumToUID(2);
            RangeList second = new RangeList(true);
            second.addSingleValue(uid2);
            get(t.uidStore(inbox.uidValidity(), second, "+FLAGS (\\Flagged)"));
            assertThat(get(t.search("FLAGGED", true))).containsExactly(uid2);
            assertThat(get(t.search("SUBJECT \"subject 3\"", false))).containsExactly(3L);

            byte[] msg = ("From: erin@localhost\r\nTo: erin@localhost\r\nSubject: appended\r\n\r\n"
                    + "line one\r\nline two\r\n").getBytes(StandardCharsets.US_ASCII);
            get(t.create("Archive"));
            get(t.append("Archive", List.of("\\Seen"), Instant.parse("2024-02-01T10:00:00Z"), msg));
            get(t.copy(second, "Archive"));
            assertThat(get(t.list("", "*"))).extracting(ImapEvent.MailboxListing::name)
                    .contains("INBOX", "Archive");
            assertThat(get(t.status("Archive", "MESSAGES")).messages()).hasValue(2);

            ImapMailbox archive = get(t.examine("Archive"));
            assertThat(archive.readWrite()).isFalse();
            assertThat(t.getHighestMsgSeqNum()).isEqualTo(2);
            cb.imap.clear();
            RangeList first = new RangeList();
            first.addSingleValue(1);
            get(t.fetch(first, "(BODY.PEEK[])"));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (ImapResponse r : cb.of(ImapResponseType.FETCH_BODY)) {
                body.write(r.data(ImapResponse.FetchBodyPart.class).data());
            }
            assertThat(body.toByteArray()).isEqualTo(msg);
            get(t.closeMailbox());
            get(t.delete("Archive"));
        } finally {
            assertThat(t.disconnect().get(10, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ACKNOWLEDGED);
        }
    }
}
