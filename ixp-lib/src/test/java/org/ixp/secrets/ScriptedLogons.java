package org.ixp.secrets;

import java.time.Duration;
import org.ixp.testkit.Conversation;

/**
 * Scripted servers for the logons the lab's Dovecot and Postfix do not have: IMAP LOGIN (Dovecot offers AUTH=, so
 * ixp prefers AUTHENTICATE there), the password as a literal, AUTHENTICATE without SASL-IR (the initial response by
 * continuation), XOAUTH2 and OAUTHBEARER (no OAuth in the lab). They accept whatever credentials arrive: the point is
 * what ixp logs while sending them.
 */
final class ScriptedLogons {
    private ScriptedLogons() {
    }

    /** IMAP with the given capabilities; answers CAPABILITY, LOGIN (literals too), AUTHENTICATE, LOGOUT. */
    static void imap(Conversation c, String caps) {
        c.send("* OK [CAPABILITY " + caps + "] scripted ready");
        while (true) {
            String line = c.readLine();
            if (line == null) {
                return;
            }
            String[] w = line.split(" ");
            String tag = w[0];
            String cmd = w.length > 1 ? w[1].toUpperCase(java.util.Locale.ROOT) : "";
            switch (cmd) {
                case "CAPABILITY" -> {
                    c.send("* CAPABILITY " + caps);
                    c.send(tag + " OK done");
                }
                case "LOGIN" -> {
                    String rest = line;
                    while (rest.endsWith("}")) { // a literal: go ahead, take it, read on
                        int n = Integer.parseInt(rest.substring(rest.lastIndexOf('{') + 1, rest.length() - 1));
                        c.send("+ go ahead");
                        c.readBytes(n);
                        rest = c.readLine();
                    }
                    c.send(tag + " OK logged in");
                }
                case "AUTHENTICATE" -> {
                    if (w.length == 3) { // mechanism only: the initial response comes by continuation
                        c.send("+ ");
                        c.readLine();
                    }
                    c.send(tag + " OK authenticated");
                }
                case "LOGOUT" -> {
                    c.send("* BYE bye");
                    c.send(tag + " OK logged out");
                    c.awaitClientClose(Duration.ofSeconds(2));
                    return;
                }
                default -> c.send(tag + " OK done");
            }
        }
    }

    /** SMTP offering AUTH with the given mechanisms; accepts any AUTH (with or without continuation). */
    static void smtp(Conversation c, String mechanisms) {
        c.send("220 scripted ESMTP");
        while (true) {
            String line = c.readLine();
            if (line == null) {
                return;
            }
            String verb = line.split(" ")[0].toUpperCase(java.util.Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    c.send("250-scripted");
                    c.send("250 AUTH " + mechanisms);
                }
                case "AUTH" -> {
                    if (line.split(" ").length == 2) {
                        c.send("334 ");
                        c.readLine();
                    }
                    c.send("235 2.7.0 accepted");
                }
                case "QUIT" -> {
                    c.send("221 bye");
                    c.awaitClientClose(Duration.ofSeconds(2));
                    return;
                }
                default -> c.send("250 ok");
            }
        }
    }
}
