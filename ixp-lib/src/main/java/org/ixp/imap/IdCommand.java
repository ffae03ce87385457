package org.ixp.imap;

import java.util.Map;

/** ID (RFC 2971): sends the client's fields (NIL when none) and returns the server's (empty for NIL). */
final class IdCommand extends ImapCommand<Map<String, String>> {
    private Map<String, String> found = Map.of();

    IdCommand(ImapTransport t, Map<String, String> fields) {
        super(t, "ID");
        StringBuilder sb = new StringBuilder("ID ");
        if (fields == null || fields.isEmpty()) {
            sb.append("NIL");
        } else {
            sb.append('(');
            boolean first = true;
            for (Map.Entry<String, String> e : fields.entrySet()) {
                sb.append(first ? "" : " ").append(ImapQuoting.quote(e.getKey())).append(' ')
                        .append(e.getValue() == null ? "NIL" : ImapQuoting.quote(e.getValue()));
                first = false;
            }
            sb.append(')');
        }
        text(sb.toString());
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Id;
    }

    @Override
    void untagged(ImapEvent e) {
        found = ((ImapEvent.Id) e).fields();
    }

    @Override
    Map<String, String> result(ImapEvent.Tagged ok) {
        return found;
    }
}
