package org.ixp.nntp;

import org.ixp.testkit.Conversation;

/** Pieces of scripted NNTP dialogues. */
final class NntpScripts {
    static final String CAPS = "101 Capability list:\r\nVERSION 2\r\nREADER\r\nOVER\r\nHDR\r\nPOST\r\n"
            + "AUTHINFO USER\r\nLIST ACTIVE OVERVIEW.FMT\r\n.\r\n";

    private NntpScripts() {
    }

    /** 200 greeting, CAPABILITIES → a reader server with OVER, HDR, POST, AUTHINFO USER. */
    static void greet(Conversation c) {
        greet(c, CAPS);
    }

    static void greet(Conversation c, String capabilities) {
        c.send("200 scripted news server ready");
        c.expect("CAPABILITIES");
        c.sendRaw(capabilities);
    }

    /** Greets, then answers QUIT with 205. */
    static void politeSession(Conversation c) {
        greet(c);
        c.expect("QUIT");
        c.send("205 closing connection");
    }
}
