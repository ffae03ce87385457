package org.ixp.smtp;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.ixp.Arguments;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * INETADDR: one address of a message's envelope, with its role and DSN flags.
 *
 * @param email the mailbox, without angle brackets ({@code alice@example.com}); empty for the null sender
 * @param type  sender or recipient
 * @param dsn   NOTIFY flags for a recipient (empty: none requested)
 */
public record InetAddr(String email, AddrType type, Set<Dsn> dsn) {

    public InetAddr {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(type, "type");
        dsn = dsn == null || dsn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dsn));
        validate(email, type);
        if (dsn.contains(Dsn.NEVER) && dsn.size() > 1) {
            throw new IxpException(IxpCode.E_INVALIDARG, "DSN NEVER cannot be combined with other NOTIFY flags");
        }
    }

    public static InetAddr from(String email) {
        return new InetAddr(email, AddrType.FROM, Set.of());
    }

    public static InetAddr to(String email, Dsn... notify) {
        return new InetAddr(email, AddrType.TO, notify.length == 0 ? Set.of() : EnumSet.of(notify[0], notify));
    }

    /** Whether the address needs SMTPUTF8 (RFC 6531): any non-ASCII character. */
    public boolean needsUtf8() {
        for (int i = 0; i < email.length(); i++) {
            if (email.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    private static void validate(String email, AddrType type) {
        Arguments.requireSafe("address", email);
        if (email.isEmpty() && type == AddrType.TO) {
            throw new IxpException(IxpCode.IXP_E_INVALID_ADDRESS, "a recipient address cannot be empty");
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c == '<' || c == '>' || c == ' ' || c == '\t' || c < 0x20 || c == 0x7f) {
                throw new IxpException(IxpCode.IXP_E_INVALID_ADDRESS, "address contains '" + printable(c)
                        + "' at index " + i + ": " + printableAll(email));
            }
        }
        if (!email.isEmpty() && email.indexOf('@') <= 0 && !email.equalsIgnoreCase("postmaster")) {
            throw new IxpException(IxpCode.IXP_E_INVALID_ADDRESS, "not a mailbox (local@domain): " + printableAll(email));
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }

    private static String printableAll(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(printable((char) c)));
        return b.toString();
    }
}
