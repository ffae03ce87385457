package org.ixp.smtp;

import org.ixp.IxpResult;

/**
 * SMTPRESPONSE: one response event.
 *
 * @param command the command or phase it belongs to
 * @param done    the command has finished ({@code fDone})
 * @param result  the outcome, with the server's reply text and code
 * @param reply   the server's reply, or {@code null} (progress events, local outcomes)
 * @param stream  progress, only for {@link SmtpCommand#SEND_STREAM}; else {@code null}
 */
public record SmtpResponse(SmtpCommand command, boolean done, IxpResult result, SmtpReply reply, SmtpStream stream) {

    /**
     * SMTPSTREAM: message upload progress.
     *
     * @param increment bytes since the last event ({@code cbIncrement})
     * @param current   bytes so far ({@code cbCurrent})
     * @param total     message size ({@code cbTotal}), or -1 when unknown
     */
    public record SmtpStream(long increment, long current, long total) {
    }
}
