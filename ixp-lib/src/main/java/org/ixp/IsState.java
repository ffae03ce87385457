package org.ixp;

/** IXPISSTATE: the questions {@link InternetTransport#isState(IsState)} answers. */
public enum IsState {
    /** The socket is open: status CONNECTED through DISCONNECTING (incl. SECURING and AUTHORIZING). */
    CONNECTED(0),
    /** A command is on the wire and its reply not yet complete. */
    BUSY(1),
    /** Connected, past the terminal connect response, and not busy. */
    READY(2),
    /** Authentication succeeded on this connection. */
    AUTHENTICATED(3);

    private final int value;

    IsState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
