package org.ixp;

/** IXPSTATUS: where a connection is. Values as in the contract; {@code IXP_LAST} is never reported. */
public enum IxpStatus {
    FINDINGHOST(0),
    CONNECTING(1),
    SECURING(2),
    CONNECTED(3),
    AUTHORIZING(4),
    AUTHRETRY(5),
    AUTHORIZED(6),
    DISCONNECTING(7),
    DISCONNECTED(8);

    private final int value;

    IxpStatus(int value) {
        this.value = value;
    }

    /** The original numeric value ({@code IXP_FINDINGHOST} = 0 … {@code IXP_DISCONNECTED} = 8). */
    public int value() {
        return value;
    }
}
