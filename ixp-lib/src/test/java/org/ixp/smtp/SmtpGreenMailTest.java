package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.RecordingCallback;
import org.ixp.Security;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SMTP against embedded GreenMail: the round trip that runs anywhere, without the lab. */
class SmtpGreenMailTest {
    private GreenMail mail;

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void aMessageArrivesIntactWithDotLines() throws Exception {
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new RecordingCallback());
        t.connect(InetServer.builder().serverName("127.0.0.1").port(mail.getSmtp().getPort())
                .security(Security.NONE).build(), false, false).get(5, TimeUnit.SECONDS);
        String body = "Subject: greenmail\r\nFrom: a@example.com\r\nTo: b@example.com\r\n\r\nline one\r\n.\r\n..two\r\n";
        SendResult r = t.sendMessage(SmtpMessage.builder().from("a@example.com").to("b@example.com")
                .stream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII))).build())
                .get(5, TimeUnit.SECONDS);
        assertThat(r.accepted()).containsExactly("b@example.com");
        assertThat(t.disconnect().get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ACKNOWLEDGED);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = mail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("greenmail");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.getInputStream().transferTo(raw);
        // GreenMail counts the CRLF before the terminating dot as part of the terminator and drops it (the lab's
        // Postfix round trip checks the last line end too); the dot lines are de-stuffed exactly.
        assertThat(raw.toString(StandardCharsets.US_ASCII)).isEqualTo("line one\r\n.\r\n..two");
    }
}
