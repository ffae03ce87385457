package org.ixp.pop3;

/**
 * POP3CMDTYPE: which messages a per-message command applies to. Values as in the Wine idl (the OE pages show a
 * leading {@code POP3_NONE}; see the contract digest, Appendix A).
 */
public enum Pop3CmdType {
    /** The one message {@code popId}. */
    GET_POPID(0),
    /** Every message marked for this command with {@link Pop3Transport#markItem}. */
    GET_MARKED(1),
    /** Every message of the maildrop (not marked deleted). */
    GET_ALL(2);

    private final int value;

    Pop3CmdType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
