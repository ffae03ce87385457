package org.ixp.cli;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;

/**
 * The embedded GreenMail the {@code ixp imap} tests run on (plaintext on loopback), its user, the CLI's
 * connection flags for it, and a second client (the library itself) to change the mailbox behind a command's back.
 */
final class ImapGreenMail {
    static final String USER = "erin";
    static final String PASSWORD = "erin-Pa55";
    static final Map<String, String> ENV = Map.of("IMAP_PW", PASSWORD);

    private ImapGreenMail() {
    }

    static GreenMailExtension extension() {
        return new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    }

    static GreenMailUser user(GreenMailExtension gm) {
        return gm.setUser(USER + "@localhost", USER, PASSWORD);
    }

    /** Delivers a text message to the user's INBOX. */
    static void deliver(GreenMailExtension gm, GreenMailUser user, String subject, String body) {
        user.deliver(GreenMailUtil.createTextEmail(USER + "@localhost", "frank@localhost", subject, body,
                gm.getSmtp().getServerSetup()));
    }

    /** {@code ixp imap ARGS… --server … --tls none --allow-plaintext-auth --user erin --password-env IMAP_PW}. */
    static CliRun imap(GreenMailExtension gm, String... args) {
        return CliRun.run(ENV, command(gm, args));
    }

    static String[] command(GreenMailExtension gm, String... args) {
        List<String> all = new ArrayList<>(List.of("imap"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", "127.0.0.1:" + gm.getImap().getPort(), "--tls", "none",
                "--allow-plaintext-auth", "--user", USER, "--password-env", "IMAP_PW"));
        return all.toArray(new String[0]);
    }

    /** Runs {@code work} in a session of the library's own, then logs out. */
    static void session(GreenMailExtension gm, Consumer<ImapTransport> work) {
        Duration d = Duration.ofSeconds(10);
        InetServer server = InetServer.builder().serverName("127.0.0.1").port(gm.getImap().getPort())
                .security(Security.NONE).allowPlaintextAuth(true).userName(USER).password(PASSWORD)
                .timeouts(new Timeouts(d, d, d, d, Duration.ofSeconds(5))).build();
        ImapTransport t = new ImapTransport();
        t.initNew(null, new org.ixp.imap.ImapCallback() { }, null);
        try {
            t.connect(server, true, false).get(10, TimeUnit.SECONDS);
            work.accept(t);
            t.disconnect().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the second session failed: " + e, e);
        } finally {
            t.dropConnection();
        }
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static RangeList uids(long... uids) {
        RangeList r = new RangeList(true);
        for (long u : uids) {
            r.addSingleValue(u);
        }
        return r;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
