package org.ixp.smtp;

/** DSNRET: what a delivery status notification returns (the MAIL {@code RET=} parameter). */
public enum DsnRet {
    /** DSNRET_DEFAULT = 0: the server decides (no RET= sent). */
    DEFAULT(0),
    /** DSNRET_HDRS = 1: headers only. */
    HDRS(1),
    /** DSNRET_FULL = 2: the full message. */
    FULL(2);

    private final int value;

    DsnRet(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
