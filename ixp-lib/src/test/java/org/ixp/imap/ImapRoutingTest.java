package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.imap.ImapFixture.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsolicited updates, response codes, VANISHED, LITERAL+, the local table methods and the protocol log. */
class ImapRoutingTest {

    @Test
    void unsolicitedUpdatesAlertsAndMalformedResponses() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 SELECT INBOX");
            c.send("* 2 EXISTS");
            c.send("* OK [UIDVALIDITY 9] ok");
            c.send("a3 OK [READ-ONLY] done");
            c.expect("a4 NOOP");
            c.send("* 1 FETCH (UID 5 FLAGS (\\Seen \\Flagged))");
            c.send("* OK [ALERT] the system goes down at noon");
            c.send("* 2 FETCH (UID (broken");
            c.send("* NO disk is almost full");
            c.send("a4 OK noop");
            ImapFixture.logout(c, "a5");
        })) {
            f.connect(f.alice().build(), true);
            ImapMailbox m = get(f.transport.select("INBOX"));
            assertThat(m.readWrite()).isFalse();
            get(f.transport.noop(3, 4, null));
            assertThat(f.transport.getMsgSeqNumToUIDArray()).containsExactly(5, 0);
            assertThat(f.transport.msgSeqNumToUID(2)).isZero();
            get(f.transport.disconnect());
            assertThat(f.transport.getMsgSeqNumToUIDArray()).isEmpty(); // reset at the end of the connection
            ImapResponse update = f.callback.of(ImapResponseType.UPDATE_MSG).get(0);
            assertThat(update.unsolicited()).isTrue();
            assertThat(update.data(ImapEvent.Fetch.class).flags().orElseThrow()).contains("\\Flagged");
            ImapResponse alert = f.callback.of(ImapResponseType.SERVER_ALERT).get(0);
            assertThat(alert.text()).isEqualTo("the system goes down at noon");
            List<ImapResponse> errors = f.callback.of(ImapResponseType.ERROR_NOTIFICATION);
            assertThat(errors).extracting(r -> r.result().code())
                    .containsExactly(IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE, IxpCode.IXP_E_IMAP_NO);
            ImapResponse rw = f.callback.of(ImapResponseType.READWRITE_STATUS).get(0);
            assertThat(rw.data(Boolean.class)).isFalse();
        }
    }

    @Test
    void parseCodeIsParseErrorAndFetchExCarriesTheEnvelope() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 SELECT INBOX");
            c.send("* 1 EXISTS");
            c.send("* OK [UIDVALIDITY 9] ok");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 FETCH 1 (UID ENVELOPE)");
            c.send("* NO [PARSE] message 1 has a header the server cannot parse");
            c.send("* 1 FETCH (UID 7 ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" \"hello\" NIL NIL NIL NIL NIL NIL"
                    + " NIL \"<m1@x>\"))");
            c.send("a4 OK fetched");
            ImapFixture.logout(c, "a5");
        })) {
            f.connect(f.alice().build(), true);
            get(f.transport.select("INBOX"));
            f.transport.enableFetchEx(true);
            RangeList one = new RangeList();
            one.addRange(1, 1);
            get(f.transport.fetch(one, "(UID ENVELOPE)"));
            get(f.transport.disconnect());
            ImapResponse parse = f.callback.of(ImapResponseType.PARSE_ERROR).get(0);
            assertThat(parse.text()).isEqualTo("message 1 has a header the server cannot parse");
            assertThat(f.callback.of(ImapResponseType.UPDATE_MSG)).as("EnableFetchEx: no plain UPDATE_MSG").isEmpty();
            ImapEvent.Fetch ex = f.callback.of(ImapResponseType.UPDATE_MSG_EX).get(0).data(ImapEvent.Fetch.class);
            assertThat(ex.uid().getAsLong()).isEqualTo(7);
            assertThat(ex.envelope().orElseThrow().subject()).isEqualTo("hello");
            assertThat(ex.envelope().orElseThrow().messageId()).isEqualTo("<m1@x>");
        }
    }

    @Test
    void vanishedRemovesByUidAndReportsSequenceNumbers() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 SELECT INBOX");
            c.send("* 4 EXISTS");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 FETCH 1:4 (UID)");
            c.send("* 1 FETCH (UID 10)");
            c.send("* 2 FETCH (UID 20)");
            c.send("* 3 FETCH (UID 30)");
            c.send("* 4 FETCH (UID 40)");
            c.send("a4 OK done");
            c.expect("a5 NOOP");
            c.send("* VANISHED 20,40");
            c.send("* VANISHED (EARLIER) 1:9");
            c.send("a5 OK done");
            ImapFixture.logout(c, "a6");
        })) {
            f.connect(f.alice().build(), true);
            get(f.transport.select("INBOX"));
            RangeList r = new RangeList();
            r.addRange(1, 4);
            get(f.transport.fetch(r, "(UID)"));
            get(f.transport.noop());
            assertThat(f.transport.getMsgSeqNumToUIDArray()).containsExactly(10, 30);
            get(f.transport.disconnect());
            assertThat(f.callback.of(ImapResponseType.DELETED_MSG)).extracting(x -> x.data(Long.class))
                    .containsExactly(4L, 2L);
        }
    }

    @Test
    void literalPlusSendsTheLiteralAtOnce() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready");
            c.expect("a1 LOGIN alice");
            c.send("a1 OK [CAPABILITY IMAP4rev1 LITERAL+] in");
            c.expect("a2 APPEND INBOX {5+}");
            c.expect("hello");
            c.expect("a3 NOOP");
            c.send("a2 OK [APPENDUID 1 7] done");
            c.send("a3 OK done");
            ImapFixture.logout(c, "a4");
        })) {
            f.connect(f.alice().build(), true);
            var append = f.transport.append("INBOX", null, null, "hello".getBytes(StandardCharsets.US_ASCII));
            var noop = f.transport.noop();
            get(append);
            get(noop);
            get(f.transport.disconnect());
        }
    }

    @Test
    void namespaceIdUnselect() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 NAMESPACE");
            c.send("* NAMESPACE ((\"\" \"/\")) NIL NIL");
            c.send("a3 OK done");
            c.expect("a4 ID (\"name\" \"ixp\")");
            c.send("* ID (\"name\" \"scripted\")");
            c.send("a4 OK done");
            c.expect("a5 UNSELECT");
            c.send("a5 OK done");
            ImapFixture.logout(c, "a6");
        })) {
            f.connect(f.alice().build(), true);
            assertThat(get(f.transport.namespace()).personal().get(0).delimiter()).isEqualTo('/');
            assertThat(get(f.transport.id(java.util.Map.of("name", "ixp")))).containsEntry("name", "scripted");
            get(f.transport.unselect());
            get(f.transport.disconnect());
        }
    }

    @Test
    void aCommandsOwnHandlerAndTheDefaultHandler() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 NOOP");
            c.send("a3 OK one");
            c.expect("a4 NOOP");
            c.send("a4 OK two");
            c.expect("a5 IDLE");
            c.send("a5 NO not here");
            c.expect("a6 NOOP");
            c.send("a6 OK three");
            ImapFixture.logout(c, "a7");
        })) {
            f.connect(f.alice().build(), true);
            ImapRecorder own = new ImapRecorder();
            ImapRecorder fallback = new ImapRecorder();
            get(f.transport.noop(11, 12, own));
            f.transport.setDefaultCBHandler(fallback);
            get(f.transport.noop(13, 14, null));
            f.transport.setIdleMode(true); // refused: idle mode goes off, no second IDLE
            assertThat(f.server.awaitReceived(l -> l.equals("a5 IDLE"), java.time.Duration.ofSeconds(2))).isTrue();
            Thread.sleep(200);
            get(f.transport.noop());
            get(f.transport.disconnect());
            own.drain();
            fallback.drain();
            assertThat(own.imap).extracting(ImapResponse::wParam).containsExactly(11L);
            assertThat(fallback.imap).extracting(ImapResponse::wParam).contains(13L);
            assertThat(f.server.received()).filteredOn(l -> l.endsWith("IDLE")).hasSize(1);
        }
    }

    @Test
    void mailboxCommandsNeedAnAuthenticatedSession() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greet(c);
            c.expect("a1 NOOP");
            c.send("a1 OK fine");
            ImapFixture.logout(c, "a2");
        })) {
            f.connect(f.plain().build(), false);
            assertThatThrownBy(() -> f.transport.select("INBOX"))
                    .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_IMPROPER_SVRSTATE);
            get(f.transport.noop());
            get(f.transport.disconnect());
            assertThat(f.server.received()).containsExactly("a1 NOOP", "a2 LOGOUT");
        }
    }

    @Test
    void idleOutlastsTheResponseTimeoutButAnUnansweredDoneDoesNot() throws Exception {
        java.time.Duration shortWait = java.time.Duration.ofMillis(400);
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 IDLE");
            c.send("+ idling");
            c.expect("DONE");
            c.silence(java.time.Duration.ofSeconds(5));
        })) {
            f.connect(f.alice().timeouts(new org.ixp.Timeouts(ImapFixture.WAIT, ImapFixture.WAIT, shortWait,
                    ImapFixture.WAIT, ImapFixture.GOODBYE)).build(), true);
            f.transport.setIdleMode(true);
            Thread.sleep(1500); // well past the response timeout: IDLE waits for the server's initiative
            assertThat(f.transport.isIdling()).isTrue();
            assertThat(f.transport.getStatus()).isEqualTo(org.ixp.IxpStatus.CONNECTED);
            var noop = f.transport.noop(); // DONE goes out; its reply never comes
            assertThat(ImapFixture.failure(noop).code()).isEqualTo(IxpCode.IXP_E_TIMEOUT);
        }
    }

    @Test
    void taggedRepliesOutOfOrderCompleteEveryCommand() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 STATUS INBOX (MESSAGES)");
            c.expect("a4 NOOP");
            c.expect("a5 CREATE x");
            c.send("a4 OK noop first");
            c.send("a5 NO [ALREADYEXISTS] then create");
            c.send("* STATUS INBOX (MESSAGES 2)");
            c.send("a3 OK status last");
            c.expect("a6 NOOP");
            c.send("a6 OK still in step");
            ImapFixture.logout(c, "a7");
        })) {
            f.connect(f.alice().build(), true);
            var status = f.transport.status("INBOX", "MESSAGES");
            var noop = f.transport.noop();
            var create = f.transport.create("x");
            assertThat(get(status).messages()).hasValue(2);
            assertThat(get(noop).text()).isEqualTo("noop first");
            assertThat(ImapFixture.failure(create).code()).isEqualTo(IxpCode.IXP_E_IMAP_NO);
            assertThat(get(f.transport.noop()).text()).isEqualTo("still in step");
            get(f.transport.disconnect());
        }
    }

    @Test
    void theProtocolLogRedactsCredentials(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("imap.log");
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            ImapFixture.logout(c, "a3");
        })) {
            f.transport.initNew(log, f.callback, f.callback.executor());
            f.connect(f.alice().build(), true);
            get(f.transport.disconnect());
        }
        String text = Files.readString(log);
        assertThat(text).contains("a2 LOGIN alice ****").doesNotContain("s3cret");
    }

    @Test
    void theLocalTableMethods() {
        ImapTransport t = new ImapTransport();
        t.initNew(null, new ImapRecorder(), null);
        t.resizeMsgSeqNumTable(3);
        t.updateSeqNumToUID(1, 100);
        t.updateSeqNumToUID(3, 300);
        assertThat(t.getHighestMsgSeqNum()).isEqualTo(3);
        assertThat(t.msgSeqNumToUID(2)).isZero();
        t.removeSequenceNum(2);
        assertThat(t.getMsgSeqNumToUIDArray()).containsExactly(100, 300);
        assertThatThrownBy(() -> t.removeSequenceNum(5)).matches(e -> ((IxpException) e).code() == IxpCode.E_FAIL);
        assertThatThrownBy(() -> t.msgSeqNumToUID(9)).matches(e -> ((IxpException) e).code() == IxpCode.E_FAIL);
        assertThatThrownBy(() -> t.updateSeqNumToUID(0, 1))
                .matches(e -> ((IxpException) e).code() == IxpCode.E_INVALIDARG);
        t.resetMsgSeqNumToUID();
        assertThat(t.getMsgSeqNumToUIDArray()).isEmpty();
        assertThat(t.multiByteToModifiedUTF7("Entwürfe")).isEqualTo("Entw&APw-rfe");
        assertThat(t.modifiedUTF7ToMultiByte("Entw&APw-rfe")).isEqualTo("Entwürfe");
        assertThat(t.modifiedUTF7ToMultiByte("broken&")).isEqualTo("broken&");
        t.setWindow();
        t.resetWindow();
    }
}
