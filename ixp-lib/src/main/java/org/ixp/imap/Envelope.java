package org.ixp.imap;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The ENVELOPE of a message (RFC 9051 §7.5.2): the fields of FETCH_CMD_RESULTS_EX. Strings are as the server sent
 * them (header words still RFC 2047-encoded unless the server decoded them); {@code null} stands for NIL. An empty
 * address list and a NIL one are both the empty list.
 *
 * @param dateText  the Date header as sent, or {@code null}
 * @param date      {@code dateText} parsed leniently (RFC 5322 and its obsolete forms), or {@code null}
 * @param subject   the Subject, or {@code null}
 * @param from      From addresses
 * @param sender    Sender addresses
 * @param replyTo   Reply-To addresses
 * @param to        To addresses
 * @param cc        Cc addresses
 * @param bcc       Bcc addresses
 * @param inReplyTo the In-Reply-To header, or {@code null}
 * @param messageId the Message-ID header, or {@code null}
 */
public record Envelope(String dateText, OffsetDateTime date, String subject, List<ImapAddress> from,
        List<ImapAddress> sender, List<ImapAddress> replyTo, List<ImapAddress> to, List<ImapAddress> cc,
        List<ImapAddress> bcc, String inReplyTo, String messageId) {

    public Envelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }
}
