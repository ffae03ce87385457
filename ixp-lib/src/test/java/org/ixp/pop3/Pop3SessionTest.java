package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.pop3.Pop3Fixture.failureCode;
import static org.ixp.pop3.Pop3Fixture.get;
import static org.ixp.pop3.Pop3Fixture.thrownCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.testkit.Pop3Maildrop;
import org.junit.jupiter.api.Test;

/** The POP3 session on the scripted maildrop: connect, the state rules, STAT first, every command. */
class Pop3SessionTest {

    private static Pop3Maildrop three() {
        return new Pop3Maildrop()
                .add("uid-1", "Subject: one\n\nfirst\n")
                .add("uid-2", "Subject: two\n\n.starts with a dot\n..two dots\nend\n")
                .add("uid-3", "Subject: three\nX-Long: yes\n\nline 1\nline 2\nline 3\n");
    }

    @Test
    void connectSecuresWithStlsLogsOnAndReportsEachStep() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.loggedOn();
            assertThat(f.transport.pop3State()).isEqualTo(Pop3State.TRANSACTION);
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).isTrue();
            assertThat(f.transport.getGreeting()).startsWith("+OK ixp test maildrop");
            assertThat(f.transport.pop3Capabilities().has("USER")).isTrue(); // asked again after STLS
            assertThat(f.transport.getCapabilities()).contains("SASL PLAIN").doesNotContain("STLS");
            assertThat(f.server.received()).startsWith("CAPA", "STLS", "CAPA");
            assertThat(f.server.received().get(3)).startsWith("AUTH PLAIN ");
            assertThat(f.transport.disconnect().get(5, TimeUnit.SECONDS).acknowledged()).isTrue();
            f.endedOnce();
            assertThat(f.callback.commandsSeen()).containsExactly(Pop3Command.BANNER, Pop3Command.CAPA,
                    Pop3Command.STLS, Pop3Command.CAPA, Pop3Command.AUTH, Pop3Command.CONNECTED, Pop3Command.QUIT);
            assertThat(f.callback.statusSnapshot()).containsExactly(IxpStatus.FINDINGHOST, IxpStatus.CONNECTING,
                    IxpStatus.CONNECTED, IxpStatus.SECURING, IxpStatus.CONNECTED, IxpStatus.AUTHORIZING,
                    IxpStatus.AUTHORIZED, IxpStatus.CONNECTED, IxpStatus.DISCONNECTING, IxpStatus.DISCONNECTED);
        }
    }

    @Test
    void commandsInTheWrongStateAreRefusedLocally() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.transport.connect(f.secure().build(), false, true).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.pop3State()).isEqualTo(Pop3State.AUTHORIZATION);
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).isFalse();
            assertThat(thrownCode(f.transport::commandSTAT)).isEqualTo(IxpCode.IXP_E_POP3_WRONG_STATE);
            assertThat(thrownCode(() -> f.transport.commandRETR(Pop3CmdType.GET_POPID, 1)))
                    .isEqualTo(IxpCode.IXP_E_POP3_WRONG_STATE);
            assertThat(thrownCode(f.transport::commandNOOP)).isEqualTo(IxpCode.IXP_E_POP3_WRONG_STATE);
            assertThat(get(f.transport.commandUSER(Pop3Maildrop.USER)).ok()).isTrue();
            assertThat(get(f.transport.commandPASS(Pop3Maildrop.PASSWORD)).ok()).isTrue();
            assertThat(f.transport.pop3State()).isEqualTo(Pop3State.TRANSACTION);
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).as("after a manual USER/PASS logon").isTrue();
            assertThat(thrownCode(() -> f.transport.commandUSER("x"))).isEqualTo(IxpCode.IXP_E_POP3_WRONG_STATE);
            assertThat(thrownCode(() -> f.transport.commandAUTH("PLAIN"))).isEqualTo(IxpCode.IXP_E_POP3_WRONG_STATE);
            assertThat(get(f.transport.commandSTAT()).messages()).isEqualTo(3);
            assertThat(f.server.received()).doesNotContain("STAT STAT").contains("USER alice");
            get(f.transport.disconnect());
        }
    }

    @Test
    void perMessageCommandsNeedStatFirstThenARangeAndMarks() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.loggedOn();
            assertThat(thrownCode(() -> f.transport.commandLIST(Pop3CmdType.GET_ALL, 0)))
                    .isEqualTo(IxpCode.IXP_E_POP3_NEED_STAT);
            assertThat(thrownCode(() -> f.transport.commandRETR(Pop3CmdType.GET_POPID, 1)))
                    .isEqualTo(IxpCode.IXP_E_POP3_NEED_STAT);
            assertThat(thrownCode(() -> f.transport.markItem(Pop3MarkType.RETR, 1, true)))
                    .isEqualTo(IxpCode.IXP_E_POP3_NEED_STAT);
            Pop3Response.StatInfo stat = get(f.transport.commandSTAT());
            assertThat(stat.messages()).isEqualTo(3);
            assertThat(thrownCode(() -> f.transport.commandRETR(Pop3CmdType.GET_POPID, 4)))
                    .isEqualTo(IxpCode.IXP_E_POP3_POPID_OUT_OF_RANGE);
            assertThat(thrownCode(() -> f.transport.commandDELE(Pop3CmdType.GET_POPID, 0)))
                    .isEqualTo(IxpCode.IXP_E_POP3_POPID_OUT_OF_RANGE);
            assertThat(thrownCode(() -> f.transport.commandRETR(Pop3CmdType.GET_MARKED, 0)))
                    .isEqualTo(IxpCode.IXP_E_POP3_NO_MARKED_MESSAGES);
            assertThat(thrownCode(() -> f.transport.commandRETR(null, 1))).isEqualTo(IxpCode.E_INVALIDARG);
            assertThat(thrownCode(() -> f.transport.markItem(Pop3MarkType.RETR, 9, true)))
                    .isEqualTo(IxpCode.E_INVALIDARG);
            assertThat(thrownCode(() -> f.transport.commandTOP(Pop3CmdType.GET_POPID, 1, -1)))
                    .isEqualTo(IxpCode.E_INVALIDARG);
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("RETR") || l.startsWith("LIST"));
            get(f.transport.disconnect());
        }
    }

    @Test
    void anEmptyMaildropHasNoMessages() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(new Pop3Maildrop())) {
            f.loggedOn();
            assertThat(get(f.transport.commandSTAT())).isEqualTo(new Pop3Response.StatInfo(0, 0));
            assertThat(thrownCode(() -> f.transport.commandUIDL(Pop3CmdType.GET_ALL, 0)))
                    .isEqualTo(IxpCode.IXP_E_POP3_NO_MESSAGES);
            assertThat(thrownCode(() -> f.transport.markItem(Pop3MarkType.DELE, 1, true)))
                    .isEqualTo(IxpCode.IXP_E_POP3_NO_MESSAGES);
            get(f.transport.disconnect());
        }
    }

    @Test
    void listAndUidlOneAndAllWithTheLastResponseDone() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.loggedOn();
            get(f.transport.commandSTAT());
            List<Pop3Response.UidlInfo> uidls = get(f.transport.commandUIDL(Pop3CmdType.GET_ALL, 0));
            assertThat(uidls).containsExactly(new Pop3Response.UidlInfo(1, "uid-1"),
                    new Pop3Response.UidlInfo(2, "uid-2"), new Pop3Response.UidlInfo(3, "uid-3"));
            List<Pop3Response.ListInfo> one = get(f.transport.commandLIST(Pop3CmdType.GET_POPID, 2));
            assertThat(one).singleElement().satisfies(l -> assertThat(l.popId()).isEqualTo(2));
            List<Pop3Response.ListInfo> all = get(f.transport.commandLIST(Pop3CmdType.GET_ALL, 0));
            assertThat(all).hasSize(3);
            assertThat(all.stream().mapToLong(Pop3Response.ListInfo::size).sum())
                    .isEqualTo(get(f.transport.commandSTAT()).bytes());
            get(f.transport.disconnect());
            f.endedOnce();
            List<Pop3Response> uidl = f.callback.of(Pop3Command.UIDL);
            assertThat(uidl).hasSize(3);
            assertThat(uidl).extracting(Pop3Response::done).containsExactly(false, false, true);
            assertThat(uidl).allMatch(Pop3Response::validInfo);
            assertThat(f.server.received()).contains("UIDL", "LIST 2", "LIST");
        }
    }

    @Test
    void retrStreamsTheDestuffedMessageWithHeaderAndBodyFlags() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.loggedOn();
            get(f.transport.commandSTAT());
            Pop3Transfer t = get(f.transport.commandRETR(Pop3CmdType.GET_POPID, 2));
            String expected = "Subject: two\r\n\r\n.starts with a dot\r\n..two dots\r\nend\r\n";
            assertThat(t).isEqualTo(new Pop3Transfer(1, expected.length()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(get(f.transport.commandRETR(2, out))).isEqualTo(expected.length());
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
            get(f.transport.disconnect());
            f.endedOnce();
            List<Pop3Response> retr = f.callback.of(Pop3Command.RETR);
            ByteArrayOutputStream viaCallback = new ByteArrayOutputStream();
            for (Pop3Response r : retr.subList(0, retr.size() / 2)) {
                viaCallback.writeBytes(r.retrInfo().lines());
            }
            assertThat(viaCallback.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
            Pop3Response last = retr.get(retr.size() / 2 - 1);
            assertThat(last.done()).isTrue();
            assertThat(last.retrInfo().body()).isTrue();
            assertThat(last.retrInfo().header()).isTrue();
            assertThat(last.retrInfo().soFar()).isEqualTo(expected.length());
            assertThat(retr.get(0).retrInfo().header()).isTrue();
            assertThat(retr.get(0).retrInfo().body()).isFalse();
        }
    }

    @Test
    void topGivesTheHeaderAndTheFirstLines() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.loggedOn();
            get(f.transport.commandSTAT());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            get(f.transport.commandTOP(3, 2, out)); // the OutputStream form completes after every chunk's callback
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("Subject: three\r\nX-Long: yes\r\n\r\nline 1\r\nline 2\r\n");
            assertThat(f.callback.of(Pop3Command.TOP)).last().satisfies(r -> {
                assertThat(r.topInfo().previewLines()).isEqualTo(2);
                assertThat(r.done()).isTrue();
            });
            assertThat(f.server.received()).contains("TOP 3 2");
            get(f.transport.disconnect());
        }
    }

    @Test
    void markedMessagesArePipelinedAndReportedInOrder() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.loggedOn();
            get(f.transport.commandSTAT());
            f.transport.markItem(Pop3MarkType.RETR, 3, true);
            f.transport.markItem(Pop3MarkType.RETR, 1, true);
            f.transport.markItem(Pop3MarkType.RETR, 2, true);
            f.transport.markItem(Pop3MarkType.RETR, 2, false);
            f.transport.markItem(Pop3MarkType.DELE, 2, true);
            assertThat(f.transport.isMarked(Pop3MarkType.RETR, 1)).isTrue();
            assertThat(f.transport.isMarked(Pop3MarkType.RETR, 2)).isFalse();
            Pop3Transfer t = get(f.transport.commandRETR(Pop3CmdType.GET_MARKED, 0));
            assertThat(t.messages()).isEqualTo(2);
            assertThat(get(f.transport.commandDELE(Pop3CmdType.GET_MARKED, 0))).containsExactly(2L);
            get(f.transport.disconnect());
            f.endedOnce(); // every callback posted before DISCONNECTED has run
            List<Pop3Response> ends = f.callback.of(Pop3Command.RETR).stream()
                    .filter(r -> r.retrInfo().body()).toList();
            assertThat(ends).extracting(r -> r.retrInfo().popId()).containsExactly(1L, 3L);
            assertThat(ends).extracting(Pop3Response::done).containsExactly(false, true);
            assertThat(f.server.received()).containsSubsequence("RETR 1", "RETR 3", "DELE 2", "QUIT");
        }
    }

    @Test
    void getAllSkipsDeletedMessagesAndRsetRestoresThem() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.loggedOn();
            get(f.transport.commandSTAT());
            assertThat(get(f.transport.commandDELE(Pop3CmdType.GET_POPID, 2))).containsExactly(2L);
            assertThat(get(f.transport.commandSTAT()).messages()).isEqualTo(2);
            assertThat(f.transport.messageCount()).isEqualTo(3); // numbering does not change in a session
            assertThat(get(f.transport.commandRETR(Pop3CmdType.GET_ALL, 0)).messages()).isEqualTo(2);
            assertThat(get(f.transport.commandUIDL(Pop3CmdType.GET_ALL, 0))).extracting(Pop3Response.UidlInfo::uidl)
                    .containsExactly("uid-1", "uid-3");
            assertThat(get(f.transport.commandRSET()).ok()).isTrue();
            assertThat(get(f.transport.commandSTAT()).messages()).isEqualTo(3);
            assertThat(get(f.transport.commandNOOP()).ok()).isTrue();
            get(f.transport.disconnect());
            assertThat(f.server.received()).containsSubsequence("RETR 1", "RETR 3", "UIDL", "RSET", "NOOP");
            assertThat(f.server.received()).doesNotContain("RETR 2");
        }
    }

    @Test
    void anErrStopsAMultiMessageCommandAndIsTheDoneResponse() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.sendRaw("+OK\r\nPIPELINING\r\nUSER\r\n.\r\n");
            c.expect("USER");
            c.send("+OK");
            c.expect("PASS");
            c.send("+OK");
            c.expect("STAT");
            c.send("+OK 3 30");
            c.expect("RETR 1");
            c.expect("RETR 2");
            c.expect("RETR 3");
            c.sendRaw("+OK\r\none\r\n.\r\n-ERR [SYS/TEMP] message 2 unavailable\r\n+OK\r\nthree\r\n.\r\n");
            c.expect("QUIT");
            c.send("+OK");
        })) {
            f.transport.connect(f.plain().allowPlaintextAuth(true).build(), true, true).get(5, TimeUnit.SECONDS);
            get(f.transport.commandSTAT());
            assertThat(failureCode(f.transport.commandRETR(Pop3CmdType.GET_ALL, 0)))
                    .isEqualTo(IxpCode.IXP_E_POP3_SYS_TEMP);
            assertThat(f.transport.isState(IsState.READY)).isTrue(); // the session is still in step
            assertThat(get(f.transport.disconnect()).acknowledged()).isTrue();
            f.endedOnce();
            List<Pop3Response> retr = f.callback.of(Pop3Command.RETR);
            assertThat(retr).filteredOn(Pop3Response::done).singleElement().satisfies(r -> {
                assertThat(r.result().code()).isEqualTo(IxpCode.IXP_E_POP3_SYS_TEMP);
                assertThat(r.respCode()).isEqualTo("SYS/TEMP");
                assertThat(r.validInfo()).isFalse();
            });
            assertThat(retr.get(retr.size() - 1).done()).isTrue();
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void oneCommandAtATime() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.send("-ERR");
            c.expect("USER");
            c.send("+OK");
            c.expect("PASS");
            c.send("+OK");
            c.expect("NOOP");
            c.sleep(Duration.ofMillis(300));
            c.send("+OK");
            c.expect("QUIT");
            c.send("+OK");
        })) {
            f.transport.connect(f.plain().allowPlaintextAuth(true).build(), true, true).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.pop3Capabilities().known()).isFalse();
            CompletableFuture<Pop3Reply> noop = f.transport.commandNOOP();
            assertThat(thrownCode(f.transport::commandNOOP)).isEqualTo(IxpCode.IXP_E_BUSY);
            assertThat(thrownCode(f.transport::commandQUIT)).isEqualTo(IxpCode.IXP_E_BUSY);
            get(noop);
            Pop3Response.QuitInfo q = get(f.transport.commandQUIT());
            assertThat(q.deletionsCommitted()).isTrue();
            f.endedOnce();
            assertThat(thrownCode(f.transport::commandSTAT)).isEqualTo(IxpCode.IXP_E_NOT_CONNECTED);
        }
    }

    @Test
    void anUnsolicitedErrEndsTheSessionWithOnError() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.send("-ERR");
            c.sleep(Duration.ofMillis(100));
            c.send("-ERR [SYS/PERM] disconnected for inactivity");
        })) {
            f.transport.connect(f.plain().build(), false, true).get(5, TimeUnit.SECONDS);
            f.endedOnce();
            assertThat(f.callback.errors).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(IxpCode.IXP_E_POP3_SYS_PERM);
                assertThat(e.response()).contains("disconnected for inactivity");
            });
        }
    }

    @Test
    void commandArgumentsWithLineBreaksAreRefusedBeforeSending() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(three())) {
            f.transport.connect(f.secure().build(), false, true).get(5, TimeUnit.SECONDS);
            assertThat(thrownCode(() -> f.transport.commandUSER("alice\r\nDELE 1")))
                    .isEqualTo(IxpCode.E_INVALIDARG);
            assertThat(thrownCode(() -> f.transport.commandPASS("x\nQUIT"))).isEqualTo(IxpCode.E_INVALIDARG);
            get(f.transport.disconnect());
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("USER") || l.startsWith("DELE"));
        }
    }
}
