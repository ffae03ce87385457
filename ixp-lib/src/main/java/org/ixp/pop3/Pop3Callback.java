package org.ixp.pop3;

import org.ixp.TransportCallback;

/** IPOP3Callback: the transport events plus {@code OnResponse}. */
public interface Pop3Callback extends TransportCallback {

    /**
     * Each response of each command, in order; see {@link Pop3Response}. Streamed bodies (RETR, TOP) arrive as several
     * responses; while this method has not consumed them, the transport stops reading, so a slow callback keeps
     * memory constant.
     */
    default void onResponse(Pop3Response response, Pop3Transport transport) {
    }
}
