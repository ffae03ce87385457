package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.smtp.Fixture.failureCode;
import static org.ixp.smtp.SmtpScripts.ehlo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/**
 * sendMessages on the scripted server: with PIPELINING the next message's envelope shares the flight of the previous
 * message's end of data (RFC 2920 §3.1), each message keeps its own outcome, a refused one does not stop the rest.
 */
class SmtpSendMessagesTest {


    private static SmtpMessage message(String body, String to) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return SmtpMessage.builder().from("alice@example.com").to(to).stream(new ByteArrayInputStream(b))
                .size(b.length).build();
    }

    @Test
    void nextEnvelopeLeavesWithThePreviousEndOfDataAndEachMessageKeepsItsOutcome() throws Exception {
        List<String> afterFirstDot = new ArrayList<>();
        List<String> afterSecondDot = new ArrayList<>();
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "PIPELINING", "ENHANCEDSTATUSCODES");
            c.expect("MAIL FROM:<alice@example.com>");
            c.expect("RCPT TO:<a@example.com>");
            c.expect("DATA");
            c.send("250 2.1.0 ok");
            c.send("250 2.1.5 ok");
            c.send("354 go");
            c.readUntilDotLine();
            // Not answered yet: the second envelope must already be on its way, behind the first message's dot.
            for (int i = 0; i < 3; i++) {
                afterFirstDot.add(c.readLine());
            }
            c.send("250 2.0.0 queued as M1");
            c.send("250 2.1.0 ok");
            c.send("550 5.1.1 <b@example.com> no such user");
            c.send("554 5.5.1 no valid recipients");
            c.expect("RSET"); // the second message ends here, refused; the third starts after it
            c.send("250 2.0.0 reset");
            for (int i = 0; i < 3; i++) {
                afterSecondDot.add(c.readLine());
            }
            c.send("250 2.1.0 ok");
            c.send("250 2.1.5 ok");
            c.send("354 go");
            c.readUntilDotLine();
            c.send("250 2.0.0 queued as M3");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            List<CompletableFuture<SendResult>> sent = f.transport.sendMessages(List.of(
                    message("Subject: one\r\n\r\n1\r\n", "a@example.com"),
                    message("Subject: two\r\n\r\n2\r\n", "b@example.com"),
                    message("Subject: three\r\n\r\n3\r\n", "c@example.com")));
            assertThat(sent).hasSize(3);
            assertThat(sent.get(0).get(5, TimeUnit.SECONDS).reply().oneLine()).isEqualTo("250 2.0.0 queued as M1");
            assertThat(failureCode(sent.get(1))).isEqualTo(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS);
            assertThat(sent.get(2).get(5, TimeUnit.SECONDS).reply().oneLine()).isEqualTo("250 2.0.0 queued as M3");
            assertThat(afterFirstDot).containsExactly("MAIL FROM:<alice@example.com>", "RCPT TO:<b@example.com>",
                    "DATA");
            assertThat(afterSecondDot).containsExactly("MAIL FROM:<alice@example.com>", "RCPT TO:<c@example.com>",
                    "DATA");
            // IXP_E_BUSY is released before the last outcome reaches the caller: the next command goes at once.
            assertThat(f.transport.isState(org.ixp.IsState.BUSY)).isFalse();
        }
    }

    @Test
    void withoutPipeliningEachMessageWaitsForThePreviousOutcome() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehlo(c);
            for (int m = 1; m <= 2; m++) {
                c.expect("MAIL FROM:<alice@example.com>");
                c.send("250 ok");
                c.expect("RCPT TO:<a@example.com>");
                c.send("250 ok");
                c.expect("DATA");
                c.send("354 go");
                c.readUntilDotLine();
                c.send("250 queued as M" + m);
            }
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            List<CompletableFuture<SendResult>> sent = f.transport.sendMessages(List.of(
                    message("Subject: one\r\n\r\n1\r\n", "a@example.com"),
                    message("Subject: two\r\n\r\n2\r\n", "a@example.com")));
            assertThat(sent.get(0).get(5, TimeUnit.SECONDS).reply().oneLine()).isEqualTo("250 queued as M1");
            assertThat(sent.get(1).get(5, TimeUnit.SECONDS).reply().oneLine()).isEqualTo("250 queued as M2");
        }
    }

    @Test
    void busyWhileTheBatchRunsAndEmptyBatchIsNothing() throws Exception {
        java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "PIPELINING");
            c.expect("MAIL FROM:<alice@example.com>");
            c.expect("RCPT TO:<a@example.com>");
            c.expect("DATA");
            try {
                checked.await(5, TimeUnit.SECONDS); // no reply until the test has seen the batch busy
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.send("250 ok");
            c.send("250 ok");
            c.send("354 go");
            c.readUntilDotLine();
            c.send("250 queued");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            assertThat(f.transport.sendMessages(List.of())).isEmpty();
            List<CompletableFuture<SendResult>> sent = f.transport.sendMessages(List.of(
                    message("Subject: one\r\n\r\n1\r\n", "a@example.com")));
            assertThatThrownBy(() -> f.transport.sendMessage(message("x\r\n", "a@example.com")))
                    .isInstanceOfSatisfying(IxpException.class, e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_BUSY));
            checked.countDown();
            assertThat(sent.get(0).get(5, TimeUnit.SECONDS).reply().code()).isEqualTo(250);
        }
    }
    @Test
    void aMessageStreamThatFailsEndsTheConnectionAndNothingIsReportedSent() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> afterData = new java.util.concurrent.atomic.AtomicReference<>();
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "PIPELINING");
            c.expect("MAIL FROM:<alice@example.com>");
            c.expect("RCPT TO:<a@example.com>");
            c.expect("DATA");
            c.send("250 ok");
            c.send("250 ok");
            c.send("354 go");
            afterData.set(c.readLine()); // no byte of data may follow: the read failed before any was taken
        })) {
            f.connected();
            SmtpMessage broken = SmtpMessage.builder().from("alice@example.com").to("a@example.com")
                    .stream(new java.io.InputStream() {
                        @Override
                        public int read() throws java.io.IOException {
                            throw new java.io.IOException("the disk went away");
                        }
                    }).size(100).build();
            List<CompletableFuture<SendResult>> sent = f.transport.sendMessages(List.of(broken,
                    message("Subject: two\r\n\r\n2\r\n", "a@example.com")));
            for (CompletableFuture<SendResult> one : sent) {
                IxpCode code = failureCode(one);
                assertThat(code).as("a message whose data never left is not sent, and not of unknown outcome")
                        .isNotEqualTo(IxpCode.IXP_E_OUTCOME_UNKNOWN).isNotEqualTo(IxpCode.S_OK);
            }
            assertThatThrownBy(() -> sent.get(0).get(5, TimeUnit.SECONDS)).hasMessageContaining("the disk went away");
            assertThat(afterData.get()).as("what the server read after its 354").isNull();
        }
    }
}
