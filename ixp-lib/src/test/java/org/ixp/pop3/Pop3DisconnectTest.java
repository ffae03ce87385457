package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.pop3.Pop3Fixture.get;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult;
import org.ixp.DisconnectResult.Ending;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.testkit.Pop3Maildrop;
import org.ixp.testkit.Pop3Maildrop.QuitMode;
import org.junit.jupiter.api.Test;

/**
 * The founding page for POP3: Disconnect = QUIT, and only its {@code +OK} commits the deletions; DropConnection sends
 * nothing, so nothing is deleted. Each case checks the maildrop with a second session.
 */
class Pop3DisconnectTest {

    /** Logs on, STAT, marks messages 1 and 3 deleted. */
    private static void deleteOneAndThree(Pop3Fixture f) throws Exception {
        f.loggedOn();
        get(f.transport.commandSTAT());
        f.transport.markItem(Pop3MarkType.DELE, 1, true);
        f.transport.markItem(Pop3MarkType.DELE, 3, true);
        assertThat(get(f.transport.commandDELE(Pop3CmdType.GET_MARKED, 0))).containsExactly(1L, 3L);
    }

    /** The unique ids a fresh session sees. */
    private static List<String> seenByAFreshSession(Pop3Fixture f) throws Exception {
        Pop3Transport t = new Pop3Transport();
        t.initNew(null, new Pop3Recorder());
        t.connect(f.secure().build(), true, false).get(5, TimeUnit.SECONDS);
        get(t.commandSTAT());
        List<String> uids = get(t.commandUIDL(Pop3CmdType.GET_ALL, 0)).stream().map(Pop3Response.UidlInfo::uidl)
                .toList();
        get(t.disconnect());
        return uids;
    }

    private static Pop3Maildrop maildrop(QuitMode mode) {
        return new Pop3Maildrop().addMany("m", 4).quitMode(mode);
    }

