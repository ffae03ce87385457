package org.ixp.pop3;

import java.util.Arrays;

/**
 * What {@link Pop3Decoder} makes of the server's bytes: a status line ({@link Pop3Reply}), a SASL continuation, and
 * the parts of a multi-line response: its lines (CAPA, LIST, UIDL), or its body as bounded chunks (RETR, TOP), then
 * its end. Multi-line data is already de-stuffed ({@code "..x"} → {@code ".x"}).
 */
public sealed interface Pop3Event permits Pop3Reply, Pop3Event.Continuation, Pop3Event.Line, Pop3Event.Chunk,
        Pop3Event.End {

    /** {@code + base64} during AUTH (RFC 5034): the server's next challenge, still base64. */
    record Continuation(String base64) implements Pop3Event {
    }

    /** One line of a multi-line response read line by line (CAPA, LIST, UIDL), without its CRLF, de-stuffed. */
    record Line(String text) implements Pop3Event {
    }

    /**
     * Part of a streamed body (RETR, TOP): the message bytes as received, CRLFs included, de-stuffed. At most
     * {@link Pop3Decoder#MAX_CHUNK} bytes; a fresh array per chunk, owned by whoever receives it.
     */
    record Chunk(byte[] bytes) implements Pop3Event {
        public int length() {
            return bytes.length;
        }

        @Override
        public String toString() {
            return "Chunk[" + bytes.length + " bytes]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chunk c && Arrays.equals(bytes, c.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** The terminating {@code "."} line of a multi-line response. */
    record End() implements Pop3Event {
        static final End INSTANCE = new End();
    }
}
