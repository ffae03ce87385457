package org.ixp.imap;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A value ixp has no typed form for, kept as the server sent it: extension data of BODYSTRUCTURE and LIST,
 * FETCH items of unknown extensions ({@code X-GM-LABELS}), ESEARCH return data of unknown extensions.
 */
public sealed interface ImapValue permits ImapValue.Atom, ImapValue.Text, ImapValue.Nil, ImapValue.ListValue {

    /** {@code NIL}. */
    Nil NIL = new Nil();

    /** The value as IMAP text (strings quoted), for logs and for values nobody interprets. */
    String toImap();

    /** An atom or number: {@code 12}, {@code \Seen}, {@code FOO}. */
    record Atom(String value) implements ImapValue {
        @Override
        public String toImap() {
            return value;
        }

        /** The atom as a number, or {@code -1} if it is not one. */
        public long asNumber() {
            return ImapReader.parseNumberOrMinus1(value);
        }
    }

    /** A quoted string or literal. */
    record Text(String value) implements ImapValue {
        @Override
        public String toImap() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** {@code NIL}. */
    record Nil() implements ImapValue {
        @Override
        public String toImap() {
            return "NIL";
        }
    }

    /** A parenthesised list. */
    record ListValue(List<ImapValue> items) implements ImapValue {
        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public String toImap() {
            return items.stream().map(ImapValue::toImap).collect(Collectors.joining(" ", "(", ")"));
        }
    }
}
