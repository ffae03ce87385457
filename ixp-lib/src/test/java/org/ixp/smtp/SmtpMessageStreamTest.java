package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.smtp.Fixture.failureCode;
import static org.ixp.smtp.SmtpScripts.ehlo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.junit.jupiter.api.Test;

/**
 * The caller's message stream is read where it cannot hold up the connection: a stream that waits (a pipe, a
 * socket, a slow producer) is read on a worker, so the I/O thread it shares with other connections stays free and
 * {@code dropConnection()} ends the session at once even while the read waits; a {@code ByteArrayInputStream} is
 * read inline. Both DATA and BDAT (CHUNKING).
 */
class SmtpMessageStreamTest {


    /** A stream whose reads wait until the test releases them, then end; it records that it was read. */
    private static final class Waiting extends InputStream {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reading.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            return -1;
        }
    }

    private static SmtpMessage message(InputStream body) {
        return SmtpMessage.builder().from("alice@example.com").to("bob@example.com").stream(body).build();
    }

    private static void dropWhileTheStreamWaits(String... extensions) throws Exception {
        Waiting stream = new Waiting();
        try (Fixture f = new Fixture(c -> {
            ehlo(c, extensions);
            c.expect("MAIL");
            c.send("250 ok");
            c.expect("RCPT");
            c.send("250 ok");
            if (java.util.Arrays.asList(extensions).contains("CHUNKING")) {
                c.awaitClientClose(Duration.ofSeconds(10));
                return;
            }
            c.expect("DATA");
            c.send("354 go");
            c.awaitClientClose(Duration.ofSeconds(10));
        })) {
            f.connected();
            CompletableFuture<SendResult> send = f.transport.sendMessage(message(stream));
            assertThat(stream.reading.await(5, TimeUnit.SECONDS)).as("the stream is being read").isTrue();
            Thread.sleep(100); // the read is waiting now
            long t0 = System.nanoTime();
            f.transport.dropConnection();
            f.callback.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(2));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("ms from dropConnection() to DISCONNECTED while the stream waits").isLessThan(2_000);
            assertThat(failureCode(send)).as("the message was not sent")
                    .isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
        } finally {
            stream.release.countDown();
        }
    }

    @Test
    void dropConnectionEndsTheSessionWhileTheDataStreamWaits() throws Exception {
        dropWhileTheStreamWaits("PIPELINING");
    }

    @Test
    void dropConnectionEndsTheSessionWhileTheBdatStreamWaits() throws Exception {
        dropWhileTheStreamWaits("PIPELINING", "CHUNKING");
    }

    @Test
    void aStreamFedSlowlyThroughAPipeIsSentWholeAndDotStuffed() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(feed, 64);
        String[] received = new String[1];
        try (Fixture f = new Fixture(c -> {
            ehlo(c, "PIPELINING");
            c.expect("MAIL");
            c.send("250 ok");
            c.expect("RCPT");
            c.send("250 ok");
            c.expect("DATA");
            c.send("354 go");
            received[0] = c.readUntilDotLine();
            c.send("250 queued");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            CompletableFuture<SendResult> send = f.transport.sendMessage(message(pipe));
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                String line = (i % 3 == 0 ? "." : "") + "line " + i + " of a message written slowly\r\n";
                expected.append(line);
                feed.write(line.getBytes(StandardCharsets.US_ASCII));
                feed.flush();
                Thread.sleep(5);
            }
            feed.close();
            SendResult r = send.get(10, TimeUnit.SECONDS);
            assertThat(r.bytes()).isEqualTo(expected.length());
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            String stuffed = expected.toString().replace("\r\n.", "\r\n..");
            stuffed = stuffed.startsWith(".") ? "." + stuffed : stuffed;
            assertThat(received[0]).as("the message as the server read it (dot-stuffed)").isEqualTo(stuffed);
        }
    }
}
