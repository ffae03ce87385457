package org.ixp.imap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The contract's flag sets: IMAP_MSGFLAGS (message flags) and IMAP_MBOXFLAGS (mailbox attributes), to and from
 * the IMAP names. Flags outside a set (keywords, {@code \Recent}, {@code \HasChildren}, special-use attributes)
 * have no bit and are ignored by the mapping; the events keep every name as sent.
 */
public final class ImapFlags {
    public static final int IMAP_MSG_NOFLAGS = 0;
    public static final int IMAP_MSG_ANSWERED = 0x01;
    public static final int IMAP_MSG_FLAGGED = 0x02;
    public static final int IMAP_MSG_DELETED = 0x04;
    public static final int IMAP_MSG_SEEN = 0x08;
    public static final int IMAP_MSG_DRAFT = 0x10;
    public static final int IMAP_MSG_ALLFLAGS = 0x1F;

    public static final int IMAP_MBOX_NOFLAGS = 0;
    public static final int IMAP_MBOX_MARKED = 0x1;
    public static final int IMAP_MBOX_NOINFERIORS = 0x2;
    public static final int IMAP_MBOX_NOSELECT = 0x4;
    public static final int IMAP_MBOX_UNMARKED = 0x8;
    public static final int IMAP_MBOX_ALLFLAGS = 0xF;

    private static final String[] MSG_NAMES = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"};

    private ImapFlags() {
    }

    /** IMAP_MSGFLAGS of a flag list ({@code \Seen \Answered $Forwarded} → SEEN | ANSWERED); any case. */
    public static int messageFlags(Collection<String> flags) {
        int bits = 0;
        for (String f : flags) {
            for (int i = 0; i < MSG_NAMES.length; i++) {
                if (MSG_NAMES[i].equalsIgnoreCase(f)) {
                    bits |= 1 << i;
                }
            }
        }
        return bits;
    }

    /** The IMAP names of IMAP_MSGFLAGS bits, in bit order: {@code SEEN | DELETED} → {@code [\Deleted, \Seen]}. */
    public static List<String> messageFlagNames(int bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < MSG_NAMES.length; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(MSG_NAMES[i]);
            }
        }
        return out;
    }

    /** A flag list for STORE and APPEND: {@code (\Deleted \Seen)}; {@code ()} for none. */
    public static String messageFlagList(int bits) {
        return "(" + String.join(" ", messageFlagNames(bits)) + ")";
    }

    /**
     * IMAP_MBOXFLAGS of LIST attributes. {@code \NonExistent} (RFC 5258, IMAP4rev2) implies {@code \Noselect};
     * {@code \HasNoChildren} does not imply {@code \Noinferiors}.
     */
    public static int mailboxFlags(Collection<String> attributes) {
        int bits = 0;
        for (String a : attributes) {
            switch (a.toLowerCase(Locale.ROOT)) {
                case "\\marked":
                    bits |= IMAP_MBOX_MARKED;
                    break;
                case "\\noinferiors":
                    bits |= IMAP_MBOX_NOINFERIORS;
                    break;
                case "\\noselect":
                case "\\nonexistent":
                    bits |= IMAP_MBOX_NOSELECT;
                    break;
                case "\\unmarked":
                    bits |= IMAP_MBOX_UNMARKED;
                    break;
                default:
                    break;
            }
        }
        return bits;
    }

    /**
     * The special-use attribute (RFC 6154) among LIST attributes, e.g. {@code \Sent}, or {@code null}: how a
     * client finds Sent, Drafts, Trash, Junk, Archive, All and Flagged whatever their names.
     */
    public static String specialUse(Collection<String> attributes) {
        for (String a : attributes) {
            switch (a.toLowerCase(Locale.ROOT)) {
                case "\\all":
                case "\\archive":
                case "\\drafts":
                case "\\flagged":
                case "\\junk":
                case "\\sent":
                case "\\trash":
                case "\\important":
                    return a;
                default:
                    break;
            }
        }
        return null;
    }
}
