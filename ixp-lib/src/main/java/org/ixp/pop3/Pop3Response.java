package org.ixp.pop3;

import org.ixp.DisconnectResult;
import org.ixp.IxpResult;

/**
 * POP3RESPONSE: one response event.
 *
 * <p>Every command ends with exactly one response whose {@link #done()} is true; wait for it before the next
 * command. Commands over several messages ({@link Pop3CmdType#GET_MARKED}, {@link Pop3CmdType#GET_ALL}, and
 * LIST/UIDL of every message) report one response per message, the last one done. RETR and TOP report each
 * message's body in chunks ({@link RetrInfo#body()} false), then one response with {@code body()} true and no bytes,
 * which for the command's last message is also the done one. A {@code -ERR} ends a multi-message command: it is
 * reported (with {@link #info()} null) as the done response once the replies already requested have been read.
 *
 * @param command the command or phase it belongs to
 * @param done    the command has finished ({@code fDone})
 * @param result  the outcome ({@code rIxpResult}), with the server's status line as its response text
 * @param reply   the server's status line for this response, or {@code null} (body chunks, local outcomes)
 * @param info    the data ({@code fValidInfo} and the union), or {@code null} when the response carries none
 */
public record Pop3Response(Pop3Command command, boolean done, IxpResult result, Pop3Reply reply, Info info) {

    /** {@code fValidInfo}: the response carries data. */
    public boolean validInfo() {
        return info != null;
    }

    /** The RFC 2449 response code of the reply ({@code IN-USE}, {@code SYS/TEMP} …), or {@code null}. */
    public String respCode() {
        return reply == null ? null : reply.respCode();
    }

    public StatInfo statInfo() {
        return info instanceof StatInfo i ? i : null;
    }

    public ListInfo listInfo() {
        return info instanceof ListInfo i ? i : null;
    }

    public UidlInfo uidlInfo() {
        return info instanceof UidlInfo i ? i : null;
    }

    public DeleInfo deleInfo() {
        return info instanceof DeleInfo i ? i : null;
    }

    public RetrInfo retrInfo() {
        return info instanceof RetrInfo i ? i : null;
    }

    public TopInfo topInfo() {
        return info instanceof TopInfo i ? i : null;
    }

    public QuitInfo quitInfo() {
        return info instanceof QuitInfo i ? i : null;
    }

    /** The union of POP3RESPONSE: one record per command with data. */
    public sealed interface Info permits StatInfo, ListInfo, UidlInfo, DeleInfo, RetrInfo, TopInfo, QuitInfo {
    }

    /**
     * POP3STAT ({@code rStatInfo}).
     *
     * @param messages {@code cMessages}: messages in the maildrop, not counting those marked deleted
     * @param bytes    {@code cbMessages}: their total size in octets
     */
    public record StatInfo(long messages, long bytes) implements Info {
    }

    /**
     * POP3LIST ({@code rListInfo}).
     *
     * @param popId {@code dwPopId}
     * @param size  {@code cbSize}: the message's size in octets, as the server counts them
     */
    public record ListInfo(long popId, long size) implements Info {
    }

    /**
     * POP3UIDL ({@code rUidlInfo}).
     *
     * @param popId {@code dwPopId}: valid for this session only
     * @param uidl  {@code pszUidl}: the message's unique id, the same in every session (RFC 1939 §7)
     */
    public record UidlInfo(long popId, String uidl) implements Info {
    }

    /**
     * The union's {@code dwPopId} for POP3_DELE: the message now marked deleted (removed only by a QUIT answered
     * {@code +OK}, see {@link QuitInfo}).
     */
    public record DeleInfo(long popId) implements Info {
    }

    /**
     * POP3RETR ({@code rRetrInfo}): one chunk of a message.
     *
     * @param header {@code fHeader}: the whole header has arrived (in this chunk or before)
     * @param body   {@code fBody}: the whole message has arrived; this last response of the message has no bytes
     * @param popId  {@code dwPopId}
     * @param soFar  {@code cbSoFar}: bytes of this message delivered so far, this chunk included
     * @param lines  {@code pszLines}/{@code cbLines}: this chunk, de-stuffed, CRLFs included; a fresh array, the
     *               receiver's to keep
     */
    public record RetrInfo(boolean header, boolean body, long popId, long soFar, byte[] lines) implements Info {
        /** {@code cbLines}. */
        public int length() {
            return lines.length;
        }

        @Override
        public String toString() {
            return "RetrInfo[header=" + header + ", body=" + body + ", popId=" + popId + ", soFar=" + soFar
                    + ", lines=" + lines.length + " bytes]";
        }
    }

    /**
     * POP3TOP ({@code rTopInfo}): one chunk of a message's header and first body lines.
     *
     * @param header       {@code fHeader}
     * @param body         {@code fBody}: the response is complete
     * @param popId        {@code dwPopId}
     * @param previewLines {@code cPreviewLines}: the body lines asked for
     * @param soFar        {@code cbSoFar}
     * @param lines        {@code pszLines}/{@code cbLines}, as in {@link RetrInfo}
     */
    public record TopInfo(boolean header, boolean body, long popId, long previewLines, long soFar, byte[] lines)
            implements Info {
        /** {@code cbLines}. */
        public int length() {
            return lines.length;
        }

        @Override
        public String toString() {
            return "TopInfo[header=" + header + ", body=" + body + ", popId=" + popId + ", previewLines="
                    + previewLines + ", soFar=" + soFar + ", lines=" + lines.length + " bytes]";
        }
    }

    /**
     * ixp: how QUIT ended (the original has no data for POP3_QUIT).
     *
     * @param ending             how the server took it: ACKNOWLEDGED ({@code +OK}), REFUSED ({@code -ERR}),
     *                           SERVER_CLOSED (connection closed before a reply) or NO_REPLY (goodbye timeout)
     * @param deletionsCommitted the server entered UPDATE and confirmed it: QUIT was sent in TRANSACTION and answered
     *                           {@code +OK}, so every message marked deleted is gone. False in every other case: after
     *                           {@code -ERR} some or all deletions failed (RFC 1939 §6); after no reply they may or
     *                           may not have happened; after DropConnection or a QUIT in AUTHORIZATION none did.
     * @param deletionsMarked    how many DELE commands the server accepted in the session (since the last RSET)
     */
    public record QuitInfo(DisconnectResult.Ending ending, boolean deletionsCommitted, long deletionsMarked)
            implements Info {
    }
}
