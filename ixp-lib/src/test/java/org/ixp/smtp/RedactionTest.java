package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ixp.InetServer;
import org.ixp.IxpStatus;
import org.ixp.RecordingCallback;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials never reach the log file, onCommand, toString or exception messages. */
class RedactionTest {
    private static final String PASSWORD = "Tr0ub4dor&3-secret";

    private static List<String> forbidden() {
        List<String> f = new ArrayList<>();
        f.add(PASSWORD);
        f.add(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        f.add(Base64.getEncoder().encodeToString(("\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        return f;
    }

    @Test
    void authPlainIsRedactedInTheLogFileAndOnCommand(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("smtp.log");
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            c.send("220 x ESMTP");
            c.expect("EHLO");
            c.send("250-x");
            c.send("250 AUTH PLAIN");
            c.expect("AUTH PLAIN ");
            c.send("235 ok");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            SmtpTransport t = new SmtpTransport();
            RecordingCallback cb = new RecordingCallback();
            t.initNew(log, cb);
            InetServer s = SmtpScripts.plain(server).toBuilder().userName("alice").password(PASSWORD)
                    .allowPlaintextAuth(true).build();
            t.connect(s, true, true).get(5, TimeUnit.SECONDS);
            t.disconnect().get(5, TimeUnit.SECONDS);
            cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(5));
            Thread.sleep(200); // the log writer is asynchronous
            String file = Files.readString(log);
            assertThat(file).contains(" > AUTH PLAIN ****").contains(" < 235 ok").contains(" > QUIT");
            assertThat(file.lines()).allMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT\\S+Z [<>*] .*"));
            assertThat(cb.commands).contains("> AUTH PLAIN ****");
            String everything = file + cb.commands + cb.errors + t + s + t.getServerInfo();
            for (String secret : forbidden()) {
                assertThat(everything).doesNotContain(secret);
            }
        }
    }
}
