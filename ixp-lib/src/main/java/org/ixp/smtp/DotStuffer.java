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

    /** Encodes {@code len} bytes of {@code in} into {@code out}. */
    void encode(byte[] in, int off, int len, ByteBuf out) {
        for (int i = off; i < off + len; i++) {
            byte b = in[i];
            if (b == '\r') {
                if (pendingCr) {
                    lineEnd(out); // the previous CR was bare
                }
                pendingCr = true;
            } else if (b == '\n') {
                pendingCr = false;
                lineEnd(out);
            } else {
                if (pendingCr) {
                    pendingCr = false;
                    lineEnd(out);
                }
                if (atLineStart && stuffDots && b == '.') {
                    out.writeByte('.');
                }
                out.writeByte(b);
                atLineStart = false;
            }
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
        out.writeByte('\r').writeByte('\n');
        atLineStart = true;
    }
}
