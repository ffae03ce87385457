package org.ixp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The byte-moving limit: {@link Socket}, the message bytes sent as they are (they are already CRLF and need no
 * dot-stuffing), replies only counted. Pipelined as far as RFC 2920 allows: one round trip per message — the
 * message, its {@code .}, and the next message's MAIL, RCPT and DATA go out in one write, then the client waits
 * for those four replies (DATA must end a group, so the 354 is awaited before the next message). A reply is
 * recognised by its line end alone; only its first digit is looked at (2 or 3, else the run fails).
 */
final class RawSmtp extends SmtpDriver.Blocking {
    private static final byte[] ENVELOPE = ("MAIL FROM:<" + Messages.FROM + ">\r\nRCPT TO:<" + Messages.TO
            + ">\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOT = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUIT = "QUIT\r\n".getBytes(StandardCharsets.US_ASCII);

    RawSmtp(String host, int port, boolean tuned) {
        super(host, port, tuned);
    }

    @Override
    long run(Payload payload, int count) throws Exception {
        try (Socket s = new Socket()) {
            if (tuned) {
                s.setTcpNoDelay(true);
            }
            s.connect(new InetSocketAddress(host, port));
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Replies replies = new Replies(in);
            replies.multiLine();                                     // 220 greeting
            out.write("EHLO bench.localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            replies.multiLine();                                     // 250-... 250
            out.write(ENVELOPE);
            replies.count(3);                                        // 250 250 354
            if (payload.bytes() != null) {
                byte[] body = payload.bytes();
                byte[] next = concat(body, DOT, ENVELOPE);
                byte[] last = concat(body, DOT, QUIT);
                for (int i = 0; i < count; i++) {
                    boolean isLast = i == count - 1;
                    out.write(isLast ? last : next);
                    replies.count(isLast ? 2 : 4);                   // 250 (+ 250 250 354) or 250 221
                }
            } else {
                for (int i = 0; i < count; i++) {
                    try (InputStream file = payload.open()) {
                        byte[] buf = new byte[64 * 1024];
                        for (int n; (n = file.read(buf)) >= 0; ) {
                            out.write(buf, 0, n);
                        }
                    }
                    boolean isLast = i == count - 1;
                    out.write(concat(DOT, isLast ? QUIT : ENVELOPE));
                    replies.count(isLast ? 2 : 4);
                }
            }
        }
        return payload.size() * count;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Counts reply lines as they arrive. */
    static final class Replies {
        private final InputStream in;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int len;
        private boolean atLineStart = true;

        Replies(InputStream in) {
            this.in = in;
        }

        /** Waits for {@code n} one-line replies, each starting with 2 or 3. */
        void count(int n) throws IOException {
            while (n > 0) {
                byte b = next();
                if (atLineStart && b != '2' && b != '3') {
                    throw new IOException("the server refused: reply starting with " + (char) b);
                }
                atLineStart = b == '\n';
                if (atLineStart) {
                    n--;
                }
            }
        }

        /** Waits for one reply of any number of lines (its last line has a space, or nothing, after the code). */
        void multiLine() throws IOException {
            int col = 0;
            boolean last = false;
            while (true) {
                byte b = next();
                if (col == 0 && b != '2' && b != '3') {
                    throw new IOException("the server refused: reply starting with " + (char) b);
                }
                if (col == 3) {
                    last = b != '-';
                }
                if (b == '\n') {
                    if (last) {
                        return;
                    }
                    col = 0;
                    continue;
                }
                col++;
            }
        }

        private byte next() throws IOException {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len < 0) {
                    throw new IOException("connection closed");
                }
            }
            return buf[pos++];
        }
    }
}
