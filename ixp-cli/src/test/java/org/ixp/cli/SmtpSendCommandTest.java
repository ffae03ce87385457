package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpSendCommandTest {
    private static final Map<String, String> ENV = Map.of("PW", DemoSmtpScript.PASSWORD);

    private static String address(ScriptedServer s) {
        return s.host() + ":" + s.port();
    }

    @Test
    void sendsAFileAndSummarisesEachRecipient(@TempDir Path dir) throws IOException {
        Path eml = dir.resolve("m.eml");
        Files.writeString(eml, "Subject: t\r\n\r\nbody\r\n", StandardCharsets.UTF_8);
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.submission())) {
            CliRun r = CliRun.run(ENV, "smtp", "send", "--server", address(server), "--ca-file",
                    TestCertificate.caPemFile().toString(), "--user", DemoSmtpScript.USER, "--password-env", "PW",
                    "--from", "alice@demo.ixp.test", "--to", "bob@demo.ixp.test,nobody@demo.ixp.test",
                    eml.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).contains("accepted: bob@demo.ixp.test")
                    .anyMatch(l -> l.startsWith("refused: nobody@demo.ixp.test: 550 5.1.1"))
                    .anyMatch(l -> l.startsWith("sent: 20 bytes; 250"))
                    .anyMatch(l -> l.startsWith("disconnect: ACKNOWLEDGED"));
            assertThat(r.out() + r.err()).doesNotContain(DemoSmtpScript.PASSWORD);
        }
    }

    @Test
    void everyRecipientRefusedIsAnErrorWithExitCode1(@TempDir Path dir) throws IOException {
        Path eml = dir.resolve("m.eml");
        Files.writeString(eml, "Subject: t\r\n\r\nbody\r\n", StandardCharsets.UTF_8);
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.submission())) {
            CliRun r = CliRun.run(ENV, "smtp", "send", "--server", address(server), "--ca-file",
                    TestCertificate.caPemFile().toString(), "--user", DemoSmtpScript.USER, "--password-env", "PW",
                    "--from", "alice@demo.ixp.test", "--to", "nobody@demo.ixp.test", eml.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).startsWith("error: IXP_E_SMTP_REJECTED_RECIPIENTS (0x800CCC79)");
        }
    }

    @Test
    void aBadAddressIsRefusedBeforeConnecting(@TempDir Path dir) throws IOException {
        Path eml = dir.resolve("m.eml");
        Files.writeString(eml, "x\r\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.run("smtp", "send", "--server", "127.0.0.1:1", "--tls", "none", "--from", "a@b.c",
                "--to", "not-an-address", eml.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: IXP_E_INVALID_ADDRESS (0x800CCC10)");
    }
}
