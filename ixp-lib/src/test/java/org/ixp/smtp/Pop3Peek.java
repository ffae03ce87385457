package org.ixp.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal POP3 reader for the SMTP interop tests (plain POP3 to the lab's Dovecot, test scope only): finds the
 * newest message containing a marker and returns its exact bytes, de-stuffed. Kept deliberately independent of
 * ixp's own POP3 transport so an SMTP test does not depend on it.
 */
final class Pop3Peek {
    private Pop3Peek() {
    }

    /** Polls (delivery is asynchronous) until a message containing {@code marker} arrives; its bytes. */
    static byte[] await(String host, int port, String user, String password, String marker, Duration max)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            byte[] found = find(host, port, user, password, marker);
            if (found != null) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no message with marker " + marker + " reached " + user + " within " + max);
            }
            Thread.sleep(100);
        }
    }

    private static byte[] find(String host, int port, String user, String password, String marker) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            ok(line(in));
            ok(cmd(out, in, "USER " + user));
            ok(cmd(out, in, "PASS " + password));
            String stat = cmd(out, in, "STAT");
            ok(stat);
            int count = Integer.parseInt(stat.split(" ")[1]);
            byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
            for (int n = count; n >= Math.max(1, count - 20); n--) {
                ok(cmd(out, in, "RETR " + n));
                byte[] msg = multiLine(in);
                if (indexOf(msg, needle) >= 0) {
                    cmd(out, in, "QUIT");
                    return msg;
                }
            }
            cmd(out, in, "QUIT");
            return null;
        }
    }

    private static String cmd(OutputStream out, InputStream in, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return line(in);
    }

    private static void ok(String reply) {
        if (!reply.startsWith("+OK")) {
            throw new AssertionError("POP3 said: " + reply);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The multi-line body until ".CRLF", de-stuffed, CRLFs kept. */
    private static byte[] multiLine(InputStream in) throws IOException {
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            l.write(c);
            if (c == '\n') {
                byte[] bytes = l.toByteArray();
                l.reset();
                if (bytes.length == 3 && bytes[0] == '.' && bytes[1] == '\r') {
                    return msg.toByteArray();
                }
                int from = bytes.length > 0 && bytes[0] == '.' ? 1 : 0;
                msg.write(bytes, from, bytes.length - from);
            }
        }
        throw new IOException("connection closed inside a multi-line response");
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
