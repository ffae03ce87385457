package org.ixp.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workload's message: a plain RFC 5322 message of exactly {@code size} bytes — a few headers, then lines of
 * 76 base64 characters + CRLF (as a real attachment would be) — CRLF throughout and no line starting with ".",
 * so every client sends the same bytes and the raw client may send them as they are.
 */
public final class Messages {
    public static final String FROM = "bench@localhost";
    public static final String TO = "sink@localhost";
    private static final byte[] LINE = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private Messages() {
    }

    static String header() {
        return "From: " + FROM + "\r\nTo: " + TO + "\r\nSubject: ixp benchmark message\r\n"
                + "Date: Thu, 1 Jan 2026 00:00:00 +0000\r\nMessage-ID: <bench@ixp.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    }

    /** The whole message in memory. */
    public static byte[] bytes(int size) {
        byte[] out = new byte[size];
        fill(out, size);
        return out;
    }

    /** The message written to {@code path} in constant memory. */
    static void writeFile(Path path, long size) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            byte[] head = header().getBytes(StandardCharsets.US_ASCII);
            out.write(head);
            long body = size - head.length;
            long lines = body / LINE.length;
            if (body - lines * LINE.length == 1 && lines > 0) {
                lines--; // a one-byte tail cannot end in CRLF: make the last line one byte longer instead
            }
            for (long i = 0; i < lines; i++) {
                out.write(LINE);
            }
            out.write(tail((int) (body - lines * LINE.length)));
        }
    }

    private static void fill(byte[] out, int size) {
        byte[] head = header().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, out, 0, head.length);
        int pos = head.length;
        while (size - pos >= LINE.length && size - pos != LINE.length + 1) {
            System.arraycopy(LINE, 0, out, pos, LINE.length);
            pos += LINE.length;
        }
        byte[] t = tail(size - pos);
        System.arraycopy(t, 0, out, pos, t.length);
    }

    /** A short last line of {@code n} bytes (ending in CRLF when it has room for one). */
    private static byte[] tail(int n) {
        byte[] t = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = 'A';
        }
        if (n == 1) {
            throw new IllegalArgumentException("message size too small");
        }
        if (n >= 2) {
            t[n - 2] = '\r';
            t[n - 1] = '\n';
        }
        return t;
    }
}
