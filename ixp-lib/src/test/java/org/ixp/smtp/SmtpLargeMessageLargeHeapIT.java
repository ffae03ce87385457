package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ixp.InetServer;
import org.ixp.RecordingCallback;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;

/**
 * A 50 MB attachment through Postfix with this JVM's heap capped at 64 MB (failsafe's large-heap execution). The
 * recipient is on the lab's discarding domain: the proof is that Postfix accepted every byte (250 after the last
 * BDAT/DATA) while the client stayed in constant memory; delivering 50 MB into a mailbox on every run would only
 * fill the lab's disk.
 */
class SmtpLargeMessageLargeHeapIT {

    @Test
    void fiftyMegabyteAttachmentInConstantMemory() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap cap").isLessThanOrEqualTo(80L << 20);
        Lab lab = Lab.get();
        InetServer server = InetServer.builder().serverName(lab.tlsHostname()).port(lab.smtpSubmissionPort())
                .security(Security.STARTTLS).tls(TlsSettings.trusting(lab.caCert()))
                .userName(lab.user(1)).password(lab.password(1)).build();
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new RecordingCallback() {
            @Override
            public void onResponse(SmtpResponse response, SmtpTransport transport) {
                // keep nothing: progress events would otherwise accumulate
            }
        });
        t.connect(server, true, false).get(15, TimeUnit.SECONDS);
        String marker = "ixp-big-" + UUID.randomUUID();
        String sink = "big-sink@ixp-lab.test";
        String head = "From: " + lab.email(1) + "\r\nTo: " + sink + "\r\nSubject: " + marker
                + "\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n";
        long attachment = 50L << 20;
        long lines = attachment / 57 + 1;                     // base64: 76 characters for every 57 bytes
        long size = head.length() + lines * 78;
        InputStream body = new SequenceInputStream(
                new java.io.ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)),
                new GeneratedBase64(lines));
        SendResult r = t.sendMessage(SmtpMessage.builder().from(lab.email(1)).to(sink)
                .stream(body).size(size).build()).get(300, TimeUnit.SECONDS);
        assertThat(r.bytes()).isEqualTo(size);
        assertThat(r.accepted()).containsExactly(sink);
        t.disconnect().get(10, TimeUnit.SECONDS);
    }

    /** {@code lines} lines of 76 base64 characters + CRLF, generated on the fly (nothing held in memory). */
    static final class GeneratedBase64 extends InputStream {
        private static final byte[] LINE = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        private long remaining;
        private int pos;

        GeneratedBase64(long lines) {
            this.remaining = lines;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            int b = LINE[pos++];
            if (pos == LINE.length) {
                pos = 0;
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = 0;
            while (n < len && remaining > 0) {
                int take = Math.min(len - n, LINE.length - pos);
                System.arraycopy(LINE, pos, buf, off + n, take);
                n += take;
                pos += take;
                if (pos == LINE.length) {
                    pos = 0;
                    remaining--;
                }
            }
            return n;
        }
    }
}
