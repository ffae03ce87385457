package org.ixp.imap;

import org.ixp.testkit.Conversation;
import org.ixp.testkit.Script;

/** A scripted session logged in with the capabilities an extension test needs. */
final class ExtensionSession {
    private ExtensionSession() {
    }

    /**
     * Greeting, CAPABILITY (a1), LOGIN (a2) answered with {@code IMAP4rev1 caps}; if {@code caps} offers ENABLE and
     * CONDSTORE, connect's {@code a3 ENABLE CONDSTORE} is answered too. Commands of the test start at a3 (a4 after an
     * ENABLE).
     */
    static ImapFixture connected(String caps, Script afterLogin) throws Exception {
        ImapFixture f = new ImapFixture(c -> {
            login(c, caps);
            afterLogin.run(c);
        });
        f.connect(f.alice().build(), true);
        return f;
    }

    static void login(Conversation c, String caps) {
        c.send("* OK scripted IMAP ready");
        c.expect("a1 CAPABILITY");
        c.send("* CAPABILITY IMAP4rev1 " + caps);
        c.send("a1 OK done");
        c.expect("a2 LOGIN alice \"s3cret pass\"");
        c.send("a2 OK [CAPABILITY IMAP4rev1 " + caps + "] logged in");
        String padded = " " + caps + " ";
        if (padded.contains(" ENABLE ") && padded.contains(" CONDSTORE ")) {
            c.expect("a3 ENABLE CONDSTORE");
            c.send("* ENABLED CONDSTORE");
            c.send("a3 OK enabled");
        }
    }

    /** Reads the lines the client sends until {@code prefix} and fails if any other command came first. */
    static void expectNext(Conversation c, String prefix) {
        String line = c.readLine();
        if (line == null || !line.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new AssertionError("expected \"" + prefix + "\" next, got \"" + line + "\"");
        }
    }
}
