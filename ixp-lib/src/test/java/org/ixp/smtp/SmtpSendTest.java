package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.smtp.Fixture.failureCode;
import static org.ixp.smtp.SmtpScripts.ehlo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.IxpCode;
import org.ixp.testkit.Conversation;
import org.junit.jupiter.api.Test;

/** SendMessage on the scripted server: the transaction's shape, outcomes and refusals. */
class SmtpSendTest {


    /** MAIL, one RCPT and DATA, each answered positively (without pipelining). */
    private static void acceptEnvelope(Conversation c) {
        c.expect("MAIL");
        c.send("250 ok");
        c.expect("RCPT");
        c.send("250 ok");
        c.expect("DATA");
        c.send("354 go");
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static SmtpMessage message(String body, String... to) {
        SmtpMessage.Builder b = SmtpMessage.builder().from("alice@example.com").stream(text(body))
                .size(body.getBytes(StandardCharsets.UTF_8).length);
        for (String t : to) {
            b.to(t);
        }
        return b.build();
    }

    @Test
    void pipelinedEnvelopeGoesInOneFlightAndRejectedRecipientsAreNamed() throws Exception {
        List<String> flight = new ArrayList<>();
        String[] body = new String[1];
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "PIPELINING", "8BITMIME", "SIZE 100000", "ENHANCEDSTATUSCODES");
            for (int i = 0; i < 6; i++) {
                flight.add(c.readLine()); // read the whole flight before answering anything
            }
            c.send("250 2.1.0 sender ok");
            c.send("250 2.1.5 a ok");
            c.send("550 5.1.1 <b@example.com> no such user");
            c.send("451 4.3.0 try later");
            c.send("250 2.1.5 d ok");
            c.send("354 go ahead");
            body[0] = c.readUntilDotLine();
            c.send("250 2.0.0 queued as X1");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            String msg = "Subject: hi\r\n\r\nhello\r\n.leading dot\r\n";
            SendResult r = f.transport.sendMessage(message(msg, "a@example.com", "b@example.com", "c@example.com",
                    "d@example.com")).get(5, TimeUnit.SECONDS);
            assertThat(flight).containsExactly("MAIL FROM:<alice@example.com> SIZE=" + msg.length() + " BODY=8BITMIME",
                    "RCPT TO:<a@example.com>", "RCPT TO:<b@example.com>", "RCPT TO:<c@example.com>",
                    "RCPT TO:<d@example.com>", "DATA");
            assertThat(r.accepted()).containsExactly("a@example.com", "d@example.com");
            assertThat(r.rejected()).extracting(RecipientFailure::email, RecipientFailure::code,
                    RecipientFailure::enhancedCode).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("b@example.com", 550, "5.1.1"),
                    org.assertj.core.groups.Tuple.tuple("c@example.com", 451, "4.3.0"));
            assertThat(r.reply().oneLine()).isEqualTo("250 2.0.0 queued as X1");
            assertThat(body[0]).isEqualTo("Subject: hi\r\n\r\nhello\r\n..leading dot\r\n");
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            f.callback.awaitStatus(org.ixp.IxpStatus.DISCONNECTED, Duration.ofSeconds(5)); // callbacks run apart
            assertThat(f.callback.responses).extracting(SmtpResponse::command).containsSubsequence(
                    SmtpCommand.MAIL, SmtpCommand.RCPT, SmtpCommand.DATA, SmtpCommand.DOT, SmtpCommand.SEND_MESSAGE);
        }
    }

    @Test
    void whenEveryRecipientIsRefusedNoBodyIsSentAndTheSessionIsReset() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "PIPELINING");
            c.expect("MAIL");
            c.expect("RCPT");
            c.expect("DATA");
            c.send("250 ok");
            c.send("550 no");
            c.send("554 no valid recipients");
            c.expect("RSET");
            c.send("250 reset");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            assertThat(failureCode(f.transport.sendMessage(message("x\r\n", "b@example.com"))))
                    .isEqualTo(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS);
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(f.server.received()).containsExactly("EHLO [127.0.0.1]", "MAIL FROM:<alice@example.com>",
                    "RCPT TO:<b@example.com>", "DATA", "RSET", "QUIT");
        }
    }

    @Test
    void aPipelinedDataAcceptedDespiteNoRecipientsIsEndedWithALoneDot() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "PIPELINING");
            c.expect("MAIL");
            c.expect("RCPT");
            c.expect("DATA");
            c.send("250 ok");
            c.send("550 no");
            c.send("354 (broken server) go ahead");
            c.expect(".");
            c.send("554 no valid recipients");
            c.expect("RSET");
            c.send("250 reset");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            assertThat(failureCode(f.transport.sendMessage(message("secret body\r\n", "b@example.com"))))
                    .isEqualTo(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS);
            f.transport.dropConnection();
            assertThat(f.server.received()).doesNotContain("secret body");
        }
    }

    @Test
    void withoutPipeliningEachCommandWaitsForItsReply() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c);
            c.expect("MAIL FROM:<alice@example.com>");
            c.send("250 ok");
            c.expect("RCPT TO:<a@example.com>");
            c.send("250 ok");
            c.expect("DATA");
            c.send("354 go");
            c.readUntilDotLine();
            c.send("250 ok");
            c.expect("MAIL FROM:<alice@example.com>"); // a second message on the same connection
            c.send("250 ok");
            c.expect("RCPT TO:<a@example.com>");
            c.send("250 ok");
            c.expect("DATA");
            c.send("354 go");
            c.readUntilDotLine();
            c.send("250 ok 2");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            f.transport.sendMessage(message("one\r\n", "a@example.com")).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.sendMessage(message("two\r\n", "a@example.com")).get(5, TimeUnit.SECONDS)
                    .reply().oneLine()).isEqualTo("250 ok 2");
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void aSenderRefusalFailsAndResets() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c);
            c.expect("MAIL");
            c.send("553 5.7.1 sender not allowed");
            c.expect("RSET");
            c.send("250 ok");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            CompletableFuture<SendResult> send = f.transport.sendMessage(message("x\r\n", "a@example.com"));
            assertThat(failureCode(send)).isEqualTo(IxpCode.IXP_E_SMTP_REJECTED_SENDER);
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("RCPT"));
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedBeforeAnythingIsSent() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "SIZE 10");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            assertThat(failureCode(f.transport.sendMessage(message("far more than ten bytes\r\n", "a@example.com"))))
                    .isEqualTo(IxpCode.IXP_E_SMTP_552_STORAGE_OVERFLOW);
            f.transport.dropConnection();
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("MAIL"));
        }
    }

    @Test
    void aNonAsciiAddressNeedsSmtputf8() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "PIPELINING");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            assertThat(failureCode(f.transport.sendMessage(message("x\r\n", "jörg@example.de"))))
                    .isEqualTo(IxpCode.IXP_E_INVALID_ADDRESS);
            f.transport.dropConnection();
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("MAIL"));
        }
    }

    @Test
    void smtputf8IsDeclaredWhenOfferedAndNeeded() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "SMTPUTF8", "8BITMIME");
            c.expect("MAIL FROM:<alice@example.com> BODY=8BITMIME SMTPUTF8");
            c.send("250 ok");
            c.expect("RCPT TO:<jörg@example.de>");
            c.send("250 ok");
            c.expect("DATA");
            c.send("354 go");
            c.readUntilDotLine();
            c.send("250 ok");
        })) {
            f.connected();
            SmtpMessage m = SmtpMessage.builder().from("alice@example.com").to("jörg@example.de")
                    .stream(text("x\r\n")).build();
            f.transport.sendMessage(m).get(5, TimeUnit.SECONDS);
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void bareLineFeedsCannotEndTheDataEarly() throws Exception {
        String[] body = new String[1];
        try (Fixture f = new Fixture(c -> {
            ehlo(c);
            acceptEnvelope(c);
            body[0] = c.readUntilDotLine();
            c.send("250 ok");
            String next = c.readLine();
            body[0] += "|next=" + next;
        })) {
            f.connected();
            f.transport.sendMessage(message("a\n.\nMAIL FROM:<evil@x>\n", "a@example.com")).get(5, TimeUnit.SECONDS);
            f.transport.dropConnection();
            f.server.awaitConnectionsClosed(Duration.ofSeconds(3));
            assertThat(body[0]).isEqualTo("a\r\n..\r\nMAIL FROM:<evil@x>\r\n|next=null");
        }
    }

    @Test
    void dsnParametersTravelWhenOfferedAndTheResultSaysWhenNot() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "DSN");
            c.expect("MAIL FROM:<alice@example.com> RET=HDRS ENVID=id+2B1");
            c.send("250 ok");
            c.expect("RCPT TO:<a@example.com> NOTIFY=SUCCESS,FAILURE");
            c.send("250 ok");
            c.expect("DATA");
            c.send("354 go");
            c.readUntilDotLine();
            c.send("250 ok");
        })) {
            f.connected();
            SmtpMessage m = SmtpMessage.builder().from("alice@example.com").to("a@example.com", Dsn.FAILURE, Dsn.SUCCESS)
                    .dsnRet(DsnRet.HDRS).dsnEnvid("id+1").stream(text("x\r\n")).build();
            SendResult r = f.transport.sendMessage2(m).get(5, TimeUnit.SECONDS);
            assertThat(r.code()).isEqualTo(IxpCode.S_OK);
            assertThat(f.server.scriptFailures()).isEmpty();
        }
        try (Fixture f = new Fixture(c -> {
            ehlo(c);
            c.expect("MAIL FROM:<alice@example.com>");
            c.send("250 ok");
            c.expect("RCPT TO:<a@example.com>");
            c.send("250 ok");
            c.expect("DATA");
            c.send("354 go");
            c.readUntilDotLine();
            c.send("250 ok");
        })) {
            f.connected();
            SmtpMessage m = SmtpMessage.builder().from("alice@example.com").to("a@example.com", Dsn.FAILURE)
                    .stream(text("x\r\n")).build();
            assertThat(f.transport.sendMessage2(m).get(5, TimeUnit.SECONDS).code())
                    .isEqualTo(IxpCode.IXP_S_SMTP_NO_DSN_SUPPORT);
        }
    }

    @Test
    void chunkingSendsBdatChunksEndingWithLast() throws Exception {
        byte[] big = new byte[300_000];
        java.util.Arrays.fill(big, (byte) 'x');
        for (int i = 99; i < big.length; i += 100) {
            big[i] = '\n';
        }
        List<String> commands = new ArrayList<>();
        long[] received = {0};
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "CHUNKING", "PIPELINING");
            c.expect("MAIL");
            c.expect("RCPT");
            c.send("250 ok");
            c.send("250 ok");
            while (true) {
                String bdat = c.readLine();
                commands.add(bdat);
                String[] p = bdat.split(" ");
                received[0] += c.readBytes(Integer.parseInt(p[1])).length;
                c.send("250 chunk ok");
                if (p.length == 3) {
                    break;
                }
            }
        })) {
            f.connected();
            SmtpMessage m = SmtpMessage.builder().from("alice@example.com").to("a@example.com")
                    .stream(new ByteArrayInputStream(big)).build();
            SendResult r = f.transport.sendMessage(m).get(10, TimeUnit.SECONDS);
            assertThat(r.bytes()).isEqualTo(big.length);
            assertThat(commands).allMatch(l -> l.startsWith("BDAT ")).last().asString().endsWith(" LAST");
            assertThat(commands.size()).isGreaterThan(1);
            assertThat(received[0]).isEqualTo(big.length + big.length / 100); // each LF became CRLF
        }
    }

    @Test
    void aConnectionLostAfterTheEndOfDataLeavesTheOutcomeUnknown() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c);
            acceptEnvelope(c);
            c.readUntilDotLine();
            c.closeTcp();
        })) {
            f.connected();
            assertThat(failureCode(f.transport.sendMessage(message("x\r\n", "a@example.com"))))
                    .isEqualTo(IxpCode.IXP_E_OUTCOME_UNKNOWN);
            f.endedOnce();
        }
    }

    @Test
    void dropDuringTheDataMeansNotSent() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c);
            acceptEnvelope(c);
            c.stopReading(Duration.ofSeconds(5));
        })) {
            f.connected();
            byte[] big = new byte[20 * 1024 * 1024];
            java.util.Arrays.fill(big, (byte) 'y');
            CompletableFuture<SendResult> send = f.transport.sendMessage(SmtpMessage.builder()
                    .from("alice@example.com").to("a@example.com").stream(new ByteArrayInputStream(big)).build());
            f.server.awaitReceived("DATA"::equals, Duration.ofSeconds(2));
            Thread.sleep(300);
            f.transport.dropConnection();
            assertThat(failureCode(send)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
        }
    }

    @Test
    void progressIsReportedUpToTheWholeSize() throws Exception {
        byte[] big = new byte[1_000_000];
        java.util.Arrays.fill(big, (byte) 'z');
        try (Fixture f = new Fixture(c -> {
            ehlo(c);
            acceptEnvelope(c);
            c.readUntilDotLine();
            c.send("250 ok");
        })) {
            f.connected();
            f.transport.sendMessage(SmtpMessage.builder().from("alice@example.com").to("a@example.com")
                    .stream(new ByteArrayInputStream(big)).size(big.length).build()).get(10, TimeUnit.SECONDS);
            Thread.sleep(100);
            List<SmtpResponse.SmtpStream> progress = f.callback.responses.stream()
                    .filter(r -> r.command() == SmtpCommand.SEND_STREAM).map(SmtpResponse::stream).toList();
            assertThat(progress).isNotEmpty();
            assertThat(progress).extracting(SmtpResponse.SmtpStream::current).isSorted();
            assertThat(progress.get(progress.size() - 1).current()).isEqualTo(big.length);
            assertThat(progress.stream().mapToLong(SmtpResponse.SmtpStream::increment).sum()).isEqualTo(big.length);
        }
    }
}
