package org.ixp.imap;

import org.ixp.IxpResult;

/**
 * IMAP_RESPONSE: one response, solicited or not. {@code wParam}/{@code lParam} are the transaction ID the caller gave
 * the command; 0/0 marks unsolicited (or unresolvable) responses.
 *
 * @param wParam the command's transaction ID (0 for unsolicited)
 * @param lParam the command's second transaction ID (0 for unsolicited)
 * @param type   selects what {@code data} is
 * @param result the outcome ({@code hrResult}); for COMMAND_COMPLETION the command's
 * @param text   the server's text, or {@code null} for the data-only types
 * @param data   the data arm, typed as {@link ImapResponseType} says, or {@code null}
 */
public record ImapResponse(long wParam, long lParam, ImapResponseType type, IxpResult result, String text,
        Object data) {

    /** The data as {@code kind}. */
    public <T> T data(Class<T> kind) {
        return kind.cast(data);
    }

    /** Whether this response answers no command of the caller's. */
    public boolean unsolicited() {
        return wParam == 0 && lParam == 0;
    }

    /**
     * MBOX_MSGCOUNT: which of EXISTS, RECENT and UNSEEN (the sequence number of the first unseen message) this
     * update carries; {@code null} for "not received".
     */
    public record MboxMsgCount(Long exists, Long recent, Long unseen) {
    }

    /**
     * FETCH_BODY_PART: a chunk of body data.
     *
     * @param seq        {@code dwMsgSeqNum}
     * @param bodyTag    {@code pszBodyTag}, e.g. {@code BODY[2.2]<0>}
     * @param totalBytes {@code dwTotalBytes}
     * @param offset     {@code dwOffset} of this chunk
     * @param data       {@code pszData} ({@code dwSizeOfData} = its length)
     * @param done       {@code fDone}: the last chunk of this body
     */
    public record FetchBodyPart(long seq, String bodyTag, long totalBytes, long offset, byte[] data, boolean done) {
    }

    /** APPEND_PROGRESS. */
    public record AppendProgress(long uploaded, long total) {
    }
}
