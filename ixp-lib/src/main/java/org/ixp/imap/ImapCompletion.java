package org.ixp.imap;

import java.util.List;
import java.util.Optional;

/**
 * A command's tagged reply: status, response code (APPENDUID, COPYUID, MODIFIED, READ-WRITE…, or {@code null}) and
 * text, plus the codes of untagged {@code OK} responses the command took as its data (MOVE's
 * {@code * OK [COPYUID …]}, which RFC 6851 sends before the expunges rather than in the tagged reply).
 *
 * @param status    OK, NO or BAD
 * @param code      the tagged reply's response code, or {@code null}
 * @param text      the tagged reply's text
 * @param dataCodes response codes of untagged OK responses that belonged to the command, in arrival order
 */
public record ImapCompletion(ImapStatus status, ResponseCode code, String text, List<ResponseCode> dataCodes) {
    public ImapCompletion {
        dataCodes = dataCodes == null ? List.of() : List.copyOf(dataCodes);
    }

    /** A completion without data codes. */
    public ImapCompletion(ImapStatus status, ResponseCode code, String text) {
        this(status, code, text, List.of());
    }

    /** COPYUID (UIDPLUS) of a COPY or MOVE, from the tagged reply or the untagged OK before it. */
    public Optional<ResponseCode.CopyUid> copyUid() {
        return find(ResponseCode.CopyUid.class);
    }

    /** APPENDUID (UIDPLUS) of an APPEND: one UID, or the set of a MULTIAPPEND. */
    public Optional<ResponseCode.AppendUid> appendUid() {
        return find(ResponseCode.AppendUid.class);
    }

    /** MODIFIED (CONDSTORE) of a STORE with UNCHANGEDSINCE: the messages it did not change. */
    public Optional<ResponseCode.Modified> modified() {
        return find(ResponseCode.Modified.class);
    }

    /** HIGHESTMODSEQ of the reply (QRESYNC sends it after commands that expunge). */
    public Optional<ResponseCode.HighestModSeq> highestModSeq() {
        return find(ResponseCode.HighestModSeq.class);
    }

    private <T extends ResponseCode> Optional<T> find(Class<T> kind) {
        if (kind.isInstance(code)) {
            return Optional.of(kind.cast(code));
        }
        for (ResponseCode c : dataCodes) {
            if (kind.isInstance(c)) {
                return Optional.of(kind.cast(c));
            }
        }
        return Optional.empty();
    }
}
