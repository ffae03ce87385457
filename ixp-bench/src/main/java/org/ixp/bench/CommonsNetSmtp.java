package org.ixp.bench;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * Apache Commons Net {@link SMTPClient}: one client per connection, HELO once, then per message
 * {@code setSender}, {@code addRecipient}, {@code sendMessageData} (its dot-stuffing {@link Writer}), the message
 * written through it, {@code completePendingCommand}. The client speaks characters (ISO-8859-1, its default):
 * the 10 KB message is one {@link String} built once; the 100 MB one is read from the file through a
 * {@link Reader} in 64 Ki-character blocks. Tuned: {@code setTcpNoDelay(true)} after connect; defaults: nothing.
 */
final class CommonsNetSmtp extends SmtpDriver.Blocking {
    CommonsNetSmtp(String host, int port, boolean tuned) {
        super(host, port, tuned);
    }

    @Override
    long run(Payload payload, int count) throws Exception {
        String text = payload.bytes() != null ? new String(payload.bytes(), StandardCharsets.ISO_8859_1) : null;
        SMTPClient c = new SMTPClient();
        c.connect(host, port);
        try {
            if (tuned) {
                c.setTcpNoDelay(true);
            }
            check(c, "greeting");
            if (!c.login("bench.localhost")) {
                throw new IOException("HELO refused: " + c.getReplyString());
            }
            for (int i = 0; i < count; i++) {
                if (!c.setSender(Messages.FROM) || !c.addRecipient(Messages.TO)) {
                    throw new IOException("envelope refused: " + c.getReplyString());
                }
                Writer w = c.sendMessageData();
                if (w == null) {
                    throw new IOException("DATA refused: " + c.getReplyString());
                }
                if (text != null) {
                    w.write(text);
                } else {
                    try (Reader r = new InputStreamReader(payload.open(), StandardCharsets.ISO_8859_1)) {
                        char[] buf = new char[64 * 1024];
                        for (int n; (n = r.read(buf)) >= 0; ) {
                            w.write(buf, 0, n);
                        }
                    }
                }
                w.close();
                if (!c.completePendingCommand()) {
                    throw new IOException("message refused: " + c.getReplyString());
                }
            }
            c.logout();
        } finally {
            c.disconnect();
        }
        return payload.size() * count;
    }

    private static void check(SMTPClient c, String what) throws IOException {
        if (!SMTPReply.isPositiveCompletion(c.getReplyCode())) {
            throw new IOException(what + " refused: " + c.getReplyString());
        }
    }
}
