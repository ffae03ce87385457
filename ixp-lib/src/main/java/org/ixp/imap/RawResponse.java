package org.ixp.imap;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/**
 * One response as framed: its line segments (without CRLF) and the literals between them. Segment {@code i < n-1}
 * ends with the header of literal {@code i}. A streamed literal keeps only its size.
 */
final class RawResponse {
    /** A literal: its bytes, or {@code null} when it was streamed and only {@code size} is known. */
    record Literal(byte[] bytes, long size) {
        boolean streamed() {
            return bytes == null;
        }
    }

    final List<byte[]> segments = new ArrayList<>(1);
    final List<Literal> literals = new ArrayList<>(0);

    RawResponse(byte[] first) {
        segments.add(first);
    }

    RawResponse(List<byte[]> segments, List<Literal> literals) {
        this.segments.addAll(segments);
        this.literals.addAll(literals);
    }

    /** The longest literal the protocol log shows (a longer one, or one with control octets, is a size note). */
    static final int LOG_LITERAL = 1024;

    /**
     * The response as it came on the wire, for the protocol log: line segments as sent, a small text literal after
     * its header as sent (CRLF between), a longer or binary one and streamed body data as a size note.
     */
    String logText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            sb.append(new String(segments.get(i), UTF_8));
            if (i < literals.size()) {
                Literal l = literals.get(i);
                sb.append("\r\n");
                if (l.streamed()) {
                    sb.append('<').append(l.size()).append(" octets streamed>");
                } else if (l.bytes().length > LOG_LITERAL || !text(l.bytes())) {
                    sb.append('<').append(l.size()).append(" octets>");
                } else {
                    sb.append(new String(l.bytes(), UTF_8));
                }
            }
        }
        return sb.toString();
    }

    private static boolean text(byte[] b) {
        for (byte x : b) {
            if ((x >= 0 && x < 0x20 && x != '\t') || x == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The response as text for logs and Malformed events: literals inline, streamed ones as a size note. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            sb.append(new String(segments.get(i), UTF_8));
            if (i < literals.size()) {
                Literal l = literals.get(i);
                sb.append("\r\n");
                sb.append(l.streamed() ? "<" + l.size() + " octets streamed>" : new String(l.bytes(), UTF_8));
            }
        }
        return sb.toString();
    }
}
