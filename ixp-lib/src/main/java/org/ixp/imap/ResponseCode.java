package org.ixp.imap;

import java.util.List;

/**
 * A response code: the bracketed part of a status response ({@code * OK [UIDVALIDITY 3857529045] UIDs valid}),
 * RFC 9051 §7.1 and the extensions' codes. Codes with data have their own record; codes without data are
 * {@link Simple} (compare with the constants); anything else, and a known code whose data does not parse, is kept
 * raw as {@link Other}.
 */
public sealed interface ResponseCode permits ResponseCode.Simple, ResponseCode.UidValidity, ResponseCode.UidNext,
        ResponseCode.Unseen, ResponseCode.HighestModSeq, ResponseCode.PermanentFlags, ResponseCode.Capability,
        ResponseCode.AppendUid, ResponseCode.CopyUid, ResponseCode.Modified, ResponseCode.BadCharset,
        ResponseCode.Other {

    Simple ALERT = new Simple("ALERT");
    Simple PARSE = new Simple("PARSE");
    Simple READ_ONLY = new Simple("READ-ONLY");
    Simple READ_WRITE = new Simple("READ-WRITE");
    Simple TRYCREATE = new Simple("TRYCREATE");
    Simple NOMODSEQ = new Simple("NOMODSEQ");
    Simple NONEXISTENT = new Simple("NONEXISTENT");
    Simple CLOSED = new Simple("CLOSED");
    Simple UIDNOTSTICKY = new Simple("UIDNOTSTICKY");
    Simple ALREADYEXISTS = new Simple("ALREADYEXISTS");
    Simple AUTHENTICATIONFAILED = new Simple("AUTHENTICATIONFAILED");
    Simple OVERQUOTA = new Simple("OVERQUOTA");

    /** The code's name in upper case: {@code UIDVALIDITY}, {@code ALERT}, … */
    String name();

    /** A code without data: ALERT, PARSE, READ-ONLY, READ-WRITE, TRYCREATE, NOMODSEQ, NONEXISTENT, CLOSED, … */
    record Simple(String name) implements ResponseCode {
    }

    /** {@code UIDVALIDITY n}. */
    record UidValidity(long value) implements ResponseCode {
        @Override
        public String name() {
            return "UIDVALIDITY";
        }
    }

    /** {@code UIDNEXT n}. */
    record UidNext(long value) implements ResponseCode {
        @Override
        public String name() {
            return "UIDNEXT";
        }
    }

    /** {@code UNSEEN n} (IMAP4rev1): the sequence number of the first unseen message. */
    record Unseen(long seq) implements ResponseCode {
        @Override
        public String name() {
            return "UNSEEN";
        }
    }

    /** {@code HIGHESTMODSEQ n} (CONDSTORE, 63-bit). */
    record HighestModSeq(long value) implements ResponseCode {
        @Override
        public String name() {
            return "HIGHESTMODSEQ";
        }
    }

    /** {@code PERMANENTFLAGS (\Deleted \Seen \*)}. */
    record PermanentFlags(List<String> flags) implements ResponseCode {
        public PermanentFlags {
            flags = List.copyOf(flags);
        }

        @Override
        public String name() {
            return "PERMANENTFLAGS";
        }
    }

    /** {@code CAPABILITY IMAP4rev1 …}, as sent. */
    record Capability(List<String> capabilities) implements ResponseCode {
        public Capability {
            capabilities = List.copyOf(capabilities);
        }

        @Override
        public String name() {
            return "CAPABILITY";
        }
    }

    /**
     * {@code APPENDUID uidvalidity uid-set} (UIDPLUS): one UID, or a set after MULTIAPPEND.
     *
     * @param uids the UIDs as an IMAP set, e.g. {@code 4392} or {@code 4392:4394}; see {@link RangeList#parse}
     */
    record AppendUid(long uidValidity, String uids) implements ResponseCode {
        @Override
        public String name() {
            return "APPENDUID";
        }

        /** The UIDs as a {@link RangeList} (UID flavour). */
        public RangeList uidList() {
            return RangeList.parse(uids, true);
        }

        /** The UIDs in the order the messages were appended (MULTIAPPEND: message i has UID i of this list). */
        public List<Long> uidsInOrder() {
            return SequenceSets.inOrder(uids);
        }
    }

    /**
     * {@code COPYUID uidvalidity source-set dest-set} (UIDPLUS), after COPY and MOVE.
     *
     * @param source the source UIDs as an IMAP set
     * @param dest   the destination UIDs as an IMAP set, in the same order
     */
    record CopyUid(long uidValidity, String source, String dest) implements ResponseCode {
        @Override
        public String name() {
            return "COPYUID";
        }

        /**
         * Source UID → destination UID (in the source set's order). {@code uidValidity} is the destination's.
         *
         * @throws org.ixp.IxpException IXP_E_IMAP_MALFORMED_RESPONSE if the sets differ in size, hold {@code *}, or
         *                              name more than {@link SequenceSets#MAX_EXPANDED} messages
         */
        public java.util.Map<Long, Long> mapping() {
            List<Long> from = SequenceSets.inOrder(source);
            List<Long> to = SequenceSets.inOrder(dest);
            if (from.size() != to.size()) {
                throw new org.ixp.IxpException(org.ixp.IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE, "COPYUID "
                        + source + " " + dest + ": the source and destination sets differ in size");
            }
            java.util.Map<Long, Long> map = new java.util.LinkedHashMap<>();
            for (int i = 0; i < from.size(); i++) {
                map.put(from.get(i), to.get(i));
            }
            return java.util.Collections.unmodifiableMap(map);
        }
    }

    /** {@code MODIFIED set} (CONDSTORE): the messages a conditional STORE did not change. */
    record Modified(String set) implements ResponseCode {
        @Override
        public String name() {
            return "MODIFIED";
        }

        /** The set as a {@link RangeList}: UIDs after UID STORE ({@code uid} true), else sequence numbers. */
        public RangeList toRangeList(boolean uid) {
            return RangeList.parse(set, uid);
        }
    }

    /** {@code BADCHARSET [(charset …)]}: the charsets the server supports, possibly none given. */
    record BadCharset(List<String> charsets) implements ResponseCode {
        public BadCharset {
            charsets = List.copyOf(charsets);
        }

        @Override
        public String name() {
            return "BADCHARSET";
        }
    }

    /**
     * A code ixp does not type, or a known one whose data did not parse: the name and the data as sent.
     *
     * @param name its name as sent, upper-cased
     * @param data the text after the name up to the closing bracket, or {@code null} if none
     */
    record Other(String name, String data) implements ResponseCode {
    }
}
