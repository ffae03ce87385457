package org.ixp.pop3;

/** The POP3 session states of RFC 1939 §3, as the client sees them. */
public enum Pop3State {
    /** After the greeting, until USER/PASS, APOP or AUTH succeeds: only USER, PASS, APOP, AUTH, CAPA, STLS, QUIT. */
    AUTHORIZATION,
    /** Logged on, the maildrop locked: STAT, LIST, UIDL, TOP, RETR, DELE, NOOP, RSET, QUIT. */
    TRANSACTION,
    /** QUIT sent from TRANSACTION: the server removes the messages marked deleted, replies and closes. */
    UPDATE
}
