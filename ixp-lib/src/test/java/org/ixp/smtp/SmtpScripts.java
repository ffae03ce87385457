package org.ixp.smtp;

import java.time.Duration;
import org.ixp.Security;
import org.ixp.InetServer;
import org.ixp.Timeouts;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.ScriptedServer;

/** SMTP dialogue pieces for scripted-server tests. */
public final class SmtpScripts {
    private SmtpScripts() {
    }

    public static void greetAndEhlo(Conversation c) {
        c.send("220 test.example ESMTP ready");
        c.expect("EHLO");
        c.send("250-test.example hello");
        c.send("250-PIPELINING");
        c.send("250 8BITMIME");
    }

    /** Greeting and EHLO answered with exactly {@code extensions} (and HELP). */
    public static void ehlo(Conversation c, String... extensions) {
        c.send("220 send.test ESMTP");
        c.expect("EHLO");
        c.send("250-send.test");
        for (String e : extensions) {
            c.send("250-" + e);
        }
        c.send("250 HELP");
    }

    /** Greeting, EHLO, then QUIT answered with 221. */
    public static void politeSession(Conversation c) {
        greetAndEhlo(c);
        c.expect("QUIT");
        c.send("221 2.0.0 bye");
        c.awaitClientClose(Duration.ofSeconds(5));
    }

    /** A plaintext server settings for the scripted server, with short timeouts. */
    public static InetServer plain(ScriptedServer server) {
        return InetServer.builder().serverName(server.host()).port(server.port()).security(Security.NONE)
                .timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .build();
    }
}
