package org.ixp.imap;

/** A response (or one of its items) does not follow the grammar. Internal: it becomes a Malformed event. */
final class ParseException extends RuntimeException {
    ParseException(String reason) {
        super(reason, null, false, false);
    }
}
