package org.ixp.imap;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.ixp.Arguments;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * Builds the argument text of the extension commands: flag lists, FETCH and STORE modifiers (CONDSTORE,
 * QRESYNC), SEARCH return options (ESEARCH), SORT criteria, LIST-EXTENDED selection and return options, STATUS
 * items, the QRESYNC SELECT parameter. Every builder checks what it is given against the grammar before anything
 * is sent: CR, LF and NUL are refused like any other character the grammar does not allow (E_INVALIDARG). The
 * reflective {@code InjectionPropertyTest} drives every builder here with hostile strings.
 */
final class ImapArguments {
    /** RFC 5256 sort keys, plus DISPLAYFROM / DISPLAYTO (RFC 5957, SORT=DISPLAY). */
    static final Set<String> SORT_KEYS = Set.of("ARRIVAL", "CC", "DATE", "FROM", "SIZE", "SUBJECT", "TO",
            "DISPLAYFROM", "DISPLAYTO");

    /** LIST-EXTENDED selection options (RFC 5258, RFC 6154). */
    static final Set<String> LIST_SELECTION = Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE");

    private ImapArguments() {
    }

    /**
     * An atom: one or more ATOM-CHARs (printable ASCII except {@code ( ) { SP % * " \ ]}).
     *
     * @param what names the argument in the error
     */
    static String atom(String what, String s) {
        Arguments.requireSafe(what, s);
        if (s == null || s.isEmpty()) {
            throw invalid(what + " is empty");
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAtomChar(s.charAt(i))) {
                throw invalid(what + " \"" + s + "\" is not an IMAP atom (character " + i + ")");
            }
        }
        return s;
    }

    /** A message flag: a system flag ({@code \Seen}) or a keyword ({@code $Forwarded}). */
    static String flag(String f) {
        Arguments.requireSafe("flag", f);
        if (f != null && f.startsWith("\\")) {
            atom("flag", f.substring(1));
            return f;
        }
        return atom("flag", f);
    }

    /** {@code (\Seen $Label)}; {@code ()} for none. */
    static String flagList(Collection<String> flags) {
        StringBuilder sb = new StringBuilder("(");
        if (flags != null) {
            for (String f : flags) {
                sb.append(sb.length() > 1 ? " " : "").append(flag(f));
            }
        }
        return sb.append(')').toString();
    }

    /** A parenthesised list of atoms, upper-cased: {@code (MESSAGES SIZE)}. */
    static String atomList(String what, Collection<String> items) {
        StringBuilder sb = new StringBuilder("(");
        if (items != null) {
            for (String s : items) {
                sb.append(sb.length() > 1 ? " " : "").append(atom(what, s).toUpperCase(Locale.ROOT));
            }
        }
        return sb.append(')').toString();
    }

    /** A sequence set as the server reads it: digits, {@code :}, {@code ,} and {@code *}, non-empty. */
    static String sequenceSet(String what, String set) {
        Arguments.requireSafe(what, set);
        if (set == null || set.isEmpty()) {
            throw invalid(what + " is empty");
        }
        for (int i = 0; i < set.length(); i++) {
            char c = set.charAt(i);
            if (!(c >= '0' && c <= '9') && c != ':' && c != ',' && c != '*') {
                throw invalid(what + " \"" + set + "\" is not a sequence set");
            }
        }
        return set;
    }

    /** A charset name (SEARCH / SORT / THREAD): an atom, e.g. {@code UTF-8}, {@code US-ASCII}. */
    static String charset(String charset) {
        return atom("charset", charset);
    }

    /** A THREAD algorithm: {@code REFERENCES}, {@code ORDEREDSUBJECT}, {@code REFS}, upper-cased. */
    static String threadAlgorithm(String algorithm) {
        return atom("thread algorithm", algorithm).toUpperCase(Locale.ROOT);
    }

    /**
     * SORT criteria (RFC 5256): {@code (REVERSE DATE SUBJECT)}. Each key is one of {@link #SORT_KEYS}, optionally
     * after {@code REVERSE}; at least one key.
     */
    static String sortCriteria(Collection<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw invalid("SORT needs at least one sort key");
        }
        StringBuilder sb = new StringBuilder("(");
        boolean reverse = false;
        for (String k : keys) {
            String key = atom("sort key", k).toUpperCase(Locale.ROOT);
            if (key.equals("REVERSE")) {
                if (reverse) {
                    throw invalid("REVERSE twice in a row");
                }
                reverse = true;
            } else if (SORT_KEYS.contains(key)) {
                reverse = false;
            } else {
                throw invalid("unknown sort key \"" + k + "\" (RFC 5256: " + SORT_KEYS + ", each may follow REVERSE)");
            }
            sb.append(sb.length() > 1 ? " " : "").append(key);
        }
        if (reverse) {
            throw invalid("REVERSE must precede a sort key");
        }
        return sb.append(')').toString();
    }

    /** ESEARCH return options (RFC 4731): {@code RETURN (MIN MAX COUNT ALL)}; none means {@code RETURN ()} (ALL). */
    static String searchReturn(Collection<String> options) {
        return "RETURN " + atomList("search return option", options);
    }

    /** The CONDSTORE / QRESYNC FETCH modifier: {@code (CHANGEDSINCE n)} or {@code (CHANGEDSINCE n VANISHED)}. */
    static String changedSince(long modSeq, boolean vanished) {
        if (modSeq < 0) {
            throw invalid("CHANGEDSINCE needs a mod-sequence >= 0, not " + modSeq);
        }
        return "(CHANGEDSINCE " + modSeq + (vanished ? " VANISHED)" : ")");
    }

    /** The CONDSTORE STORE modifier: {@code (UNCHANGEDSINCE n)}. */
    static String unchangedSince(long modSeq) {
        if (modSeq < 0) {
            throw invalid("UNCHANGEDSINCE needs a mod-sequence >= 0, not " + modSeq);
        }
        return "(UNCHANGEDSINCE " + modSeq + ")";
    }

    /**
     * The QRESYNC SELECT/EXAMINE parameter (RFC 7162 §3.2.5):
     * {@code (QRESYNC (uidvalidity modseq [known-uids [(seq-set uid-set)]]))}.
     *
     * @param knownUids    the UIDs the client knows, or null
     * @param seqMatchSeqs with {@code seqMatchUids}: message sequence numbers and the UIDs they had, or both null
     */
    static String qresync(long uidValidity, long modSeq, String knownUids, String seqMatchSeqs, String seqMatchUids) {
        if (uidValidity <= 0 || uidValidity > 0xFFFFFFFFL) {
            throw invalid("UIDVALIDITY " + uidValidity + " is not a non-zero 32-bit number");
        }
        if (modSeq <= 0) {
            throw invalid("QRESYNC needs a mod-sequence > 0, not " + modSeq);
        }
        StringBuilder sb = new StringBuilder("(QRESYNC (").append(uidValidity).append(' ').append(modSeq);
        if ((seqMatchSeqs == null) != (seqMatchUids == null)) {
            throw invalid("the sequence match data needs both the sequence numbers and their UIDs");
        }
        if (knownUids != null) {
            sb.append(' ').append(sequenceSet("known UIDs", knownUids));
        } else if (seqMatchSeqs != null) {
            throw invalid("the sequence match data needs the known UIDs too");
        }
        if (seqMatchSeqs != null) {
            sb.append(" (").append(sequenceSet("sequence match numbers", seqMatchSeqs)).append(' ')
                    .append(sequenceSet("sequence match UIDs", seqMatchUids)).append(')');
        }
        return sb.append("))").toString();
    }

    /**
     * LIST-EXTENDED selection options (RFC 5258): {@code (SUBSCRIBED RECURSIVEMATCH)}. RECURSIVEMATCH may not be
     * the only one.
     */
    static String listSelection(Collection<String> options) {
        String list = atomList("LIST selection option", options);
        if (list.equals("(RECURSIVEMATCH)")) {
            throw invalid("RECURSIVEMATCH needs another selection option (RFC 5258 §3)");
        }
        for (String o : options == null ? java.util.List.<String>of() : options) {
            if (!LIST_SELECTION.contains(o.toUpperCase(Locale.ROOT))) {
                throw invalid("unknown LIST selection option \"" + o + "\" (" + LIST_SELECTION + ")");
            }
        }
        return list;
    }

    /**
     * LIST return options (RFC 5258, 5819, 6154): {@code RETURN (CHILDREN SUBSCRIBED STATUS (MESSAGES SIZE))};
     * empty when there are none.
     *
     * @param options      CHILDREN, SUBSCRIBED, SPECIAL-USE, … (STATUS is added from {@code statusItems})
     * @param statusItems  the STATUS items to return with each mailbox (LIST-STATUS), or none
     */
    static String listReturn(Collection<String> options, Collection<String> statusItems) {
        boolean none = (options == null || options.isEmpty()) && (statusItems == null || statusItems.isEmpty());
        if (none) {
            return "";
        }
        String list = atomList("LIST return option", options);
        if (options != null && options.stream().anyMatch("STATUS"::equalsIgnoreCase)) {
            throw invalid("give the STATUS return option's items as status items");
        }
        StringBuilder sb = new StringBuilder("RETURN ").append(list, 0, list.length() - 1);
        if (statusItems != null && !statusItems.isEmpty()) {
            sb.append(list.length() > 2 ? " " : "").append("STATUS ").append(statusItems(statusItems));
        }
        return sb.append(')').toString();
    }

    /** STATUS items: {@code (MESSAGES UIDNEXT SIZE HIGHESTMODSEQ)}; at least one. */
    static String statusItems(Collection<String> items) {
        if (items == null || items.isEmpty()) {
            throw invalid("STATUS needs at least one item");
        }
        return atomList("STATUS item", items);
    }

    /** A QUOTA resource name (STORAGE, MESSAGE, MAILBOX, ANNOTATION-STORAGE…), upper-cased. */
    static String quotaResource(String name) {
        return atom("quota resource", name).toUpperCase(Locale.ROOT);
    }

    private static boolean isAtomChar(char c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']';
    }

    private static IxpException invalid(String message) {
        return new IxpException(IxpCode.E_INVALIDARG, message + ": refused before sending");
    }
}
