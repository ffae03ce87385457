package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PASSWORD_VAR = "IXP_TEST_PASSWORD";
    private static final Map<String, String> ENV = Map.of(PASSWORD_VAR, DemoSmtpScript.PASSWORD);

    @Test
    void verboseProbeListsStatusesLinesGreetingAndCapabilitiesInOrder() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.noStartTls())) {
            CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", address(server), "--tls", "none",
                    "--verbose");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            List<String> lines = r.outLines();
            assertThat(lines.subList(0, 3)).containsExactly("status: FINDINGHOST", "status: CONNECTING",
                    "status: CONNECTED");
            assertThat(lines).containsSubsequence(
                    "status: CONNECTED",
                    "< " + DemoSmtpScript.GREETING,
                    "> EHLO [127.0.0.1]",
                    "< 250-demo.ixp.test greets you",
                    "< 250 8BITMIME",
                    "greeting: " + DemoSmtpScript.GREETING,
                    "capability: PIPELINING",
                    "capability: SIZE 10485760",
                    "capability: AUTH PLAIN",
                    "capability: 8BITMIME",
                    "status: DISCONNECTING",
                    "> QUIT",
                    "< 221 2.0.0 Bye",
                    "status: DISCONNECTED",
                    "disconnect: ACKNOWLEDGED 221 2.0.0 Bye");
            assertThat(lastStatus(lines)).isEqualTo("status: DISCONNECTED");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("disconnect: ACKNOWLEDGED 221 2.0.0 Bye");
            assertThat(lines.stream().filter(l -> l.equals("status: DISCONNECTED"))).hasSize(1);
            assertThat(r.err()).isEmpty();
            assertThat(server.received()).contains("QUIT");
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void quietProbePrintsOnlyGreetingCapabilitiesAndTheEnding() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.noStartTls())) {
            CliRun r = CliRun.run("probe", "--protocol", "SMTP", "--server", address(server), "--tls", "none");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).containsExactly(
                    "greeting: " + DemoSmtpScript.GREETING,
                    "capability: PIPELINING",
                    "capability: SIZE 10485760",
                    "capability: AUTH PLAIN",
                    "capability: 8BITMIME",
                    "disconnect: ACKNOWLEDGED 221 2.0.0 Bye");
        }
    }

    @Test
    void dropEndsDisconnectedAndSendsNoQuit() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.noStartTls())) {
            CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", address(server), "--tls", "none",
                    "--verbose", "--drop");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            List<String> lines = r.outLines();
            assertThat(lastStatus(lines)).isEqualTo("status: DISCONNECTED");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("dropped");
            assertThat(lines).doesNotContain("status: DISCONNECTING", "> QUIT");
            assertThat(server.awaitConnectionsClosed(WAIT)).isTrue();
            assertThat(server.received()).noneMatch(l -> l.toUpperCase().startsWith("QUIT"));
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void implicitTlsTrustingTheCaFileConnects() {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, DemoSmtpScript.noStartTls())) {
            CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", address(server), "--tls", "implicit",
                    "--ca-file", TestCertificate.caPemFile().toString(), "--verbose");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).containsSubsequence("status: CONNECTING", "status: SECURING",
                    "status: CONNECTED", "greeting: " + DemoSmtpScript.GREETING, "status: DISCONNECTED",
                    "disconnect: ACKNOWLEDGED 221 2.0.0 Bye");
        }
    }

    @Test
    void untrustedCertificateIsRefusedWithExitCode1() {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, TestCertificate.selfSigned(),
                DemoSmtpScript.noStartTls())) {
            CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", address(server), "--tls", "implicit",
                    "--ca-file", TestCertificate.caPemFile().toString());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.errLines()).singleElement().asString()
                    .startsWith("error: IXP_E_INVALID_CERT_UNTRUSTED (0x800CCC37): ");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void insecureAcceptsTheUntrustedCertificate() {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, TestCertificate.selfSigned(),
                DemoSmtpScript.noStartTls())) {
            CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", address(server), "--tls", "implicit",
                    "--insecure");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("greeting: " + DemoSmtpScript.GREETING);
        }
    }

    @Test
    void startTlsIsTheDefaultAndRequired() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.noStartTls())) {
            CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", address(server));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).startsWith("error: IXP_E_SMTP_NO_STARTTLS_SUPPORT (0x800CCC7D): ");
        }
    }

    @Test
    void logsOnWithThePasswordFromTheEnvironmentAndNeverShowsIt(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("probe.log");
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.submission())) {
            CliRun r = CliRun.run(ENV, "probe", "--protocol", "smtp", "--server", address(server),
                    "--ca-file", TestCertificate.caPemFile().toString(),
                    "--user", DemoSmtpScript.USER, "--password-env", PASSWORD_VAR,
                    "--log", log.toString(), "--verbose");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).containsSubsequence("status: SECURING", "status: AUTHORIZING",
                    "> AUTH PLAIN ****", "< 235 2.7.0 Authentication successful", "status: AUTHORIZED",
                    "status: CONNECTED", "greeting: " + DemoSmtpScript.GREETING, "status: DISCONNECTED");
            assertThat(server.received()).anyMatch(l -> l.startsWith("AUTH PLAIN "));
            String logText = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(logText).contains("> EHLO", "> AUTH PLAIN ****", "< 235");
            for (String text : List.of(r.out(), r.err(), logText)) {
                assertThat(text).doesNotContain(DemoSmtpScript.PASSWORD, base64("\0alice\0" + DemoSmtpScript.PASSWORD),
                        base64(DemoSmtpScript.PASSWORD));
            }
        }
    }

    @Test
    void wrongPasswordFailsWithAuthFailed() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.submission())) {
            CliRun r = CliRun.run(Map.of(PASSWORD_VAR, "wrong"), "probe", "--protocol", "smtp",
                    "--server", address(server), "--ca-file", TestCertificate.caPemFile().toString(),
                    "--user", DemoSmtpScript.USER, "--password-env", PASSWORD_VAR);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).startsWith("error: IXP_E_AUTH_FAILED (0x800CCC36): ")
                    .contains("535 5.7.8");
        }
    }

    @Test
    void passwordIsNotSentWithoutTlsUnlessAllowed() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, DemoSmtpScript.noStartTls())) {
            CliRun refused = CliRun.run(ENV, "probe", "--protocol", "smtp", "--server", address(server),
                    "--tls", "none", "--user", DemoSmtpScript.USER, "--password-env", PASSWORD_VAR);

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).startsWith("error: IXP_E_PLAINTEXT_AUTH_REFUSED (0x800CCC34): ");

            CliRun allowed = CliRun.run(ENV, "probe", "--protocol", "smtp", "--server", address(server),
                    "--tls", "none", "--user", DemoSmtpScript.USER, "--password-env", PASSWORD_VAR,
                    "--allow-plaintext-auth");

            assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
            assertThat(server.awaitConnectionsClosed(WAIT)).isTrue();
            assertThat(server.received().stream().filter(l -> l.startsWith("AUTH "))).hasSize(1);
        }
    }

    @Test
    void unsetPasswordVariableIsAnError() {
        CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", "127.0.0.1:1",
                "--user", "alice", "--password-env", "IXP_NO_SUCH_VARIABLE");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: E_INVALIDARG (0x80070057): environment variable "
                + "IXP_NO_SUCH_VARIABLE (named by --password-env) is not set or empty");
    }

    @Test
    void closedPortFailsToConnect() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", "127.0.0.1:" + port, "--tls", "none",
                "--verbose");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("error: IXP_E_FAILED_TO_CONNECT (0x800CCC0E): cannot connect to 127.0.0.1:" + port);
        assertThat(lastStatus(r.outLines())).isEqualTo("status: DISCONNECTED");
    }

    @Test
    void imapProbeReadsTheGreetingAndCapabilitiesAndLogsOut() {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 IDLE] scripted IMAP ready");
            c.expect("a1 LOGOUT");
            c.send("* BYE see you");
            c.send("a1 OK LOGOUT completed");
        })) {
            CliRun r = CliRun.run("probe", "--protocol", "IMAP", "--server", address(server), "--tls", "none");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).containsExactly(
                    "greeting: * OK [CAPABILITY IMAP4rev1 IDLE] scripted IMAP ready",
                    "capability: IMAP4rev1",
                    "capability: IDLE",
                    "disconnect: ACKNOWLEDGED * BYE see you");
        }
    }

    @Test
    void caFileWithoutCertificatesIsAUsageError(@TempDir Path dir) throws IOException {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "not a certificate\n");
        CliRun r = CliRun.run("probe", "--protocol", "smtp", "--server", "127.0.0.1:1", "--tls", "implicit",
                "--ca-file", notPem.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--ca-file " + notPem + " is not a readable PEM file");
    }

    @Test
    void usageErrorsExitWith2() {
        List<List<String>> cases = List.of(
                List.of("probe", "--protocol", "ftp", "--server", "h"),
                List.of("probe", "--protocol", "smtp"),
                List.of("probe", "--protocol", "smtp", "--server", "h:99999"),
                List.of("probe", "--protocol", "smtp", "--server", "h", "--tls", "ssl"),
                List.of("probe", "--protocol", "smtp", "--server", "h", "--user", "alice"),
                List.of("probe", "--protocol", "smtp", "--server", "h", "--insecure", "--ca-file",
                        TestCertificate.caPemFile().toString()),
                List.of("probe", "--protocol", "smtp", "--server", "h", "--ca-file", "/no/such/ca.pem"),
                List.of("probe", "--protocol", "smtp", "--server", "h", "--timeout", "0"),
                List.of("probe", "--protocol", "smtp", "--server", "h", "--password", "secret"));
        for (List<String> args : cases) {
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args + "\n" + r).isEqualTo(2);
            assertThat(r.out()).isEmpty();
        }
    }

    private static String address(ScriptedServer server) {
        return server.host() + ":" + server.port();
    }

    private static String lastStatus(List<String> lines) {
        String last = null;
        for (String l : lines) {
            if (l.startsWith("status: ")) {
                last = l;
            }
        }
        return last;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
