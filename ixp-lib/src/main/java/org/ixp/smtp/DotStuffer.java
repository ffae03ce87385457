package org.ixp.smtp;

import io.netty.buffer.ByteBuf;

/**
 * Message bytes to SMTP DATA bytes, chunk by chunk (sans-I/O, no buffering of its own): every bare CR and bare LF
 * becomes CRLF, a line starting with "." gets a second "." (RFC 5321 §4.5.2), and {@link #finish} ends the last
 * line and appends the terminating {@code .CRLF}. Because line ends are normalised before the dot check, no input
 * can end the data early: {@code "\n.\n"} is sent as {@code "\r\n..\r\n"} (the SMTP smuggling defence).
 *
 * <p>With {@code stuffDots = false} it only normalises line ends (for BDAT, where no terminator exists).
 */
final class DotStuffer {
    private final boolean stuffDots;
    private boolean atLineStart = true;
    private boolean pendingCr;

    DotStuffer(boolean stuffDots) {
        this.stuffDots = stuffDots;
    }

    /** The most bytes {@link #encode} writes for {@code n} input bytes (plus what {@link #finish} may add). */
    static int maxOutput(int n) {
        return 2 * n + 2;
    }

    /**
     * Encodes {@code len} bytes of {@code in} into {@code out}: runs between line ends are copied in bulk, so the cost
     * is per line, not per byte.
     */
    void encode(byte[] in, int off, int len, ByteBuf out) {
        out.ensureWritable(maxOutput(len));
        int end = off + len;
        int i = off;
        while (i < end) {
            byte b = in[i];
            if (b == '\r') {
                if (pendingCr) {
                    lineEnd(out); // the previous CR was bare
                }
                pendingCr = true;
                i++;
                continue;
            }
            if (b == '\n') {
                pendingCr = false;
                lineEnd(out);
                i++;
                continue;
            }
            if (pendingCr) {
                pendingCr = false;
                lineEnd(out);
            }
            if (atLineStart && stuffDots && b == '.') {
                out.writeByte('.');
            }
            int j = i + 1;
            while (j < end && in[j] != '\r' && in[j] != '\n') {
                j++;
            }
            out.writeBytes(in, i, j - i);
            atLineStart = false;
            i = j;
        }
    }

    /** Ends the data: a final line end if the message lacked one, then {@code .CRLF} when dot-stuffing. */
    void finish(ByteBuf out) {
        if (pendingCr) {
            pendingCr = false;
            lineEnd(out);
        }
        if (!atLineStart) {
            lineEnd(out);
        }
        if (stuffDots) {
            out.writeByte('.').writeByte('\r').writeByte('\n');
        }
    }

    private void lineEnd(ByteBuf out) {
        out.writeShort(0x0d0a);
        atLineStart = true;
    }
}
