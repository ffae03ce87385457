package org.ixp.imap;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * One message of an APPEND (or of a MULTIAPPEND, RFC 3502): flags, internal date and the body, read from a stream
 * as the socket takes it (exactly {@code size} octets, never held whole).
 *
 * @param flags  flag names ({@code \Seen}, {@code $Label}), empty for none
 * @param date   the internal date, or {@code null} for the server's clock
 * @param body   the message (RFC 5322), read once on the I/O thread
 * @param size   its exact length in octets
 * @param binary the body may hold NUL or 8-bit octets: it goes as a {@code ~{n}} literal8 (RFC 3516) when the
 *               server offers BINARY, else as an ordinary literal
 */
public record ImapAppend(Collection<String> flags, Instant date, InputStream body, long size, boolean binary) {
    public ImapAppend {
        flags = flags == null ? List.of() : List.copyOf(flags);
        Objects.requireNonNull(body, "body");
        if (size < 0) {
            throw new IxpException(IxpCode.E_INVALIDARG, "negative message size");
        }
    }

    /**
     * A message held in memory; {@code binary} is set when it holds a NUL or an octet above 127.
     *
     * @param flags flag names, or null
     * @param date  the internal date, or null
     */
    public static ImapAppend of(byte[] message, Collection<String> flags, Instant date) {
        return new ImapAppend(flags, date, new ByteArrayInputStream(message), message.length, hasNul(message)
                || has8bit(message));
    }

    /** Whether {@code b} holds a NUL octet (which only a literal8 may carry). */
    static boolean hasNul(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean has8bit(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return true;
            }
        }
        return false;
    }
}
