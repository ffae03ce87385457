package org.ixp.imap;

import org.ixp.TransportCallback;

/** IIMAPCallback: the transport events plus {@code OnResponse}. */
public interface ImapCallback extends TransportCallback {

    /**
     * Every response, solicited (wParam/lParam of the command) or unsolicited (0/0), in the order received. Body
     * chunks come with flow control: while this method is slow, the connection stops reading.
     */
    default void onResponse(ImapResponse response, ImapTransport transport) {
    }
}
