package org.ixp.imap;

/** NAMESPACE (RFC 2342, IMAP4rev2): the personal, other users' and shared namespaces. */
final class NamespaceCommand extends ImapCommand<ImapEvent.Namespace> {
    private ImapEvent.Namespace found;

    NamespaceCommand(ImapTransport t) {
        super(t, "NAMESPACE");
        text("NAMESPACE");
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Namespace;
    }

    @Override
    void untagged(ImapEvent e) {
        found = (ImapEvent.Namespace) e;
    }

    @Override
    ImapEvent.Namespace result(ImapEvent.Tagged ok) {
        return found;
    }
}
