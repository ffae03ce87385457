package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ixp.testkit.Mode;
import org.ixp.testkit.Pop3Maildrop;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ixp pop3 …} against the testkit's maildrop over STLS, and the POP3 parts of the demo. */
class Pop3CommandsTest {
    private static final Map<String, String> ENV = Map.of("PW", Pop3Maildrop.PASSWORD);

    private static Pop3Maildrop three() {
        return new Pop3Maildrop()
                .add("uid-1", "Subject: one\n\nfirst\n")
                .add("uid/2", "Subject: two\n\n.dot\n")
                .add("uid-3", "Subject: three\n\nthird\n");
    }

    private static CliRun pop3(ScriptedServer server, String... args) {
        List<String> all = new ArrayList<>(List.of("pop3"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", server.host() + ":" + server.port(), "--ca-file",
                TestCertificate.caPemFile().toString(), "--user", Pop3Maildrop.USER, "--password-env", "PW"));
        return CliRun.run(ENV, all.toArray(new String[0]));
    }

    @Test
    void statListAndUidl() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, three())) {
            CliRun stat = pop3(server, "stat");
            assertThat(stat.exitCode()).as(stat.toString()).isZero();
            assertThat(stat.outLines()).containsExactly("messages: 3", "disconnect: ACKNOWLEDGED +OK bye (0 messages"
                    + " removed)");
            CliRun uidl = pop3(server, "uidl");
            assertThat(uidl.outLines()).startsWith("1 uid-1", "2 uid/2", "3 uid-3");
            CliRun list = pop3(server, "list", "2", "3");
            assertThat(list.exitCode()).as(list.toString()).isZero();
            assertThat(list.outLines()).startsWith("2 22", "3 25");
            CliRun outOfRange = pop3(server, "list", "4");
            assertThat(outOfRange.exitCode()).isEqualTo(1);
            assertThat(outOfRange.err()).startsWith("error: IXP_E_POP3_POPID_OUT_OF_RANGE (0x800CCC97)");
            assertThat(stat.out() + uidl.out() + list.out() + stat.err()).doesNotContain(Pop3Maildrop.PASSWORD);
        }
    }

    @Test
    void fetchSavesEachMessageByUniqueIdThenDeleteIsCommittedByQuit(@TempDir Path dir) throws IOException {
        Pop3Maildrop maildrop = three();
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, maildrop)) {
            CliRun r = pop3(server, "fetch", "--out", dir.toString(), "--delete");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).contains("fetched: 3 message(s), 70 bytes, into " + dir,
                    "marked deleted: 3 message(s)", "deletions: 3 committed (QUIT answered +OK)");
            assertThat(Files.readString(dir.resolve("uid_2.eml"), StandardCharsets.UTF_8))
                    .isEqualTo("Subject: two\r\n\r\n.dot\r\n");
            assertThat(Files.readString(dir.resolve("uid-1.eml"))).isEqualTo("Subject: one\r\n\r\nfirst\r\n");
            assertThat(dir.resolve("uid-3.eml")).exists();
            try (var files = Files.list(dir)) {
                assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
            }
            assertThat(maildrop.size()).isZero();
        }
    }

    @Test
    void deleteAllWithDropDemonstrablyDeletesNothing() {
        Pop3Maildrop maildrop = three();
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, maildrop)) {
            CliRun r = pop3(server, "delete", "--all", "--drop");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).containsExactly("marked deleted: 3 message(s)", "dropped",
                    "deletions: none — 3 message(s) were marked deleted, but without QUIT the server deletes nothing"
                            + " (RFC 1939 §6)");
            assertThat(server.received()).contains("DELE 1", "DELE 2", "DELE 3").doesNotContain("QUIT");
            assertThat(maildrop.uids()).containsExactly("uid-1", "uid/2", "uid-3");
        }
    }

    @Test
    void deleteSomeThenDisconnectCommits() {
        Pop3Maildrop maildrop = three();
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, maildrop)) {
            CliRun r = pop3(server, "delete", "1", "3");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).contains("deletions: 2 committed (QUIT answered +OK)");
            assertThat(maildrop.uids()).containsExactly("uid/2");
        }
    }

    @Test
    void usageErrors() {
        CliRun neither = CliRun.run("pop3", "delete", "--server", "127.0.0.1:1");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("give message numbers or --all");
        CliRun both = CliRun.run("pop3", "fetch", "1", "--all", "--server", "127.0.0.1:1");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void probeKnowsPop3() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, three())) {
            CliRun r = CliRun.run(ENV, "probe", "--protocol", "pop3", "--server", server.host() + ":" + server.port(),
                    "--ca-file", TestCertificate.caPemFile().toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).contains("greeting: +OK ixp test maildrop ready", "capability: UIDL",
                    "capability: USER");
        }
    }

    @Test
    void theDemoShowsBothPop3Endings() {
        CliRun r = CliRun.run("demo");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsSubsequence(
                "== 4. POP3: DELE two messages, then DropConnection — nothing is deleted ==",
                "  > DELE 1",
                "  > DELE 2",
                "  dropped: deletionsCommitted=false",
                "  a fresh session's UIDL: uid-a, uid-b, uid-c",
                "== 5. POP3: DELE two messages, then Disconnect — QUIT commits the deletions ==",
                "  > QUIT",
                "  < +OK bye (2 messages removed)",
                "  disconnect: ACKNOWLEDGED +OK bye (2 messages removed); deletionsCommitted=true",
                "  a fresh session's UIDL: uid-c",
                "demo finished");
        assertThat(r.out()).doesNotContain(Pop3Maildrop.PASSWORD);
    }
}
