package org.ixp.imap;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything {@link ImapDecoder} yields: one immutable record per server response, plus the parts of streamed
 * message bodies. {@code null} in a field stands for NIL or "not sent", as each record says.
 *
 * <p>Order for a FETCH that carries body data: {@link FetchBodyStart}, its {@link FetchBodyChunk}s (the last one
 * flagged), possibly more bodies, then the {@link Fetch} with the other items, or {@link Malformed} if the rest of
 * the response turned out broken.
 */
public sealed interface ImapEvent {

    // ------------------------------------------------------------------ status responses

    /**
     * A tagged response: the end of the command with that tag.
     *
     * @param tag    the command's tag
     * @param status OK, NO or BAD (BYE from servers that answer LOGOUT that way)
     * @param code   the response code, or {@code null}
     * @param text   the human-readable text (may be empty)
     */
    record Tagged(String tag, ImapStatus status, ResponseCode code, String text) implements ImapEvent {
    }

    /**
     * An untagged {@code OK}, {@code NO}, {@code BAD} or {@code PREAUTH}: a greeting, a warning, or data in its
     * response code (UIDVALIDITY, PERMANENTFLAGS, HIGHESTMODSEQ, ALERT…).
     */
    record Condition(ImapStatus status, ResponseCode code, String text) implements ImapEvent {
    }

    /** {@code * BYE}: the server is closing the connection. */
    record Bye(ResponseCode code, String text) implements ImapEvent {
    }

    /** {@code + text}: the server waits for a literal, an AUTHENTICATE response, or is idling. */
    record Continuation(String text) implements ImapEvent {
    }

    // ------------------------------------------------------------------ server and mailbox data

