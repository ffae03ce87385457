package org.ixp.smtp;

import java.util.List;
import org.ixp.IxpCode;

/**
 * A message the server accepted: its final reply, and which recipients were refused (if any). Only returned after
 * the final 2xx following the end of data, so the server has taken responsibility for delivery to
 * {@link #accepted()}.
 *
 * @param accepted       recipients the server accepted
 * @param rejected       recipients the server refused, with its reply for each
 * @param reply          the final reply (250 after the end of data or the last BDAT)
 * @param bytes          message bytes read from the stream
 * @param dsnUnsupported DSN was asked for but the server does not offer it (IXP_S_SMTP_NO_DSN_SUPPORT)
 */
public record SendResult(List<String> accepted, List<RecipientFailure> rejected, SmtpReply reply, long bytes,
                         boolean dsnUnsupported) {

    public SendResult {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }

    /** S_OK, or the success code IXP_S_SMTP_NO_DSN_SUPPORT when DSN was asked for and not offered. */
    public IxpCode code() {
        return dsnUnsupported ? IxpCode.IXP_S_SMTP_NO_DSN_SUPPORT : IxpCode.S_OK;
    }
}
