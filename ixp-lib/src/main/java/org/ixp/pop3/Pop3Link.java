package org.ixp.pop3;

/**
 * What a POP3 exchange needs from its transport besides the wire: to tell the session's decoder what answer its
 * command expects, and to report responses to the callback. Implemented by {@link Pop3Transport}; all calls come
 * from the connection's I/O thread.
 */
interface Pop3Link {

    /** The command just written expects this answer (see {@link Pop3Decoder#expect}). */
    void expect(Pop3Decoder.Response response);

    /** An {@code onResponse} event, in order. */
    void respond(Pop3Response response);

    /**
     * A body chunk's {@code onResponse} event, with read backpressure: {@code sink} (if not null) gets the response
     * on the callback thread first, e.g. to write it to an {@code OutputStream}.
     */
    void stream(long bytes, Pop3Response response, Pop3Sink sink);

    /** The session's state. */
    Pop3Session session();
}
