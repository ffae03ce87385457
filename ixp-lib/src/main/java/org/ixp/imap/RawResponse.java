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
