package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * ENABLE (RFC 5161): the capabilities the server enabled ({@code * ENABLED …}), possibly none. Once IMAP4rev2 or
 * UTF8=ACCEPT is enabled, mailbox names travel as UTF-8; the transport records every capability enabled.
 */
final class EnableCommand extends ImapCommand<List<String>> {
    private final List<String> enabled = new ArrayList<>();

    EnableCommand(ImapTransport t, List<String> capabilities) {
        super(t, "ENABLE");
        StringBuilder sb = new StringBuilder("ENABLE");
        for (String c : capabilities) {
            sb.append(' ').append(ImapArguments.atom("capability", c));
        }
        text(sb.toString());
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Enabled;
    }

    @Override
    void untagged(ImapEvent e) {
        enabled.addAll(((ImapEvent.Enabled) e).capabilities());
    }

    @Override
    List<String> result(ImapEvent.Tagged ok) {
        for (String c : enabled) {
            if (c.equalsIgnoreCase("IMAP4rev2") || c.equalsIgnoreCase("UTF8=ACCEPT")) {
                t.utf8(true);
            }
        }
        return List.copyOf(enabled);
    }
}
