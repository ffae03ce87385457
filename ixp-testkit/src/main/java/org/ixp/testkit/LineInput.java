package org.ixp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Buffered byte input that can hand back what it has read ahead, so a STARTTLS handshake sees
 * every byte the client sent after the command. A read error other than a timeout is treated as
 * end of stream and remembered in {@link #error()}.
 */
final class LineInput {
    private final byte[] buf = new byte[8192];
    private InputStream in;
    private int pos;
    private int lim;
    private boolean eof;
    private IOException error;

    LineInput(InputStream in) {
        this.in = in;
    }

    /** Switches to a new stream (after a TLS handshake); the buffer must be empty. */
    void switchTo(InputStream next) {
        this.in = next;
        this.pos = 0;
        this.lim = 0;
    }

    /** @return and forget the bytes read ahead but not consumed yet */
    byte[] takeBuffered() {
        byte[] rest = Arrays.copyOfRange(buf, pos, lim);
        pos = 0;
        lim = 0;
        return rest;
    }

    boolean eof() {
        return eof && pos == lim;
    }

    IOException error() {
        return error;
    }

    /**
     * @return the next line including its LF terminator (or a final unterminated fragment), or
     *         null at end of stream
     */
    byte[] readLineRaw() throws SocketTimeoutException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (pos == lim && !fill()) {
                return line.size() == 0 ? null : line.toByteArray();
            }
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    line.write(buf, pos, i + 1 - pos);
                    pos = i + 1;
                    return line.toByteArray();
                }
            }
            line.write(buf, pos, lim - pos);
            pos = lim;
        }
    }

    /** @return up to {@code len} bytes into {@code dst}, or -1 at end of stream */
    int read(byte[] dst, int off, int len) throws SocketTimeoutException {
        if (pos == lim && !fill()) {
            return -1;
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        return n;
    }

    private boolean fill() throws SocketTimeoutException {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            error = e;
            eof = true;
            return false;
        }
    }
}
