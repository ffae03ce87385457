package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.pop3.Pop3Fixture.get;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against an embedded GreenMail POP3 server (in-process, dynamic ports: runs anywhere): every command, and DELE +
 * QUIT {@code +OK} removing the messages, checked by UIDL from a fresh session.
 *
 * <p>Two GreenMail 2.1.3 deviations from RFC 1939, seen here (and why these tests avoid them):
 * <ul>
 *   <li>RSET answers with two lines ({@code +OK}, then {@code +OK maildrop has N messages undeleted.}), so the
 *       second is read as the reply to the next command: no RSET here (the scripted maildrop tests it).</li>
 *   <li>DELE sets a {@code \Deleted} flag on the stored message itself, which outlives a dropped session: the
 *       messages then stay hidden from later sessions, where RFC 1939 §6 says nothing is deleted without UPDATE. So
 *       "DropConnection deletes nothing" is proven on the scripted maildrop ({@code Pop3DisconnectTest}) and on
 *       Dovecot ({@code Pop3DovecotIT}), not here.</li>
 * </ul>
 */
class Pop3GreenMailTest {
    private static final String USER = "carol";
    private static final String PASSWORD = "carol-Pa55";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.ALL));

    private static void deliver(int n) throws Exception {
        GreenMailUser user = GREENMAIL.setUser(USER + "@localhost", USER, PASSWORD);
        for (int i = 1; i <= n; i++) {
            user.deliver(GreenMailUtil.createTextEmail(USER + "@localhost", "dave@localhost", "greenmail " + i,
                    "body " + i + "\r\n.a line with a leading dot\r\n", GREENMAIL.getSmtp().getServerSetup()));
        }
    }

    private static InetServer server() {
        Duration d = Duration.ofSeconds(10);
        return InetServer.builder().serverName("127.0.0.1").port(GREENMAIL.getPop3().getPort())
                .security(Security.NONE).allowPlaintextAuth(true).userName(USER).password(PASSWORD)
                .timeouts(new Timeouts(d, d, d, d, Duration.ofSeconds(5))).build();
    }

    private static Pop3Transport connected(Pop3Recorder cb) throws Exception {
        Pop3Transport t = new Pop3Transport();
        t.initNew(null, cb);
        t.connect(server(), true, true).get(10, TimeUnit.SECONDS);
        return t;
    }

    private static List<String> uidls() throws Exception {
        Pop3Transport t = connected(new Pop3Recorder());
        try {
            if (get(t.commandSTAT()).messages() == 0) {
                return List.of();
            }
            return get(t.commandUIDL(Pop3CmdType.GET_ALL, 0)).stream().map(Pop3Response.UidlInfo::uidl).toList();
        } finally {
            get(t.disconnect());
        }
    }

    @Test
    void everyCommandWorksAgainstGreenMail() throws Exception {
        deliver(3);
        Pop3Recorder cb = new Pop3Recorder();
        Pop3Transport t = connected(cb);
        assertThat(t.pop3State()).isEqualTo(Pop3State.TRANSACTION);
        Pop3Response.StatInfo stat = get(t.commandSTAT());
        assertThat(stat.messages()).isEqualTo(3);
        List<Pop3Response.ListInfo> list = get(t.commandLIST(Pop3CmdType.GET_ALL, 0));
        assertThat(list).hasSize(3);
        assertThat(list.stream().mapToLong(Pop3Response.ListInfo::size).sum()).isEqualTo(stat.bytes());
        assertThat(get(t.commandLIST(Pop3CmdType.GET_POPID, 2))).singleElement()
                .isEqualTo(list.get(1));
        List<Pop3Response.UidlInfo> uidl = get(t.commandUIDL(Pop3CmdType.GET_ALL, 0));
        assertThat(get(t.commandUIDL(Pop3CmdType.GET_POPID, 3))).containsExactly(uidl.get(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        get(t.commandRETR(2, out));
        String message = out.toString(StandardCharsets.UTF_8);
        assertThat(message).contains("Subject: greenmail 2").contains("\r\n.a line with a leading dot\r\n");
        ByteArrayOutputStream top = new ByteArrayOutputStream();
        get(t.commandTOP(1, 0, top));
        assertThat(top.toString(StandardCharsets.UTF_8)).contains("Subject: greenmail 1").doesNotContain("body 1");
        assertThat(get(t.commandRETR(Pop3CmdType.GET_ALL, 0)).messages()).isEqualTo(3);
        get(t.commandNOOP());
        assertThat(get(t.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
        assertThat(uidls()).isEqualTo(uidl.stream().map(Pop3Response.UidlInfo::uidl).toList());
    }

    @Test
    void deleThenQuitOkRemovesTheMessages() throws Exception {
        deliver(5);
        List<String> before = uidls();
        assertThat(before).hasSize(5);
        Pop3Transport quit = connected(new Pop3Recorder());
        get(quit.commandSTAT());
        quit.markItem(Pop3MarkType.DELE, 2, true);
        quit.markItem(Pop3MarkType.DELE, 4, true);
        assertThat(get(quit.commandDELE(Pop3CmdType.GET_MARKED, 0))).containsExactly(2L, 4L);
        Pop3Response.QuitInfo q = get(quit.commandQUIT());
        assertThat(q.deletionsCommitted()).isTrue();
        assertThat(q.deletionsMarked()).isEqualTo(2);
        assertThat(quit.deletionsCommitted()).isTrue();
        assertThat(uidls()).containsExactly(before.get(0), before.get(2), before.get(4));
    }

    @Test
    void implicitTlsToPop3s() throws Exception {
        deliver(1);
        Pop3Transport t = new Pop3Transport();
        t.initNew(null, new Pop3Recorder());
        InetServer s = server().toBuilder().port(GREENMAIL.getPop3s().getPort()).security(Security.IMPLICIT_TLS)
                .allowPlaintextAuth(false).tls(TlsSettings.insecureAcceptAnyCertificate()).build();
        t.connect(s, true, false).get(10, TimeUnit.SECONDS);
        assertThat(get(t.commandSTAT()).messages()).isEqualTo(1);
        get(t.disconnect());
    }
}
