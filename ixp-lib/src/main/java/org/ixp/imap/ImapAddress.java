package org.ixp.imap;

/**
 * One address of an ENVELOPE address list: the contract's IMAPADDR ({@code pszName}, {@code pszADL},
 * {@code pszMailbox}, {@code pszHost}), any of which may be {@code null} (NIL).
 *
 * <p>RFC 5322 groups arrive in RFC 3501's group syntax: a start marker whose host is NIL and whose mailbox holds
 * the group name, the group's members, then an end marker whose mailbox and host are both NIL.
 *
 * @param name    the display name (addr-name), e.g. {@code "Fred Foobar"}
 * @param adl     the obsolete source route (addr-adl)
 * @param mailbox the local part (addr-mailbox), or the group name of a group start marker
 * @param host    the domain (addr-host)
 */
public record ImapAddress(String name, String adl, String mailbox, String host) {

    /** True for the marker that opens a group: the mailbox is the group name, the host is NIL. */
    public boolean isGroupStart() {
        return host == null && mailbox != null;
    }

    /** True for the marker that closes a group: mailbox and host are both NIL. */
    public boolean isGroupEnd() {
        return host == null && mailbox == null;
    }

    /** {@code mailbox@host}, or {@code null} for a group marker. */
    public String email() {
        return host == null ? null : (mailbox == null ? "" : mailbox) + "@" + host;
    }
}
