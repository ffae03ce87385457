package org.ixp.pop3;

/**
 * POP3COMMAND: which command or phase a {@link Pop3Response} belongs to. Values 0–15 as in the contract; 16–19 are
 * ixp's own, for the steps of connect the original did not report (APOP, CAPA, STLS, UTF8).
 */
public enum Pop3Command {
    NONE(0), BANNER(1), CONNECTED(2), USER(3), PASS(4), AUTH(5), UIDL(6), STAT(7), LIST(8), DELE(9), RETR(10),
    TOP(11), NOOP(12), QUIT(13), RSET(14), CUSTOM(15),
    /** ixp: APOP (RFC 1939 §7) sent during connect. */
    APOP(16),
    /** ixp: CAPA (RFC 2449) sent during connect; the list is in {@link Pop3Transport#pop3Capabilities()}. */
    CAPA(17),
    /** ixp: STLS (RFC 2595) sent during connect. */
    STLS(18),
    /** ixp: UTF8 (RFC 6856) sent during connect. */
    UTF8(19);

    private final int value;

    Pop3Command(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