    /** {@code * CAPABILITY IMAP4rev2 …}, capabilities as sent. */
    record Capability(List<String> capabilities) implements ImapEvent {
        public Capability {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** {@code * ENABLED CONDSTORE …}. */
    record Enabled(List<String> capabilities) implements ImapEvent {
        public Enabled {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** {@code * n EXISTS}. */
    record Exists(long count) implements ImapEvent {
    }

    /** {@code * n RECENT} (IMAP4rev1). */
    record Recent(long count) implements ImapEvent {
    }

    /** {@code * n EXPUNGE}: message {@code seq} is gone and the ones above it move down. */
    record Expunge(long seq) implements ImapEvent {
    }

    /** {@code * VANISHED [(EARLIER)] uid-set} (QRESYNC). */
    record Vanished(boolean earlier, String uids) implements ImapEvent {
        /** The UIDs as a fresh {@link RangeList} (UID flavour). */
        public RangeList uidList() {
            return RangeList.parse(uids, true);
        }
    }

    /** {@code * FLAGS (…)}: the flags that apply in the selected mailbox. */
    record Flags(List<String> flags) implements ImapEvent {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /** Which command a {@link MailboxListing} answers. */
    enum ListKind { LIST, LSUB, XLIST }

    /**
     * {@code * LIST (\HasNoChildren) "/" "INBOX/Entw&APw-rfe"}: the contract's IMAP_LISTLSUB_RESPONSE.
     *
     * @param kind       LIST, LSUB (or Gmail's old XLIST)
     * @param attributes mailbox attributes as sent ({@code \Noselect}, {@code \HasChildren}, {@code \Sent}…)
     * @param delimiter  the hierarchy delimiter, or {@code null} for NIL (a flat namespace)
     * @param name       the mailbox name as a Java string: modified UTF-7 decoded, or UTF-8 under UTF8=ACCEPT and
     *                   IMAP4rev2; the raw name if it is not valid modified UTF-7
     * @param rawName    the name as sent, to send back in commands
     * @param extended   LIST-EXTENDED data ({@code CHILDINFO}, {@code OLDNAME}), keys upper-cased
     */
    record MailboxListing(ListKind kind, List<String> attributes, Character delimiter, String name, String rawName,
            Map<String, ImapValue> extended) implements ImapEvent {
        public MailboxListing {
            attributes = List.copyOf(attributes);
            extended = Collections.unmodifiableMap(new LinkedHashMap<>(extended));
        }
    }

    /**
     * {@code * STATUS mailbox (MESSAGES 231 UIDNEXT 44292 …)}: the contract's IMAP_STATUS_RESPONSE.
     *
     * @param name    the mailbox name, decoded as in {@link MailboxListing}
     * @param rawName the name as sent
     * @param values  every numeric status item by upper-case name (MESSAGES, RECENT, UIDNEXT, UIDVALIDITY,
     *                UNSEEN, HIGHESTMODSEQ, SIZE, DELETED, APPENDLIMIT…), 64-bit
     */
    record MailboxStatus(String name, String rawName, Map<String, Long> values) implements ImapEvent {
        public MailboxStatus {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public OptionalLong value(String item) {
            Long v = values.get(item);
            return v == null ? OptionalLong.empty() : OptionalLong.of(v);
        }

        public OptionalLong messages() {
            return value("MESSAGES");
        }

        public OptionalLong recent() {
            return value("RECENT");
        }

        public OptionalLong uidNext() {
            return value("UIDNEXT");
        }

        public OptionalLong uidValidity() {
            return value("UIDVALIDITY");
        }

        public OptionalLong unseen() {
            return value("UNSEEN");
        }

        public OptionalLong highestModSeq() {
            return value("HIGHESTMODSEQ");
        }

        /** SIZE (STATUS=SIZE, RFC 8438): the mailbox's total size in octets, 64-bit. */
        public OptionalLong size() {
            return value("SIZE");
        }

        /** DELETED (IMAP4rev2): how many messages have \Deleted. */
        public OptionalLong deleted() {
            return value("DELETED");
        }

        /** APPENDLIMIT (RFC 7889); empty also for {@code APPENDLIMIT NIL} (no limit). */
        public OptionalLong appendLimit() {
            return value("APPENDLIMIT");
        }
    }

    /**
     * {@code * SEARCH 2 3 6 [(MODSEQ 917162500)]}.
     *
     * @param numbers sequence numbers or UIDs, as the command asked
     * @param modSeq  the highest mod-sequence of the matches (CONDSTORE), or {@code null}
     */
    record Search(List<Long> numbers, Long modSeq) implements ImapEvent {
        public Search {
            numbers = List.copyOf(numbers);
        }
    }

    /** {@code * SORT 2 84 882} (SORT). */
    record Sort(List<Long> numbers) implements ImapEvent {
        public Sort {
            numbers = List.copyOf(numbers);
        }
    }

    /**
     * {@code * THREAD (2)(3 6 (4 23)(44 7 96))} (RFC 5256): one node per thread.
     */
    record Threads(List<ThreadNode> threads) implements ImapEvent {
        public Threads {
            threads = List.copyOf(threads);
        }
    }

    /**
     * A piece of a thread as RFC 5256 writes it: a chain of messages, each the parent of the next, then the
     * branches below the last one. An empty chain is a parent that is not in the mailbox ({@code ((3)(5))}).
     *
     * @param messages sequence numbers or UIDs, parent first
     * @param children the branches under the last message
     */
    record ThreadNode(List<Long> messages, List<ThreadNode> children) {
        public ThreadNode {
            messages = List.copyOf(messages);
            children = List.copyOf(children);
        }

        /** Every message of this thread, depth first (parents before children), as a reader lists them. */
        public List<Long> allMessages() {
            List<Long> out = new java.util.ArrayList<>();
            java.util.Deque<ThreadNode> todo = new java.util.ArrayDeque<>();
            todo.push(this);
            while (!todo.isEmpty()) {
                ThreadNode n = todo.pop();
                out.addAll(n.messages);
                for (int i = n.children.size() - 1; i >= 0; i--) {
                    todo.push(n.children.get(i));
                }
            }
            return out;
        }
    }

    /**
     * {@code * ESEARCH (TAG "A282") UID MIN 2 COUNT 3 ALL 2,10:11} (RFC 4731, part of IMAP4rev2).
     *
     * @param tag    the tag of the command it answers, or {@code null}
     * @param uid    true if the numbers are UIDs
     * @param min    MIN, or {@code null}
     * @param max    MAX, or {@code null}
     * @param count  COUNT, or {@code null}
     * @param all    ALL as an IMAP set, or {@code null}; see {@link RangeList#parse}
     * @param modSeq MODSEQ, or {@code null}
     * @param other  return data of other extensions (PARTIAL, RELEVANCY…), keys upper-cased
     */
    record ESearch(String tag, boolean uid, Long min, Long max, Long count, String all, Long modSeq,
            Map<String, ImapValue> other) implements ImapEvent {
        public ESearch {
            other = Collections.unmodifiableMap(new LinkedHashMap<>(other));
        }
    }

    /**
     * {@code * n FETCH (…)} after any body data was streamed: the contract's FETCH_CMD_RESULTS(_EX).
     *
     * @param seq   the message sequence number
     * @param items the data items in the order sent
     */
    record Fetch(long seq, List<FetchItem> items) implements ImapEvent {
        public Fetch {
            items = List.copyOf(items);
        }

        /** The first item of that kind. */
        public <T extends FetchItem> Optional<T> item(Class<T> kind) {
            for (FetchItem i : items) {
                if (kind.isInstance(i)) {
                    return Optional.of(kind.cast(i));
                }
            }
            return Optional.empty();
        }

        public OptionalLong uid() {
            return item(FetchItem.Uid.class).map(u -> OptionalLong.of(u.uid())).orElse(OptionalLong.empty());
        }

        public Optional<List<String>> flags() {
            return item(FetchItem.Flags.class).map(FetchItem.Flags::flags);
        }

        public OptionalLong rfc822Size() {
            return item(FetchItem.Rfc822Size.class).map(s -> OptionalLong.of(s.size())).orElse(OptionalLong.empty());
        }

        public Optional<OffsetDateTime> internalDate() {
            return item(FetchItem.InternalDate.class).map(FetchItem.InternalDate::date);
        }

        public Optional<Envelope> envelope() {
            return item(FetchItem.EnvelopeItem.class).map(FetchItem.EnvelopeItem::envelope);
        }

        public Optional<BodyStructure> bodyStructure() {
            return item(FetchItem.Structure.class).map(FetchItem.Structure::structure);
        }

        public OptionalLong modSeq() {
            return item(FetchItem.ModSeq.class).map(m -> OptionalLong.of(m.modSeq())).orElse(OptionalLong.empty());
        }
    }

    /**
     * Body data of a FETCH begins: the contract's FETCH_BODY_PART header fields.
     *
     * @param seq     the message sequence number
     * @param section which body data ({@link BodySection#contractTag()} is {@code pszBodyTag})
     * @param size    how many octets follow in chunks ({@code dwTotalBytes}), 64-bit; 0 for an empty string or NIL
     */
    record FetchBodyStart(long seq, BodySection section, long size) implements ImapEvent {
    }

    /**
     * Up to {@link ImapDecoder#MAX_CHUNK} octets of the body data begun by the last {@link FetchBodyStart}. Every
     * body ends with exactly one chunk whose {@code last} is true (empty for an empty body).
     *
     * @param seq    the message sequence number
     * @param offset where {@code data} starts within this body data ({@code dwOffset}); add the section's origin
     *               for the position in the whole part
     * @param data   the octets ({@code pszData}, {@code dwSizeOfData}); owned by the receiver
     * @param last   true for the final chunk ({@code fDone})
     */
    record FetchBodyChunk(long seq, long offset, byte[] data, boolean last) implements ImapEvent {
        @Override
        public boolean equals(Object o) {
            return o instanceof FetchBodyChunk c && c.seq == seq && c.offset == offset && c.last == last
                    && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(seq) * 31 + Long.hashCode(offset) * 7 + Arrays.hashCode(data) + (last ? 1 : 0);
        }

        @Override
        public String toString() {
            return "FetchBodyChunk[seq=" + seq + ", offset=" + offset + ", " + data.length + " octets, last=" + last
                    + "]";
        }
    }

    // ------------------------------------------------------------------ extensions

    /**
     * {@code * NAMESPACE (("" "/")) NIL (("Shared/" "/"))} (RFC 2342, IMAP4rev2). An absent class (NIL) is an
     * empty list.
     */
    record Namespace(List<NamespaceEntry> personal, List<NamespaceEntry> otherUsers, List<NamespaceEntry> shared)
            implements ImapEvent {
        public Namespace {
            personal = List.copyOf(personal);
            otherUsers = List.copyOf(otherUsers);
            shared = List.copyOf(shared);
        }
    }

    /**
     * One namespace: its prefix as sent, its delimiter ({@code null} for NIL) and extension data
     * ({@code TRANSLATION}…) by upper-cased name.
     */
    record NamespaceEntry(String prefix, Character delimiter, Map<String, List<String>> extensions) {
        public NamespaceEntry {
            extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        }
    }

    /** {@code * ID ("name" "Dovecot" …)} (RFC 2971); NIL and NIL values keep their place as empty map / null. */
    record Id(Map<String, String> fields) implements ImapEvent {
        public Id {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** {@code * QUOTA root (STORAGE 10 512 …)} (RFC 9208). */
    record Quota(String root, List<QuotaResource> resources) implements ImapEvent {
        public Quota {
            resources = List.copyOf(resources);
        }
    }

    /** One resource of a {@link Quota}: name (STORAGE in KiB, MESSAGE…), usage and limit, 64-bit. */
    record QuotaResource(String name, long usage, long limit) {
    }

    /** {@code * QUOTAROOT mailbox root…} (RFC 9208). */
    record QuotaRoot(String mailbox, List<String> roots) implements ImapEvent {
        public QuotaRoot {
            roots = List.copyOf(roots);
        }
    }

    // ------------------------------------------------------------------ the rest

    /**
     * An untagged response ixp does not type ({@code * ACL …}, {@code * 3 XYZ}); never a failure.
     *
     * @param name the response's keyword, upper-cased ({@code ACL}, {@code XYZ})
     * @param raw  the whole response as sent, literals inline
     */
    record Unknown(String name, String raw) implements ImapEvent {
    }

    /**
     * A response whose grammar is broken. Decoding continues with the next response; only the response is lost.
     *
     * @param tag    the tag, if the response was tagged and the tag could be read, else {@code null}
     * @param raw    the response as sent, literals inline (streamed ones as a size note)
     * @param reason what was wrong
     */
    record Malformed(String tag, String raw, String reason) implements ImapEvent {
    }
}
