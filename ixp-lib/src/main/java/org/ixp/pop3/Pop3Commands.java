package org.ixp.pop3;

import org.ixp.Arguments;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Secret;

/** The command lines ixp sends (RFC 1939, 2449, 2595, 5034, 6856), built from checked arguments. */
public final class Pop3Commands {
    private Pop3Commands() {
    }

    public static String user(String name) {
        return "USER " + nonEmpty("user name", name);
    }

    /** {@code PASS password}: the password is sent as is, so log {@code "PASS ****"} instead. */
    public static String pass(Secret password) {
        if (password == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the password is missing");
        }
        Arguments.requireSafeSecret("password", password);
        return "PASS " + password.reveal();
    }

    /** {@code APOP name digest}, the digest being 32 lower-case hex digits (RFC 1939 §7). */
    public static String apop(String name, String digestHex) {
        return "APOP " + nonEmpty("user name", name) + " " + digestHex;
    }

    /** {@code AUTH MECH} or {@code AUTH MECH initial-response} (already base64; empty is sent as {@code =}). */
    public static String auth(String mechanism, String initialResponseBase64) {
        nonEmpty("SASL mechanism", mechanism);
        return initialResponseBase64 == null ? "AUTH " + mechanism : "AUTH " + mechanism + " "
                + (initialResponseBase64.isEmpty() ? "=" : initialResponseBase64);
    }

    public static String capa() {
        return "CAPA";
    }

    public static String stls() {
        return "STLS";
    }

    public static String utf8() {
        return "UTF8";
    }

    public static String stat() {
        return "STAT";
    }

    /** {@code LIST} (every message) when {@code popId} is 0, else {@code LIST n}. */
    public static String list(long popId) {
        return popId == 0 ? "LIST" : "LIST " + id(popId);
    }

    /** {@code UIDL} (every message) when {@code popId} is 0, else {@code UIDL n}. */
    public static String uidl(long popId) {
        return popId == 0 ? "UIDL" : "UIDL " + id(popId);
    }

    public static String retr(long popId) {
        return "RETR " + id(popId);
    }

    /** {@code TOP n lines}: the header and the first {@code lines} lines of the body. */
    public static String top(long popId, long lines) {
        if (lines < 0) {
            throw new IxpException(IxpCode.E_INVALIDARG, "TOP line count must not be negative: " + lines);
        }
        return "TOP " + id(popId) + " " + lines;
    }

    public static String dele(long popId) {
        return "DELE " + id(popId);
    }

    public static String noop() {
        return "NOOP";
    }

    public static String rset() {
        return "RSET";
    }

    public static String quit() {
        return "QUIT";
    }

    private static long id(long popId) {
        if (popId < 1) {
            throw new IxpException(IxpCode.E_INVALIDARG, "message numbers start at 1: " + popId);
        }
        return popId;
    }

    private static String nonEmpty(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, what + " is missing");
        }
        if (value.indexOf(' ') >= 0 && !what.equals("user name")) {
            throw new IxpException(IxpCode.E_INVALIDARG, what + " must not contain a space");
        }
        return Arguments.requireSafe(what, value);
    }
}
