package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.smtp.Fixture.failureCode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.RecordingCallback;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;
import org.junit.jupiter.api.Test;

/** SMTP session details from the issue: XOAUTH2 errors, HELO fallback, an abrupt TLS close after QUIT. */
class SmtpSessionEdgesTest {

    @Test
    void xoauth2ErrorChallengeIsAnsweredWithAnEmptyLineAndTheErrorReported() throws Exception {
        String json = "{\"status\":\"401\",\"schemes\":\"Bearer\",\"scope\":\"https://mail.google.com/\"}";
        String[] answer = new String[1];
        try (Fixture f = new Fixture(c -> {
            c.send("220 smtp.example ESMTP");
            c.expect("EHLO");
            c.send("250-smtp.example");
            c.send("250 AUTH XOAUTH2");
            c.expect("AUTH XOAUTH2 ");
            c.send("334 " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.US_ASCII)));
            answer[0] = c.readLine();
            c.send("535-5.7.8 Username and Password not accepted.");
            c.send("535 5.7.8 https://support.google.com/mail/?p=BadCredentials");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            InetServer s = f.settings().userName("alice@example.com").oauthToken(() -> "ya29.token-value")
                    .allowPlaintextAuth(true).build();
            var connect = f.transport.connect(s, true, true);
            try {
                connect.get(5, TimeUnit.SECONDS);
                throw new AssertionError("expected the logon to fail");
            } catch (java.util.concurrent.ExecutionException e) {
                IxpException ie = IxpException.unwrap(e);
                assertThat(ie.code()).isEqualTo(IxpCode.IXP_E_AUTH_FAILED);
                assertThat(ie.getMessage()).contains("\"status\":\"401\"").contains("535");
                assertThat(ie.getMessage()).doesNotContain("ya29.token-value");
            }
            assertThat(answer[0]).isEmpty();
            assertThat(f.callback.commands).noneMatch(l -> l.contains("ya29"));
        }
    }

    @Test
    void ehloRefusedFallsBackToHeloOnAPlainConnection() throws Exception {
        try (Fixture f = new Fixture(c -> {
            c.send("220 old.example SMTP");
            c.expect("EHLO");
            c.send("500 5.5.1 command unrecognized");
            c.expect("HELO");
            c.send("250 old.example");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            assertThat(f.transport.smtpCapabilities().isEhlo()).isFalse();
            assertThat(f.transport.getCapabilities()).isEmpty();
            // futures and callbacks are independent: wait for the callback to have seen the connect's end
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (f.callback.responses.stream().noneMatch(r -> r.command() == SmtpCommand.CONNECTED)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(f.callback.responses).extracting(SmtpResponse::command).contains(SmtpCommand.EHLO,
                    SmtpCommand.HELO, SmtpCommand.CONNECTED);
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTlsCloseWithoutCloseNotifyAfterQuitStillEndsCleanlyAndTheSendStaysSent() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, c -> {
            c.send("220 tls ESMTP");
            c.expect("EHLO");
            c.send("250-tls");
            c.send("250 PIPELINING");
            c.expect("MAIL");
            c.expect("RCPT");
            c.expect("DATA");
            c.send("250 ok");
            c.send("250 ok");
            c.send("354 go");
            c.readUntilDotLine();
            c.send("250 queued");
            c.expect("QUIT");
            c.closeTcp(); // no 221, no close_notify
        })) {
            SmtpTransport t = new SmtpTransport();
            RecordingCallback cb = new RecordingCallback();
            t.initNew(null, cb);
            t.connect(InetServer.builder().serverName("127.0.0.1").port(server.port()).security(Security.IMPLICIT_TLS)
                    .tls(TlsSettings.trusting(TestCertificate.caPemFile())).build(), false, false)
                    .get(5, TimeUnit.SECONDS);
            SendResult sent = t.sendMessage(SmtpMessage.builder().from("a@example.com").to("b@example.com")
                    .stream(new ByteArrayInputStream("x\r\n".getBytes(StandardCharsets.US_ASCII))).build())
                    .get(5, TimeUnit.SECONDS);
            assertThat(t.disconnect().get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.SERVER_CLOSED);
            assertThat(sent.reply().code()).isEqualTo(250);
            assertThat(cb.errors).isEmpty();
        }
    }

    @Test
    void useIpForHeloSendsTheAddressLiteralEvenWithAHostName() throws Exception {
        try (Fixture f = new Fixture(c -> {
            c.send("220 x ESMTP");
            c.expect("EHLO [127.0.0.1]");
            c.send("250 x");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.transport.connect(f.settings().localHostName("client.example.com")
                    .flag(org.ixp.ServerFlag.SMTP_USEIPFORHELO).build(), false, false).get(5, TimeUnit.SECONDS);
            f.transport.dropConnection();
            f.server.awaitConnectionsClosed(Duration.ofSeconds(3));
            assertThat(f.server.scriptFailures()).isEmpty();
        }
        try (Fixture f = new Fixture(c -> {
            c.send("220 x ESMTP");
            c.expect("EHLO client.example.com");
            c.send("250 x");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.transport.connect(f.settings().localHostName("client.example.com").build(), false, false)
                    .get(5, TimeUnit.SECONDS);
            f.transport.dropConnection();
            f.server.awaitConnectionsClosed(Duration.ofSeconds(3));
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void requireTlsWithoutTlsIsRefusedBeforeAnythingIsSent() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            var send = f.transport.sendMessage(SmtpMessage.builder().from("a@example.com").to("b@example.com")
                    .requireTls(true).stream(new ByteArrayInputStream(new byte[0])).build());
            assertThat(failureCode(send)).isEqualTo(IxpCode.IXP_E_INVALID_STATE);
            f.transport.dropConnection();
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("MAIL"));
        }
    }

    @Test
    void a421ReplyToACommandFailsItWithItsCode() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("RSET");
            c.send("421 4.3.2 going down");
            c.close();
        })) {
            f.connected();
            assertThat(failureCode(f.transport.commandRSET())).isEqualTo(IxpCode.IXP_E_SMTP_421_NOT_AVAILABLE);
            f.endedOnce();
        }
    }
}
