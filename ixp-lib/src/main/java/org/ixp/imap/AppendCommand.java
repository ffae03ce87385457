package org.ixp.imap;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * APPEND of one message, or of several in one command (MULTIAPPEND, RFC 3502):
 * {@code APPEND mailbox [(flags)] ["date"] {n} … [(flags)] ["date"] {n}}. Each body is its own literal, streamed
 * from its InputStream as the socket takes it: with LITERAL+ (or LITERAL- within 4096 octets) at once, else each
 * after the server's {@code +}; a tagged reply instead of a {@code +} (e.g. {@code NO [TRYCREATE]}) ends the command
 * and no literal octet is sent. A body marked binary goes as a literal8 ({@code ~{n}}, RFC 3516) when the server
 * offers BINARY. APPEND_PROGRESS reports the octets read for the socket, per 64 KiB chunk, over all the messages.
 * The completion's APPENDUID (UIDPLUS) names the new UIDs in order.
 */
final class AppendCommand extends ImapCommand<ImapCompletion> {
    private static final DateTimeFormatter INTERNALDATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    AppendCommand(ImapTransport t, String mailbox, List<ImapAppend> messages) {
        super(t, "APPEND");
        if (messages == null || messages.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "APPEND needs at least one message");
        }
        if (messages.size() > 1 && !t.hasCapability("MULTIAPPEND")) {
            throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED,
                    "the server does not offer MULTIAPPEND: append the messages one by one");
        }
        boolean binaryOffered = t.hasCapability("BINARY");
        text("APPEND ").mailbox(mailbox);
        for (ImapAppend m : messages) {
            StringBuilder sb = new StringBuilder(" ");
            if (!m.flags().isEmpty()) {
                sb.append(ImapArguments.flagList(m.flags())).append(' ');
            }
            if (m.date() != null) {
                sb.append(ImapQuoting.quote(INTERNALDATE.format(m.date().atOffset(ZoneOffset.UTC)))).append(' ');
            }
            text(sb.toString());
            stream(m.body(), m.size(), m.binary() && binaryOffered);
        }
    }
}
