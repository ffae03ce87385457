package org.ixp.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A message file as the wire wants it: every bare LF becomes CRLF (RFC 5322 and IMAP APPEND want CRLF line ends;
 * files saved on Unix often have LF alone), everything else byte for byte. {@link #size} counts the result with
 * one pass over the file, so the literal's length is exact before a byte is sent; memory holds a buffer.
 */
final class CrlfInput extends InputStream {
    private final InputStream in;
    private int previous = -1;
    private boolean pendingLf;

    CrlfInput(InputStream in) {
        this.in = new BufferedInputStream(in, 64 * 1024);
    }

    /** The size of {@code file} once every bare LF is a CRLF. */
    static long size(Path file) throws IOException {
        long n = 0;
        try (InputStream in = new CrlfInput(Files.newInputStream(file))) {
            byte[] buf = new byte[64 * 1024];
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                n += r;
            }
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        if (pendingLf) {
            pendingLf = false;
            previous = '\n';
            return '\n';
        }
        int b = in.read();
        if (b == '\n' && previous != '\r') {
            pendingLf = true;
            previous = '\r';
            return '\r';
        }
        previous = b;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            b[off + n++] = (byte) c;
            if (in.available() == 0 && !pendingLf) {
                break;
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
