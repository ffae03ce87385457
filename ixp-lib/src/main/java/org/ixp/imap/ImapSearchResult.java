package org.ixp.imap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an ESEARCH (RFC 4731; IMAP4rev2) answered: the return data asked for with {@code RETURN (…)}. {@code null}
 * fields were not returned (not asked for, or no message matched: MIN, MAX and ALL are then left out).
 *
 * @param uid    the numbers are UIDs
 * @param min    MIN
 * @param max    MAX
 * @param count  COUNT
 * @param all    ALL, or {@code null}
 * @param modSeq MODSEQ: the highest mod-sequence of the matches when the criteria used MODSEQ (CONDSTORE)
 * @param other  return data of other extensions (PARTIAL, RELEVANCY…), keys upper-cased
 */
public record ImapSearchResult(boolean uid, Long min, Long max, Long count, RangeList all, Long modSeq,
        Map<String, ImapValue> other) {
    public ImapSearchResult {
        other = Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }
}
