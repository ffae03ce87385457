package org.ixp.imap;

/** IMAP_RESPONSE_TYPE: which arm of {@link ImapResponse#data()} a response carries; values as in the contract. */
public enum ImapResponseType {
    /** An error while processing a server response (a malformed response, an untagged NO/BAD). */
    ERROR_NOTIFICATION(0),
    /** The command finished: its tagged reply. */
    COMMAND_COMPLETION(1),
    /** The ALERT response code: show the text to the user. */
    SERVER_ALERT(2),
    /** The PARSE response code. */
    PARSE_ERROR(3),
    /** EXISTS, RECENT or UNSEEN: data is {@link ImapResponse.MboxMsgCount}. */
    MAILBOX_UPDATE(4),
    /** EXPUNGE (or a VANISHED UID translated): data is the deleted sequence number ({@link Long}). */
    DELETED_MSG(5),
    /** Part of a message body from FETCH: data is {@link ImapResponse.FetchBodyPart}. */
    FETCH_BODY(6),
    /** A FETCH response while FetchEx is disabled: data is {@link ImapEvent.Fetch}. */
    UPDATE_MSG(7),
    /** FLAGS: data is the IMAP_MSGFLAGS bits ({@link Integer}); the names are in the text. */
    APPLICABLE_FLAGS(8),
    /** PERMANENTFLAGS: data is the IMAP_MSGFLAGS bits ({@link Integer}). */
    PERMANENT_FLAGS(9),
    /** UIDVALIDITY: data is the value ({@link Long}). */
    UIDVALIDITY(10),
    /** READ-WRITE (true) or READ-ONLY (false): data is a {@link Boolean}. */
    READWRITE_STATUS(11),
    /** TRYCREATE: the target mailbox does not exist. */
    TRYCREATE(12),
    /** SEARCH (or ESEARCH ALL): data is a {@link RangeList}. */
    SEARCH(13),
    /** LIST or LSUB: data is {@link ImapEvent.MailboxListing}. */
    MAILBOX_LISTING(14),
    /** STATUS: data is {@link ImapEvent.MailboxStatus}. */
    MAILBOX_STATUS(15),
    /** APPEND upload progress: data is {@link ImapResponse.AppendProgress}. */
    APPEND_PROGRESS(16),
    /** A FETCH response while FetchEx is enabled (FETCH_CMD_RESULTS_EX, with ENVELOPE): data is {@link ImapEvent.Fetch}. */
    UPDATE_MSG_EX(17),

    // ixp's own (not in the contract, values from 100): extension data the contract has no arm for

    /**
     * VANISHED (QRESYNC): data is {@link ImapEvent.Vanished} (UIDs). {@code earlier()} false: they were expunged
     * now, and each also came as DELETED_MSG with its sequence number; true: expunged before (a resync).
     */
    VANISHED(100),
    /** SORT: data is the numbers in sorted order ({@code List<Long>}). */
    SORT(101),
    /** THREAD: data is {@link ImapEvent.Threads}. */
    THREAD(102),
    /** QUOTA: data is {@link ImapEvent.Quota}. */
    QUOTA(103),
    /** QUOTAROOT: data is {@link ImapEvent.QuotaRoot}. */
    QUOTA_ROOT(104),
    /** ESEARCH answering {@code esearch}: data is {@link ImapEvent.ESearch} (search() gets SEARCH). */
    ESEARCH(105);

    private final int value;

    ImapResponseType(int value) {
        this.value = value;
    }

    /** The contract's numeric value. */
    public int value() {
        return value;
    }
}