    @Test
    void quitAnsweredOkCommitsTheDeletions() throws Exception {
        Pop3Maildrop drop = maildrop(QuitMode.COMMIT);
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            deleteOneAndThree(f);
            assertThat(f.transport.deletionsCommitted()).isFalse();
            DisconnectResult r = get(f.transport.disconnect());
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            assertThat(r.response()).startsWith("+OK");
            assertThat(f.transport.deletionsCommitted()).isTrue();
            assertThat(f.transport.lastQuit()).isEqualTo(new Pop3Response.QuitInfo(Ending.ACKNOWLEDGED, true, 2));
            f.endedOnce();
            assertThat(f.callback.of(Pop3Command.QUIT)).singleElement().satisfies(q -> {
                assertThat(q.done()).isTrue();
                assertThat(q.result().code()).isEqualTo(IxpCode.S_OK);
                assertThat(q.quitInfo().deletionsCommitted()).isTrue();
            });
            assertThat(f.callback.statuses).containsSubsequence(IxpStatus.DISCONNECTING, IxpStatus.DISCONNECTED);
            assertThat(seenByAFreshSession(f)).containsExactly("m2", "m4");
        }
    }

    @Test
    void quitAnsweredErrCommitsNothing() throws Exception {
        Pop3Maildrop drop = maildrop(QuitMode.REFUSE);
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            deleteOneAndThree(f);
            DisconnectResult r = get(f.transport.disconnect());
            assertThat(r.ending()).isEqualTo(Ending.REFUSED);
            assertThat(f.transport.deletionsCommitted()).isFalse();
            f.endedOnce();
            assertThat(f.callback.errors).isEmpty();
            assertThat(f.callback.of(Pop3Command.QUIT)).singleElement().satisfies(q -> {
                assertThat(q.result().code()).isEqualTo(IxpCode.IXP_E_POP3_DELETIONS_NOT_COMMITTED);
                assertThat(q.result().response()).isEqualTo("-ERR some deleted messages not removed");
                assertThat(q.quitInfo()).isEqualTo(new Pop3Response.QuitInfo(Ending.REFUSED, false, 2));
            });
            assertThat(drop.uids()).containsExactly("m1", "m2", "m3", "m4");
        }
    }

    @Test
    void eofBeforeTheReplyIsServerClosedAndNotKnownCommitted() throws Exception {
        Pop3Maildrop drop = maildrop(QuitMode.CLOSE);
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            deleteOneAndThree(f);
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.SERVER_CLOSED);
            assertThat(f.transport.deletionsCommitted()).isFalse();
            f.endedOnce();
            assertThat(f.callback.errors).isEmpty();
            assertThat(f.callback.of(Pop3Command.QUIT)).singleElement().satisfies(q -> {
                assertThat(q.result().code()).isEqualTo(IxpCode.IXP_E_POP3_DELETIONS_NOT_COMMITTED);
                assertThat(q.quitInfo().ending()).isEqualTo(Ending.SERVER_CLOSED);
                assertThat(q.reply()).isNull();
            });
        }
    }

    @Test
    void silenceAfterQuitEndsAtTheGoodbyeTimeoutNotCommitted() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(maildrop(QuitMode.SILENT))) {
            deleteOneAndThree(f);
            long t0 = System.nanoTime();
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.NO_REPLY);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Pop3Fixture.GOODBYE);
            assertThat(f.transport.deletionsCommitted()).isFalse();
            f.endedOnce();
            assertThat(f.callback.of(Pop3Command.QUIT)).singleElement().satisfies(q -> {
                assertThat(q.result().code()).isEqualTo(IxpCode.IXP_E_POP3_DELETIONS_NOT_COMMITTED);
                assertThat(q.quitInfo().ending()).isEqualTo(Ending.NO_REPLY);
            });
        }
    }

    @Test
    void dropSendsNothingSoNothingIsDeleted() throws Exception {
        Pop3Maildrop drop = maildrop(QuitMode.COMMIT);
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            deleteOneAndThree(f);
            get(f.transport.dropConnection());
            assertThat(f.server.awaitConnectionsClosed(Duration.ofSeconds(2))).isTrue();
            f.endedOnce();
            assertThat(f.callback.statuses).doesNotContain(IxpStatus.DISCONNECTING);
            assertThat(f.callback.errors).isEmpty();
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("QUIT"));
            assertThat(f.transport.deletionsCommitted()).isFalse();
            assertThat(f.transport.lastQuit()).isNull();
            assertThat(seenByAFreshSession(f)).containsExactly("m1", "m2", "m3", "m4");
        }
    }

    @Test
    void rsetBeforeQuitCommitsNoDeletion() throws Exception {
        Pop3Maildrop drop = maildrop(QuitMode.COMMIT);
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            deleteOneAndThree(f);
            get(f.transport.commandRSET());
            Pop3Response.QuitInfo q = get(f.transport.commandQUIT());
            assertThat(q).isEqualTo(new Pop3Response.QuitInfo(Ending.ACKNOWLEDGED, true, 0));
            assertThat(drop.uids()).hasSize(4);
        }
    }

    @Test
    void quitInAuthorizationCommitsNothingAndSaysSo() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(maildrop(QuitMode.COMMIT))) {
            f.transport.connect(f.secure().build(), false, true).get(5, TimeUnit.SECONDS);
            Pop3Response.QuitInfo q = get(f.transport.commandQUIT());
            assertThat(q).isEqualTo(new Pop3Response.QuitInfo(Ending.ACKNOWLEDGED, false, 0));
            assertThat(f.transport.deletionsCommitted()).isFalse();
        }
    }

    @Test
    void disconnectDuringRetrLetsItFinishThenQuits() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.send("-ERR");
            c.expect("USER");
            c.send("+OK");
            c.expect("PASS");
            c.send("+OK");
            c.expect("STAT");
            c.send("+OK 1 100");
            c.expect("RETR 1");
            c.sendRaw("+OK\r\nSubject: slow\r\n\r\n");
            c.sleep(Duration.ofMillis(300));
            c.sendRaw("body\r\n.\r\n");
            c.expect("QUIT");
            c.send("+OK bye");
        })) {
            f.transport.connect(f.plain().allowPlaintextAuth(true).build(), true, true).get(5, TimeUnit.SECONDS);
            get(f.transport.commandSTAT());
            CompletableFuture<Pop3Transfer> retr = f.transport.commandRETR(Pop3CmdType.GET_POPID, 1);
            f.server.awaitReceived(l -> l.equals("RETR 1"), Duration.ofSeconds(2));
            DisconnectResult r = get(f.transport.disconnect());
            assertThat(get(retr).bytes()).isEqualTo("Subject: slow\r\n\r\nbody\r\n".length());
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            assertThat(f.transport.deletionsCommitted()).isTrue();
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void dropDuringRetrFailsItAndReportsADoneResponse() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.send("-ERR");
            c.expect("USER");
            c.send("+OK");
            c.expect("PASS");
            c.send("+OK");
            c.expect("STAT");
            c.send("+OK 1 100");
            c.expect("RETR 1");
            c.sendRaw("+OK\r\nSubject: never ends\r\n\r\n");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.transport.connect(f.plain().allowPlaintextAuth(true).build(), true, true).get(5, TimeUnit.SECONDS);
            get(f.transport.commandSTAT());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            CompletableFuture<Long> retr = f.transport.commandRETR(1, out);
            f.server.awaitReceived(l -> l.equals("RETR 1"), Duration.ofSeconds(2));
            Pop3Fixture.sleepQuietly(100);
            get(f.transport.dropConnection());
            assertThat(Pop3Fixture.failureCode(retr)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
            assertThat(f.callback.of(Pop3Command.RETR)).last().satisfies(r -> {
                assertThat(r.done()).isTrue();
                assertThat(r.result().code()).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            });
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("QUIT"));
        }
    }
}
