package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.LogonDecision;
import org.ixp.RecordingCallback;
import org.ixp.Secret;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;

/**
 * SMTP against the lab's Postfix (submission with STARTTLS + AUTH through Dovecot SASL, delivering into Dovecot):
 * each message is read back over POP3 and compared byte for byte.
 */
class SmtpPostfixIT {
    private final Lab lab = Lab.get();

    private InetServer.Builder submission() {
        return InetServer.builder().serverName(lab.tlsHostname()).port(lab.smtpSubmissionPort())
                .security(Security.STARTTLS).tls(TlsSettings.trusting(lab.caCert()))
                .userName(lab.user(1)).password(lab.password(1));
    }

    private static SmtpTransport open(InetServer server, RecordingCallback cb) throws Exception {
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, cb);
        t.connect(server, true, true).get(15, TimeUnit.SECONDS);
        return t;
    }

    /** Sends {@code body} (headers added) from alice to bob and returns what bob's mailbox holds. */
    private byte[] roundTrip(SmtpTransport t, String from, String body) throws Exception {
        String marker = "ixp-" + UUID.randomUUID();
        String message = "Date: Tue, 24 Nov 2026 12:00:00 +0000\r\nFrom: " + from + "\r\nTo: " + lab.email(2)
                + "\r\nSubject: " + marker
                + "\r\nMessage-ID: <" + marker + "@ixp.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body;
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        SendResult r = t.sendMessage(SmtpMessage.builder().from(from).to(lab.email(2))
                .stream(new ByteArrayInputStream(bytes)).size(bytes.length).build()).get(30, TimeUnit.SECONDS);
        assertThat(r.accepted()).containsExactly(lab.email(2));
        byte[] got = Pop3Peek.await(lab.host(), lab.pop3Port(), lab.user(2), lab.password(2), marker,
                Duration.ofSeconds(10));
        // Postfix and Dovecot add trace headers in front; everything we sent must follow, byte for byte.
        byte[] tail = Arrays.copyOfRange(got, Math.max(0, got.length - bytes.length), got.length);
        assertThat(new String(tail, StandardCharsets.UTF_8)).isEqualTo(message);
        return got;
    }

    @Test
    void plainAsciiEightBitAndDotLinesArriveByteForByte() throws Exception {
        RecordingCallback cb = new RecordingCallback();
        SmtpTransport t = open(submission().build(), cb);
        assertThat(t.isState(IsState.AUTHENTICATED)).isTrue();
        cb.awaitSubsequence(Duration.ofSeconds(5), IxpStatus.CONNECTED, IxpStatus.SECURING, IxpStatus.CONNECTED,
                IxpStatus.AUTHORIZING, IxpStatus.AUTHORIZED, IxpStatus.CONNECTED);
        roundTrip(t, lab.email(1), "Plain ASCII text.\r\nSecond line.\r\n");
        roundTrip(t, lab.email(1), "Grüße aus Köln — 8-bit UTF-8 body: 日本語\r\n");
        roundTrip(t, lab.email(1), "before\r\n.\r\n..x\r\n.\r\nafter a lone dot\r\n.\r\n");
        DisconnectResult bye = t.disconnect().get(10, TimeUnit.SECONDS);
        assertThat(bye.ending()).isEqualTo(DisconnectResult.Ending.ACKNOWLEDGED);
        assertThat(bye.response()).startsWith("221");
    }

    /**
     * UTF-8 addresses (RFC 6531). Dovecot 2.3's LMTP does not offer SMTPUTF8, so Postfix cannot deliver such a
     * message into a mailbox here; the proof is Postfix's own log: it accepted the envelope intact (from= and to=
     * as sent) and handed the message on (the lab discards mail for other domains with status=sent).
     */
    @Test
    void utf8AddressesTravelWithSmtputf8() throws Exception {
        SmtpTransport t = open(submission().build(), new RecordingCallback());
        assertThat(t.smtpCapabilities().has("SMTPUTF8")).as("Postfix offers SMTPUTF8").isTrue();
        String sender = "jörg.müller@ixp-lab.test";
        String recipient = "用户" + UUID.randomUUID().toString().substring(0, 8) + "@ixp-lab.test";
        byte[] msg = ("Subject: UTF-8 envelope\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8);
        SendResult r = t.sendMessage(SmtpMessage.builder().from(sender).to(recipient)
                .stream(new ByteArrayInputStream(msg)).build()).get(30, TimeUnit.SECONDS);
        assertThat(r.accepted()).containsExactly(recipient);
        t.disconnect().get(10, TimeUnit.SECONDS);
        java.nio.file.Path log = lab.dir().resolve("log/postfix.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains("to=<" + recipient + ">") && text.contains("status=sent")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(text).contains("from=<" + sender + ">").containsPattern(
                "to=<" + java.util.regex.Pattern.quote(recipient) + ">.*status=sent");
    }

    @Test
    void implicitTlsOnTheSmtpsPort() throws Exception {
        SmtpTransport t = open(submission().port(lab.smtpsPort()).security(Security.IMPLICIT_TLS).build(),
                new RecordingCallback());
        roundTrip(t, lab.email(1), "over implicit TLS\r\n");
        t.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aHundredRecipientsWithSomeRefused() throws Exception {
        SmtpTransport t = open(submission().build(), new RecordingCallback());
        SmtpMessage.Builder b = SmtpMessage.builder().from(lab.email(1));
        b.to(lab.email(1)).to(lab.email(2));
        for (int i = 0; i < 98; i++) {
            b.to("nobody" + i + "@localhost");
        }
        String marker = "ixp-" + UUID.randomUUID();
        byte[] msg = ("Subject: " + marker + "\r\n\r\nhundred\r\n").getBytes(StandardCharsets.US_ASCII);
        SendResult r = t.sendMessage(b.stream(new ByteArrayInputStream(msg)).build()).get(30, TimeUnit.SECONDS);
        assertThat(r.accepted()).containsExactlyInAnyOrder(lab.email(1), lab.email(2));
        assertThat(r.rejected()).hasSize(98).allSatisfy(f -> {
            assertThat(f.code()).isEqualTo(550);
            assertThat(f.enhancedCode()).isEqualTo("5.1.1");
        });
        Pop3Peek.await(lab.host(), lab.pop3Port(), lab.user(2), lab.password(2), marker, Duration.ofSeconds(10));
        t.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void wrongPasswordThenTheRightOneThroughOnLogonPrompt() throws Exception {
        AtomicInteger prompts = new AtomicInteger();
        RecordingCallback cb = new RecordingCallback() {
            @Override
            public LogonDecision onLogonPrompt(InetServer server, InternetTransport<?> transport) {
                prompts.incrementAndGet();
                return LogonDecision.retry(lab.user(1), Secret.of(lab.password(1)));
            }
        };
        SmtpTransport t = open(submission().password("wrong-password").build(), cb);
        assertThat(prompts).hasValue(1);
        cb.awaitSubsequence(Duration.ofSeconds(5), IxpStatus.AUTHRETRY);
        roundTrip(t, lab.email(1), "after a retry\r\n");
        t.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void submissionWithoutAuthenticationIsRefusedPerRecipient() throws Exception {
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new RecordingCallback());
        t.connect(submission().build(), false, false).get(15, TimeUnit.SECONDS);
        try {
            t.sendMessage(SmtpMessage.builder().from(lab.email(1)).to(lab.email(2))
                    .stream(new ByteArrayInputStream("x\r\n".getBytes(StandardCharsets.US_ASCII))).build())
                    .get(15, TimeUnit.SECONDS);
            throw new AssertionError("expected the recipient to be refused without AUTH");
        } catch (java.util.concurrent.ExecutionException e) {
            IxpException ie = IxpException.unwrap(e);
            assertThat(ie.code()).isIn(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS, IxpCode.IXP_E_SMTP_REJECTED_SENDER);
        }
        assertThat(t.isState(IsState.READY)).as("the session survives a refused transaction").isTrue();
        t.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void pipeliningIntoSmtpSinkOverOneConnection() throws Exception {
        InetServer sink = InetServer.builder().serverName(lab.host()).port(lab.smtpSinkPort()).security(Security.NONE)
                .build();
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new RecordingCallback());
        t.connect(sink, false, false).get(10, TimeUnit.SECONDS);
        assertThat(t.smtpCapabilities().has("PIPELINING")).isTrue();
        byte[] msg = ("Subject: sink\r\n\r\n" + "x".repeat(10_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            SendResult r = t.sendMessage(SmtpMessage.builder().from("a@ixp-lab.test").to("b@ixp-lab.test")
                    .to("c@ixp-lab.test").stream(new ByteArrayInputStream(msg)).size(msg.length).build())
                    .get(10, TimeUnit.SECONDS);
            assertThat(r.accepted()).hasSize(2);
        }
        assertThat(t.disconnect().get(10, TimeUnit.SECONDS).ending()).isEqualTo(DisconnectResult.Ending.ACKNOWLEDGED);
    }

    @Test
    void sendMessagesPipelinesAcrossMessagesAndKeepsEachOutcome() throws Exception {
        // Postfix offers PIPELINING: the batch overlaps the transactions; the middle message has only an unknown
        // recipient and is refused on its own. Sent to frank (lab user 6, the benchmark's: no suite reads its mailbox).
        SmtpTransport t = open(submission().build(), new RecordingCallback());
        assertThat(t.smtpCapabilities().has("PIPELINING")).isTrue();
        String marker = "ixp-" + UUID.randomUUID();
        List<SmtpMessage> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] msg = ("Subject: " + marker + "-" + i + "\r\n\r\nbatch " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            batch.add(SmtpMessage.builder().from(lab.email(1)).to(i == 1 ? "nobody-batch@localhost" : lab.email(6))
                    .stream(new ByteArrayInputStream(msg)).size(msg.length).build());
        }
        List<java.util.concurrent.CompletableFuture<SendResult>> sent = t.sendMessages(batch);
        assertThat(sent.get(0).get(30, TimeUnit.SECONDS).accepted()).containsExactly(lab.email(6));
        assertThat(Fixture.failureCode(sent.get(1))).isEqualTo(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS);
        assertThat(sent.get(2).get(30, TimeUnit.SECONDS).accepted()).containsExactly(lab.email(6));
        t.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendMessagesIntoSmtpSinkOverOneConnection() throws Exception {
        InetServer sink = InetServer.builder().serverName(lab.host()).port(lab.smtpSinkPort()).security(Security.NONE)
                .build();
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new RecordingCallback());
        t.connect(sink, false, false).get(10, TimeUnit.SECONDS);
        byte[] msg = ("Subject: sink\r\n\r\n" + "x".repeat(10_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        List<SmtpMessage> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(SmtpMessage.builder().from("a@ixp-lab.test").to("b@ixp-lab.test")
                    .stream(new ByteArrayInputStream(msg)).size(msg.length).build());
        }
        List<java.util.concurrent.CompletableFuture<SendResult>> sent = t.sendMessages(batch);
        for (java.util.concurrent.CompletableFuture<SendResult> f : sent) {
            assertThat(f.get(30, TimeUnit.SECONDS).bytes()).isEqualTo(msg.length);
        }
        assertThat(t.disconnect().get(10, TimeUnit.SECONDS).ending()).isEqualTo(DisconnectResult.Ending.ACKNOWLEDGED);
    }

    @Test
    void dropConnectionSendsNoQuitAndDisconnectDoes() throws Exception {
        SmtpTransport t = open(submission().build(), new RecordingCallback());
        t.dropConnection().get(5, TimeUnit.SECONDS);
        assertThat(t.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
        t.connect(submission().build(), true, false).get(15, TimeUnit.SECONDS);
        assertThat(t.disconnect().get(10, TimeUnit.SECONDS).ending()).isEqualTo(DisconnectResult.Ending.ACKNOWLEDGED);
    }
}
