package org.ixp.imap;

/**
 * The condition word of a status response (RFC 9051 §7.1): {@code OK}, {@code NO}, {@code BAD}, {@code PREAUTH}
 * and {@code BYE}. Tagged responses carry OK, NO or BAD (and BYE from servers that answer LOGOUT that way).
 */
public enum ImapStatus {
    OK, NO, BAD, PREAUTH, BYE;

    /** The status named by {@code word} (any case), or {@code null}. */
    static ImapStatus of(String word) {
        switch (word.toUpperCase(java.util.Locale.ROOT)) {
            case "OK":
                return OK;
            case "NO":
                return NO;
            case "BAD":
                return BAD;
            case "PREAUTH":
                return PREAUTH;
            case "BYE":
                return BYE;
            default:
                return null;
        }
    }
}
