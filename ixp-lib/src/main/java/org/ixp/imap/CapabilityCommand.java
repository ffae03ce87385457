package org.ixp.imap;

import java.util.List;

/** CAPABILITY: the untagged list (recorded by the transport as it arrives). */
final class CapabilityCommand extends ImapCommand<List<String>> {
    private List<String> found = List.of();

    CapabilityCommand(ImapTransport t) {
        super(t, "CAPABILITY");
        text("CAPABILITY");
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Capability;
    }

    @Override
    void untagged(ImapEvent e) {
        found = ((ImapEvent.Capability) e).capabilities();
    }

    @Override
    List<String> result(ImapEvent.Tagged ok) {
        if (found.isEmpty() && ok.code() instanceof ResponseCode.Capability c) {
            found = c.capabilities();
        }
        t.recordCapabilities(found);
        return found;
    }
}
