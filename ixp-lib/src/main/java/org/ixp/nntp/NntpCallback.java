package org.ixp.nntp;

import org.ixp.TransportCallback;

/** INNTPCallback: the transport events plus {@code OnResponse}. */
public interface NntpCallback extends TransportCallback {

    /**
     * Each response of each command, in order; see {@link NntpResponse}. Data parts of long answers come with
     * flow control: while this method is slow, the connection stops reading, so memory stays constant.
     */
    default void onResponse(NntpResponse response, NntpTransport transport) {
    }
}
