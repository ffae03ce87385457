package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.nntp.NewsStore;
import org.ixp.testkit.nntp.NntpResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ixp nntp groups|group|over|article|post|newgroups} against the embedded responder (plaintext). */
class NntpCommandsTest {
    private NntpResponder responder;
    private ScriptedServer server;

    @BeforeEach
    void start() {
        NewsStore store = new NewsStore("cli.ixp.test")
                .group("local.test", "test group", Instant.parse("2024-06-01T00:00:00Z"), 1)
                .group("alt.old", "old group", Instant.parse("2001-01-01T00:00:00Z"), 1);
        store.seed("local.test", 5, 200);
        responder = new NntpResponder(store, NntpResponder.Options.defaults().withStartTls(false));
        server = ScriptedServer.start(Mode.PLAIN, responder);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun nntp(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "nntp";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[] {"--server", server.host() + ":" + server.port(), "--tls", "none",
                "--no-progress"}, 0, all, args.length + 1, 5);
        if (args[0].equals("group") || args[0].equals("article") || args[0].equals("post")
                || args[0].equals("newgroups")) {
            // these have no --no-progress
            String[] trimmed = new String[all.length - 1];
            System.arraycopy(all, 0, trimmed, 0, all.length - 1);
            all = trimmed;
        }
        return CliRun.run(Map.of("NNTP_PW", "alice-pw"), all);
    }

    @Test
    void groups() {
        CliRun r = nntp("groups");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("local.test 5 1 y", "alt.old 0 1 y", "2 groups")
                .anyMatch(l -> l.startsWith("disconnect: ACKNOWLEDGED 205"));
        CliRun d = nntp("groups", "local.*", "--descriptions");
        assertThat(d.outLines()).contains("local.test\ttest group", "1 groups");
    }

    @Test
    void groupAndNumbers() {
        CliRun r = nntp("group", "local.test", "--numbers");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsSubsequence("group: local.test count 5 first 1 last 5", "1", "2", "3", "4",
                "5");
        CliRun missing = nntp("group", "no.such.group");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("IXP_E_NNTP_NO_SUCH_GROUP (0x800CCCA3)");
    }

    @Test
    void overOfARange() {
        CliRun r = nntp("over", "local.test", "2-3");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("2\t") && l.endsWith("\tseed 2/5"))
                .anyMatch(l -> l.startsWith("3\t") && l.endsWith("\tseed 3/5")).contains("2 articles")
                .noneMatch(l -> l.startsWith("1\t"));
        assertThat(nntp("over", "local.test").outLines()).contains("5 articles");
        assertThat(nntp("over", "local.test", "x-y").exitCode()).isEqualTo(2);
    }

    @Test
    void articleToTheTerminalAndToAFile(@TempDir Path dir) throws Exception {
        String id = responder.store().articles().get(0).messageId();
        CliRun r = nntp("article", id);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("Message-ID: " + id, "Subject: seed 1/5")
                .anyMatch(l -> l.startsWith("article: " + id));
        Path out = dir.resolve("a.eml");
        CliRun f = nntp("article", "2", "--group", "local.test", "--body", "--out", out.toString());
        assertThat(f.exitCode()).as(f.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(responder.store().range("local.test", 2, 2).get(0).getValue()
                .body().getBytes(StandardCharsets.UTF_8));
        assertThat(nntp("article", "7").exitCode()).isEqualTo(2); // a number needs --group
    }

    @Test
    void postNeedsALogonAndThenReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("post.txt");
        Files.writeString(file, "From: alice@cli.ixp.test\nNewsgroups: local.test\nSubject: from the cli\n"
                + "Message-ID: <cli.1@ixp.test>\n\nposted from ixp nntp post\n");
        CliRun anonymous = nntp("post", file.toString());
        assertThat(anonymous.exitCode()).isEqualTo(1);
        assertThat(anonymous.err()).contains("IXP_E_NNTP_AUTH_REQUIRED");
        CliRun alice = nntp("post", file.toString(), "--user", "alice", "--password-env", "NNTP_PW",
                "--allow-plaintext-auth");
        assertThat(alice.exitCode()).as(alice.toString()).isZero();
        assertThat(alice.outLines()).contains("posted: 240 article received <cli.1@ixp.test>");
        assertThat(alice.out() + alice.err()).doesNotContain("alice-pw");
        assertThat(responder.store().byMessageId("<cli.1@ixp.test>").body()).isEqualTo(
                "posted from ixp nntp post\r\n");
    }

    @Test
    void newGroupsSinceADate() {
        CliRun r = nntp("newgroups", "2024-01-01");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).anyMatch(l -> l.startsWith("local.test ")).noneMatch(l -> l.startsWith("alt.old "))
                .contains("1 new groups since 2024-01-01T00:00:00Z");
        assertThat(nntp("newgroups", "2000-01-01", "--dist", "alt").outLines())
                .anyMatch(l -> l.startsWith("alt.old ")).noneMatch(l -> l.startsWith("local.test "));
        assertThat(nntp("newgroups", "yesterday").exitCode()).isEqualTo(2);
    }

    @Test
    void probeKnowsNntp() {
        CliRun r = CliRun.run("probe", "--protocol", "nntp", "--server", server.host() + ":" + server.port(),
                "--tls", "none");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("greeting: 201 cli.ixp.test ixp responder ready, no posting",
                "capability: VERSION 2");
    }
}
