package org.ixp.smtp;

import org.ixp.TransportCallback;

/** ISMTPCallback: the transport events plus {@code OnResponse}. */
public interface SmtpCallback extends TransportCallback {

    /** Each response of each command, in order; see {@link SmtpResponse}. */
    default void onResponse(SmtpResponse response, SmtpTransport transport) {
    }
}
