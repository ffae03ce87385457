package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * [UID] THREAD (RFC 5256): {@code THREAD algorithm charset search-keys}; the threads as trees
 * ({@link ImapEvent.ThreadNode}: a chain of messages, each the parent of the next, then the branches under the last).
 */
final class ThreadCommand extends ImapCommand<List<ImapEvent.ThreadNode>> {
    private final List<ImapEvent.ThreadNode> threads = new ArrayList<>();

    ThreadCommand(ImapTransport t, boolean uid, String algorithm, String charset, String search) {
        super(t, "THREAD");
        text((uid ? "UID " : "") + "THREAD " + algorithm + " " + charset + " " + search);
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Threads;
    }

    @Override
    void untagged(ImapEvent e) {
        threads.addAll(((ImapEvent.Threads) e).threads());
    }

    @Override
    List<ImapEvent.ThreadNode> result(ImapEvent.Tagged ok) {
        return List.copyOf(threads);
    }
}
