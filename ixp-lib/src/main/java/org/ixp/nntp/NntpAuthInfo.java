package org.ixp.nntp;

import java.util.Objects;
import org.ixp.Secret;

/**
 * NNTPAUTHINFO: how {@code commandAUTHINFO} logs on.
 *
 * @param type      USERPASS, SIMPLE or SASL ({@code authtype})
 * @param user      the user name ({@code pszUser})
 * @param password  the password ({@code pszPass}); never printed
 * @param mechanism for SASL: the mechanism, or {@code null} to choose the strongest both sides allow
 */
public record NntpAuthInfo(AuthType type, String user, Secret password, String mechanism) {

    /** AUTHTYPE. */
    public enum AuthType {
        /** AUTHINFO USER / AUTHINFO PASS (RFC 4643 §2.3). */
        USERPASS,
        /** AUTHINFO SIMPLE (RFC 2980, obsolete). */
        SIMPLE,
        /** AUTHINFO SASL (RFC 4643 §2.4). */
        SASL
    }

    public NntpAuthInfo {
        Objects.requireNonNull(type, "type");
    }

    public static NntpAuthInfo userPass(String user, Secret password) {
        return new NntpAuthInfo(AuthType.USERPASS, user, password, null);
    }

    public static NntpAuthInfo sasl(String user, Secret password, String mechanism) {
        return new NntpAuthInfo(AuthType.SASL, user, password, mechanism);
    }

    @Override
    public String toString() {
        return "NntpAuthInfo[" + type + ", user=" + user + ", password=" + (password == null ? "none" : "****")
                + (mechanism == null ? "" : ", mechanism=" + mechanism) + "]";
    }
}
