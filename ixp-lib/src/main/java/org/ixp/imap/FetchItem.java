package org.ixp.imap;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One data item of a FETCH response (RFC 9051 §7.5.2 and the extensions). Body data ({@code BODY[…]},
 * {@code BINARY[…]}, {@code RFC822*}) never sits here: it was streamed as {@link ImapEvent.FetchBodyStart} and
 * {@link ImapEvent.FetchBodyChunk} events, and {@link Body} records that it was.
 */
public sealed interface FetchItem permits FetchItem.Flags, FetchItem.Uid, FetchItem.InternalDate,
        FetchItem.Rfc822Size, FetchItem.EnvelopeItem, FetchItem.Structure, FetchItem.Body, FetchItem.BinarySize,
        FetchItem.ModSeq, FetchItem.EmailId, FetchItem.ThreadId, FetchItem.Preview, FetchItem.Other,
        FetchItem.Invalid {

    /** {@code FLAGS (\Seen $Forwarded)}. See {@link ImapFlags#messageFlags}. */
    record Flags(List<String> flags) implements FetchItem {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /** {@code UID n}. */
    record Uid(long uid) implements FetchItem {
    }

    /**
     * {@code INTERNALDATE "17-Jul-1996 02:44:25 -0700"}.
     *
     * @param text the date as sent, or {@code null} for NIL
     * @param date the parsed date, or {@code null} if NIL or unparseable
     */
    record InternalDate(String text, OffsetDateTime date) implements FetchItem {
    }

    /** {@code RFC822.SIZE n}: 64-bit, never truncated. */
    record Rfc822Size(long size) implements FetchItem {
    }

    /** {@code ENVELOPE (…)}. */
    record EnvelopeItem(Envelope envelope) implements FetchItem {
    }

    /**
     * {@code BODYSTRUCTURE (…)} or {@code BODY (…)}.
     *
     * @param extensible true for BODYSTRUCTURE (which carries extension data)
     */
    record Structure(BodyStructure structure, boolean extensible) implements FetchItem {
    }

    /**
     * Body data that was streamed as parts before this FETCH's {@link ImapEvent.Fetch} event.
     *
     * @param section which body data
     * @param size    how many octets were streamed
     * @param nil     true if the server sent NIL (no such part) rather than a string
     */
    record Body(BodySection section, long size, boolean nil) implements FetchItem {
    }

    /** {@code BINARY.SIZE[section] n}. */
    record BinarySize(String section, long size) implements FetchItem {
    }

    /** {@code MODSEQ (n)} (CONDSTORE, 63-bit). */
    record ModSeq(long modSeq) implements FetchItem {
    }

    /** {@code EMAILID (id)} (RFC 8474). */
    record EmailId(String id) implements FetchItem {
    }

    /** {@code THREADID (id)} or {@code THREADID NIL} (RFC 8474): {@code id} is {@code null} for NIL. */
    record ThreadId(String id) implements FetchItem {
    }

    /** {@code PREVIEW "text"} (RFC 8970): {@code text} is {@code null} for NIL. */
    record Preview(String text) implements FetchItem {
    }

    /** An item ixp does not type ({@code X-GM-LABELS}, {@code SAVEDATE}, …), kept raw. */
    record Other(String name, ImapValue value) implements FetchItem {
    }

    /**
     * An item whose value did not parse. The rest of the FETCH is still good: a broken ENVELOPE does not lose the
     * UID and FLAGS next to it.
     *
     * @param name   the item name as sent
     * @param reason what was wrong
     */
    record Invalid(String name, String reason) implements FetchItem {
    }
}
