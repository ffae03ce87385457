package org.ixp.imap;

/**
 * One mailbox of an extended LIST (RFC 5258): its LIST response and, when the command asked for
 * {@code RETURN (STATUS (…))} (LIST-STATUS, RFC 5819), the STATUS response the server sent with it.
 *
 * @param listing the LIST response (attributes such as {@code \Subscribed}, {@code \HasChildren}, {@code \Sent};
 *                extended data such as {@code CHILDINFO})
 * @param status  its STATUS, or {@code null} if none was asked for or the server sent none ({@code \NoSelect})
 */
public record ImapListEntry(ImapEvent.MailboxListing listing, ImapEvent.MailboxStatus status) {
}
