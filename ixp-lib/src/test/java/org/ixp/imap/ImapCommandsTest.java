package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.ImapFixture.failure;
import static org.ixp.imap.ImapFixture.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ixp.DisconnectResult;
import org.ixp.DisconnectResult.Ending;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.junit.jupiter.api.Test;

/** Commands, routing, the sequence table, APPEND, IDLE and the disconnect matrix, against a scripted server. */
class ImapCommandsTest {

    private static ImapFixture connected(org.ixp.testkit.Script afterLogin) throws Exception {
        ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            afterLogin.run(c);
        });
        f.connect(f.alice().build(), true);
        return f;
    }

    @Test
    void selectReportsTheMailboxAndResetsTheTable() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* 3 EXISTS");
            c.send("* 0 RECENT");
            c.send("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
            c.send("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited");
            c.send("* OK [UIDVALIDITY 3857529045] UIDs valid");
            c.send("* OK [UIDNEXT 4392] Predicted next UID");
            c.send("a3 OK [READ-WRITE] SELECT completed");
            ImapFixture.logout(c, "a4");
        })) {
            ImapMailbox m = get(f.transport.select(7, 8, null, "INBOX"));
            assertThat(m.exists()).isEqualTo(3);
            assertThat(m.uidValidity()).isEqualTo(3857529045L);
            assertThat(m.uidNext()).isEqualTo(4392);
            assertThat(m.readWrite()).isTrue();
            assertThat(m.permanentFlags()).contains("\\Deleted", "\\*");
            assertThat(f.transport.getHighestMsgSeqNum()).isEqualTo(3);
            assertThat(f.transport.uidValidity()).isEqualTo(3857529045L);
            get(f.transport.disconnect());
            f.callback.drain();
            List<ImapResponseType> types = f.callback.imap.stream().filter(r -> r.wParam() == 7)
                    .map(ImapResponse::type).toList();
            assertThat(types).containsSubsequence(ImapResponseType.MAILBOX_UPDATE, ImapResponseType.APPLICABLE_FLAGS,
                    ImapResponseType.PERMANENT_FLAGS, ImapResponseType.UIDVALIDITY,
                    ImapResponseType.READWRITE_STATUS, ImapResponseType.COMMAND_COMPLETION);
            assertThat(f.callback.imap).allMatch(r -> r.wParam() != 7 || r.lParam() == 8);
            ImapResponse rw = f.callback.of(ImapResponseType.READWRITE_STATUS).get(0);
            assertThat(rw.data(Boolean.class)).isTrue();
        }
    }

    @Test
    void commandsArePipelinedAndNeverBusy() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 NOOP");
            c.expect("a4 LIST \"\" \"*\"");
            c.expect("a5 STATUS INBOX (MESSAGES UIDNEXT)");
            c.send("* 4 EXISTS");
            c.send("a3 OK noop");
            c.send("* LIST (\\HasNoChildren) \"/\" INBOX");
            c.send("* LIST (\\HasNoChildren) \"/\" \"A&-B\"");
            c.send("a4 OK list");
            c.send("* STATUS INBOX (MESSAGES 4 UIDNEXT 10)");
            c.send("a5 OK status");
            ImapFixture.logout(c, "a6");
        })) {
            CompletableFuture<ImapCompletion> noop = f.transport.noop(1, 0, null);
            CompletableFuture<List<ImapEvent.MailboxListing>> list = f.transport.list(2, 0, null, "", "*");
            CompletableFuture<ImapEvent.MailboxStatus> status = f.transport.status(3, 0, null, "INBOX",
                    "MESSAGES UIDNEXT");
            assertThat(get(noop).status()).isEqualTo(ImapStatus.OK);
            assertThat(get(list)).extracting(ImapEvent.MailboxListing::name).containsExactly("INBOX", "A&B");
            assertThat(get(status).messages()).hasValue(4);
            get(f.transport.disconnect());
            f.callback.drain();
            ImapResponse exists = f.callback.of(ImapResponseType.MAILBOX_UPDATE).get(0);
            assertThat(exists.unsolicited()).isTrue();
            assertThat(f.callback.of(ImapResponseType.MAILBOX_LISTING)).allMatch(r -> r.wParam() == 2);
            assertThat(f.callback.of(ImapResponseType.MAILBOX_STATUS)).allMatch(r -> r.wParam() == 3);
        }
    }

    @Test
    void noAndBadFailTheFuture() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 DELETE nothere");
            c.send("a3 NO [NONEXISTENT] no such mailbox");
            c.expect("a4 RENAME a b");
            c.send("a4 BAD what?");
            ImapFixture.logout(c, "a5");
        })) {
            IxpException no = failure(f.transport.delete("nothere"));
            assertThat(no.code()).isEqualTo(IxpCode.IXP_E_IMAP_NO);
            assertThat(no.result().response()).contains("no such mailbox");
            assertThat(failure(f.transport.rename("a", "b")).code()).isEqualTo(IxpCode.IXP_E_IMAP_BAD);
            get(f.transport.disconnect());
            ImapResponse completion = f.callback.of(ImapResponseType.COMMAND_COMPLETION).stream()
                    .filter(r -> !r.unsolicited()).findFirst().orElseThrow();
            assertThat(completion.result().code()).isEqualTo(IxpCode.IXP_E_IMAP_NO);
        }
    }

    @Test
    void fetchStreamsBodiesAndKeepsTheUidTable() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* 3 EXISTS");
            c.send("* OK [UIDVALIDITY 7] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 FETCH 1:3 (UID FLAGS BODY.PEEK[])");
            c.sendRaw("* 1 FETCH (UID 10 FLAGS (\\Seen) BODY[] {5}\r\nhello)\r\n");
            c.sendRaw("* 2 FETCH (UID 11 FLAGS () BODY[] {0}\r\n)\r\n");
            c.sendRaw("* 3 FETCH (UID 12 FLAGS () BODY[] {3}\r\nabc)\r\n");
            c.send("a4 OK fetched");
            c.expect("a5 EXPUNGE");
            c.send("* 2 EXPUNGE");
            c.send("a5 OK expunged");
            c.expect("a6 UID FETCH 12 (FLAGS)");
            c.send("* 2 FETCH (UID 12 FLAGS (\\Seen))");
            c.send("a6 OK fetched");
            ImapFixture.logout(c, "a7");
        })) {
            get(f.transport.select("INBOX"));
            RangeList r = new RangeList();
            r.addRange(1, 3);
            get(f.transport.fetch(40, 41, null, r, false, "(UID FLAGS BODY.PEEK[])"));
            assertThat(f.transport.getMsgSeqNumToUIDArray()).containsExactly(10, 11, 12);
            get(f.transport.expunge());
            assertThat(f.transport.getMsgSeqNumToUIDArray()).containsExactly(10, 12);
            assertThat(f.transport.msgSeqNumToUID(2)).isEqualTo(12);
            RangeList u = new RangeList(true);
            u.addSingleValue(12);
            IxpException stale = failure(f.transport.uidFetch(8, u, "(FLAGS)"));
            assertThat(stale.code()).isEqualTo(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY);
            get(f.transport.uidFetch(7, u, "(FLAGS)"));
            get(f.transport.disconnect());
            List<ImapResponse> bodies = f.callback.of(ImapResponseType.FETCH_BODY);
            assertThat(bodies).hasSize(3);
            ImapResponse.FetchBodyPart p = bodies.get(0).data(ImapResponse.FetchBodyPart.class);
            assertThat(new String(p.data(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(p.done()).isTrue();
            assertThat(p.bodyTag()).isEqualTo("BODY[]");
            assertThat(bodies).allMatch(b -> b.wParam() == 40 && b.lParam() == 41);
            assertThat(f.callback.of(ImapResponseType.UPDATE_MSG)).hasSize(4);
            assertThat(f.callback.of(ImapResponseType.DELETED_MSG).get(0).data(Long.class)).isEqualTo(2);
            assertThat(f.server.received()).noneMatch(l -> l.contains("FETCH 12") && !l.startsWith("a6"));
        }
    }

    @Test
    void searchReturnsNumbers() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 UID SEARCH UNSEEN");
            c.send("* SEARCH 4 9 12");
            c.send("a3 OK done");
            ImapFixture.logout(c, "a4");
        })) {
            assertThat(get(f.transport.search("UNSEEN", true))).containsExactly(4L, 9L, 12L);
            get(f.transport.disconnect());
            RangeList rl = f.callback.of(ImapResponseType.SEARCH).get(0).data(RangeList.class);
            assertThat(rl.cardinality()).isEqualTo(3);
        }
    }

    @Test
    void appendWaitsForTheContinuationAndStreamsTheLiteral() throws Exception {
        byte[] msg = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        try (ImapFixture f = connected(c -> {
            c.expect("a3 APPEND Drafts (\\Seen) \"01-Feb-2024 10:00:00 +0000\" {" + msg.length + "}");
            c.send("+ Ready");
            byte[] got = c.readBytes(msg.length);
            if (!java.util.Arrays.equals(got, msg)) {
                throw new AssertionError("literal differs");
            }
            c.expect(""); // the CRLF ending the command
            c.send("a3 OK [APPENDUID 7 42] appended");
            ImapFixture.logout(c, "a4");
        })) {
            ImapCompletion ok = get(f.transport.append("Drafts", List.of("\\Seen"),
                    Instant.parse("2024-02-01T10:00:00Z"), msg));
            assertThat(ok.code()).isInstanceOf(ResponseCode.AppendUid.class);
            get(f.transport.disconnect());
            assertThat(f.callback.of(ImapResponseType.APPEND_PROGRESS)).isNotEmpty();
        }
    }

    @Test
    void appendAnsweredTryCreateNeverSendsTheLiteral() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 APPEND missing {5}");
            c.send("a3 NO [TRYCREATE] no such mailbox");
            c.expect("a4 NOOP");
            c.send("a4 OK nothing");
            ImapFixture.logout(c, "a5");
        })) {
            IxpException e = failure(f.transport.append("missing", null, null, "hello".getBytes()));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_IMAP_NO);
            get(f.transport.noop());
            get(f.transport.disconnect());
            assertThat(f.server.received()).noneMatch(l -> l.contains("hello"));
            assertThat(f.callback.of(ImapResponseType.TRYCREATE)).hasSize(1);
        }
    }

    @Test
    void idleThenDoneBeforeTheNextCommand() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 IDLE");
            c.send("+ idling");
            c.send("* 5 EXISTS");
            c.expect("DONE");
            c.send("a3 OK IDLE terminated");
            c.expect("a4 NOOP");
            c.send("a4 OK done");
            c.expect("a5 IDLE");
            c.send("+ idling");
            c.expect("DONE");
            c.send("a5 OK IDLE terminated");
            ImapFixture.logout(c, "a6");
        })) {
            f.transport.setIdleMode(true);
            f.server.awaitReceived(l -> l.equals("a3 IDLE"), Duration.ofSeconds(2));
            long t0 = System.nanoTime();
            while (!f.transport.isIdling() && System.nanoTime() - t0 < 2_000_000_000L) {
                Thread.sleep(10);
            }
            assertThat(f.transport.isIdling()).isTrue();
            Thread.sleep(100);
            get(f.transport.noop());
            f.server.awaitReceived(l -> l.equals("a5 IDLE"), Duration.ofSeconds(2));
            DisconnectResult r = get(f.transport.disconnect());
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            ImapResponse exists = f.callback.of(ImapResponseType.MAILBOX_UPDATE).get(0);
            assertThat(exists.unsolicited()).isTrue();
            assertThat(exists.data(ImapResponse.MboxMsgCount.class).exists()).isEqualTo(5);
        }
    }

    @Test
    void idleIsRenewed() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 IDLE");
            c.send("+ idling");
            c.expect("DONE");
            c.send("a3 OK IDLE terminated");
            c.expect("a4 IDLE");
            c.send("+ idling");
            c.expect("DONE");
            c.send("a4 OK IDLE terminated");
            ImapFixture.logout(c, "a5");
        })) {
            f.transport.setIdleRefresh(Duration.ofMillis(300));
            f.transport.setIdleMode(true);
            assertThat(f.server.awaitReceived(l -> l.equals("a4 IDLE"), Duration.ofSeconds(3))).isTrue();
            Thread.sleep(50);
            f.transport.setIdleRefresh(Duration.ofMinutes(28));
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
        }
    }

    @Test
    void logoutAcknowledgedWithByeThenOk() throws Exception {
        try (ImapFixture f = connected(c -> ImapFixture.logout(c, "a3"))) {
            DisconnectResult r = get(f.transport.disconnect());
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            assertThat(r.response()).contains("BYE");
            f.endedOnce();
            assertThat(f.callback.errors).isEmpty();
        }
    }

    @Test
    void logoutWithByeAndOkInOnePacket() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.sendRaw("* BYE bye\r\na3 OK done\r\n");
        })) {
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
        }
    }

    @Test
    void logoutAnsweredByAServerThatClosesAfterBye() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.send("* BYE bye");
            c.close();
        })) {
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.SERVER_CLOSED);
            f.endedOnce();
        }
    }

    @Test
    void silentLogoutIsBoundedByTheGoodbyeTimeout() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.silence(Duration.ofSeconds(5));
        })) {
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.NO_REPLY);
        }
    }

    @Test
    void dropSendsNothing() throws Exception {
        try (ImapFixture f = connected(c -> c.awaitClientClose(Duration.ofSeconds(5)))) {
            get(f.transport.dropConnection());
            assertThat(f.server.awaitConnectionsClosed(Duration.ofSeconds(2))).isTrue();
            f.endedOnce();
            assertThat(f.server.received()).noneMatch(l -> l.contains("LOGOUT") || l.contains("CLOSE"));
        }
    }

    @Test
    void anUnsolicitedByeEndsTheSessionWithAnError() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.send("* BYE [UNAVAILABLE] shutting down");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.endedOnce();
            assertThat(f.callback.errors).anyMatch(e -> e.code() == IxpCode.IXP_E_IMAP_BYE
                    && e.response().contains("shutting down"));
            assertThat(f.transport.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
        }
    }

    @Test
    void disconnectWhileIdlingSendsDoneFirst() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 IDLE");
            c.send("+ idling");
            c.expect("DONE");
            c.send("a3 OK IDLE terminated");
            ImapFixture.logout(c, "a4");
        })) {
            f.transport.setIdleMode(true);
            f.server.awaitReceived(l -> l.equals("a3 IDLE"), Duration.ofSeconds(2));
            long t0 = System.nanoTime();
            while (!f.transport.isIdling() && System.nanoTime() - t0 < 2_000_000_000L) {
                Thread.sleep(10);
            }
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            assertThat(f.server.received()).containsSubsequence("a3 IDLE", "DONE", "a4 LOGOUT");
        }
    }

    @Test
    void closeMailboxIsClose() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 CLOSE");
            c.send("a3 OK closed");
            ImapFixture.logout(c, "a4");
        })) {
            get(f.transport.closeMailbox());
            assertThat(f.transport.selectedMailbox()).isNull();
            get(f.transport.disconnect());
        }
    }
}
