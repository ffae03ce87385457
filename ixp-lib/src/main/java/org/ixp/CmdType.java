package org.ixp;

/** CMDTYPE: the direction of a line reported to {@link TransportCallback#onCommand}. */
public enum CmdType {
    /** A line sent to the server ({@code CMD_SEND} = 0). */
    SEND(0),
    /** A line received from the server ({@code CMD_RESP} = 1). */
    RESP(1);

    private final int value;

    CmdType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
