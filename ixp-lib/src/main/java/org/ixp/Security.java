package org.ixp;

/** How a connection is protected. The default, {@link #STARTTLS}, requires TLS. */
public enum Security {
    /** No TLS at all. Passwords are refused unless {@link InetServer#allowPlaintextAuth()} is set. */
    NONE,
    /** Upgrade with the protocol's STARTTLS/STLS on the normal port; fail if the server does not offer it. */
    STARTTLS,
    /** TLS from the first byte (fSSL), on the protocol's TLS port. */
    IMPLICIT_TLS;

    public boolean usesTls() {
        return this != NONE;
    }
}
