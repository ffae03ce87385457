package org.ixp.pop3;

/** POP3MARKTYPE: the command a {@link Pop3Transport#markItem mark} selects a message for. Bit values as in the contract. */
public enum Pop3MarkType {
    TOP(0x01), RETR(0x02), DELE(0x04), UIDL(0x08), LIST(0x10);

    private final int bit;

    Pop3MarkType(int bit) {
        this.bit = bit;
    }

    /** The POP3_MARK_FOR_* bit. */
    public int bit() {
        return bit;
    }
}
