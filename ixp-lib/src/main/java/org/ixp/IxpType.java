package org.ixp;

/** IXPTYPE. */
public enum IxpType {
    NNTP(0), SMTP(1), POP3(2), IMAP(3), RAS(4), HTTPMAIL(5);

    private final int value;

    IxpType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
