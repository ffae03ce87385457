package org.ixp.smtp;

/** The role part of INETADDRTYPE ({@code ADDR_TOFROM_MASK}): a recipient or the sender. */
public enum AddrType {
    /** ADDR_TO = 0: a recipient (To, Cc and Bcc alike). */
    TO(0),
    /** ADDR_FROM = 1: the sender (MAIL FROM, the reverse path). */
    FROM(1);

    private final int value;

    AddrType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
