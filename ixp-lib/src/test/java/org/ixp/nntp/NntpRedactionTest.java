package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.nntp.NntpFixture.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.ixp.InetServer;
import org.ixp.IxpStatus;
import org.ixp.Secret;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AUTHINFO PASS and SASL responses never reach the log file, onCommand, errors or toString()s. */
class NntpRedactionTest {
    private static final String PASSWORD = "Tr0ub4dor&3-news";

    private static List<String> forbidden() {
        return List.of(PASSWORD,
                Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void authinfoUserPassAndSaslPlainAreRedacted(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("nntp.log");
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            NntpScripts.greet(c, "101 caps\r\nVERSION 2\r\nREADER\r\nAUTHINFO USER SASL\r\nSASL PLAIN\r\n.\r\n");
            c.expect("GROUP g");
            c.send("480 again please");
            c.expect("AUTHINFO SASL PLAIN ");
            c.send("481 no");
            c.expect("AUTHINFO USER alice");
            c.send("381 pass");
            c.expect("AUTHINFO PASS ");
            c.send("281 ok");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            NntpTransport t = new NntpTransport();
            NntpRecorder cb = new NntpRecorder();
            t.initNew(log, cb, cb.executor());
            InetServer s = InetServer.builder().serverName(server.host()).port(server.port())
                    .security(org.ixp.Security.NONE).userName("alice").password(PASSWORD).allowPlaintextAuth(true)
                    .build();
            t.connect(s, false, true).get(5, java.util.concurrent.TimeUnit.SECONDS);
            NntpFixture.failure(t.commandGROUP("g"));
            get(t.commandAUTHINFO(NntpAuthInfo.userPass("alice", Secret.of(PASSWORD))));
            get(t.disconnect());
            cb.awaitStatus(IxpStatus.DISCONNECTED, NntpFixture.WAIT);
            Thread.sleep(200); // the log writer is asynchronous
            String file = Files.readString(log);
            assertThat(file).contains(" > AUTHINFO SASL PLAIN ****").contains(" > AUTHINFO PASS ****")
                    .contains(" > AUTHINFO USER alice");
            assertThat(cb.commands()).contains("> AUTHINFO SASL PLAIN ****", "> AUTHINFO PASS ****");
            String everything = file + cb.commands() + cb.errors + cb.nntp + t + s + t.getServerInfo()
                    + NntpAuthInfo.userPass("alice", Secret.of(PASSWORD));
            for (String secret : forbidden()) {
                assertThat(everything).doesNotContain(secret);
            }
            assertThat(server.scriptFailures()).isEmpty();
        }
    }
}
