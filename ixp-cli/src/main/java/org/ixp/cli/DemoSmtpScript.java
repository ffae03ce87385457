package org.ixp.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Script;

/**
 * The demo's SMTP server, played by an {@code ixp-testkit} scripted server: a small command loop that answers
 * EHLO, STARTTLS, AUTH PLAIN (user {@link #USER}, password {@link #PASSWORD}), NOOP, RSET and QUIT.
 *
 * @param offerStartTls  announce STARTTLS on a plain connection (and upgrade when asked)
 * @param authWithoutTls announce AUTH before TLS too (by default only once the connection is encrypted)
 * @param answerQuit     answer QUIT with 221; otherwise stay silent until the client closes
 */
record DemoSmtpScript(boolean offerStartTls, boolean authWithoutTls, boolean answerQuit) implements Script {
    static final String USER = "alice";
    /** The demo account's password: a fixed value, never printed. */
    static final String PASSWORD = "demo-Pa55word-not-shown";
    static final String DOMAIN = "demo.ixp.test";
    static final String GREETING = "220 " + DOMAIN + " ESMTP ixp demo server ready";
    /** Longest silence after an unanswered QUIT. */
    private static final Duration SILENCE = Duration.ofSeconds(10);

    /** STARTTLS offered, AUTH once encrypted, QUIT answered: a typical submission server. */
    static DemoSmtpScript submission() {
        return new DemoSmtpScript(true, false, true);
    }

    /** No STARTTLS; AUTH announced from the start (for implicit-TLS servers, and plaintext tests). */
    static DemoSmtpScript noStartTls() {
        return new DemoSmtpScript(false, true, true);
    }

    /** The same server, but it never answers QUIT. */
    DemoSmtpScript silentOnQuit() {
        return new DemoSmtpScript(offerStartTls, authWithoutTls, false);
    }

    @Override
    public void run(Conversation conv) {
        conv.send(GREETING);
        for (String line = conv.readLine(); line != null; line = conv.readLine()) {
            switch (verb(line)) {
                case "EHLO":
                    ehlo(conv);
                    break;
                case "HELO":
                    conv.send("250 " + DOMAIN);
                    break;
                case "STARTTLS":
                    if (!offerStartTls || conv.isTls()) {
                        conv.send("503 5.5.1 TLS not available now");
                        break;
                    }
                    conv.send("220 2.0.0 Ready to start TLS");
                    conv.startTls();
                    break;
                case "AUTH":
                    auth(conv, line);
                    break;
                case "NOOP":
                case "RSET":
                    conv.send("250 2.0.0 OK");
                    break;
                case "MAIL":
                    conv.send("250 2.1.0 Sender OK");
                    break;
                case "RCPT":
                    conv.send(line.toLowerCase(java.util.Locale.ROOT).contains("nobody@")
                            ? "550 5.1.1 <nobody@demo.ixp.test>: Recipient address rejected: no such user"
                            : "250 2.1.5 Recipient OK");
                    break;
                case "DATA":
                    conv.send("354 End data with <CR><LF>.<CR><LF>");
                    String body = conv.readUntilDotLine();
                    conv.send("250 2.0.0 Ok: " + body.length() + " bytes queued as DEMO1");
                    break;
                case "QUIT":
                    if (answerQuit) {
                        conv.send("221 2.0.0 Bye");
                    } else {
                        conv.silence(SILENCE);
                    }
                    return;
                default:
                    conv.send("502 5.5.2 Command not recognized");
            }
        }
    }

    /** The command word of a client line, upper-case. */
    static String verb(String line) {
        int sp = line.indexOf(' ');
        return (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
    }

    private void ehlo(Conversation conv) {
        List<String> lines = new ArrayList<>(List.of(DOMAIN + " greets you", "PIPELINING", "SIZE 10485760"));
        if (offerStartTls && !conv.isTls()) {
            lines.add("STARTTLS");
        }
        if (conv.isTls() || authWithoutTls) {
            lines.add("AUTH PLAIN");
        }
        lines.add("8BITMIME");
        for (int i = 0; i < lines.size(); i++) {
            conv.send((i < lines.size() - 1 ? "250-" : "250 ") + lines.get(i));
        }
    }

    private void auth(Conversation conv, String line) {
        String[] words = line.split(" ");
        if (!conv.isTls() && !authWithoutTls) {
            conv.send("538 5.7.11 Encryption required for requested authentication mechanism");
            return;
        }
        if (words.length < 2 || !words[1].equalsIgnoreCase("PLAIN")) {
            conv.send("504 5.5.4 Unrecognized authentication type");
            return;
        }
        String response = words.length > 2 ? words[2] : null;
        if (response == null) {
            conv.send("334 ");
            response = conv.readLine();
            if (response == null) {
                return;
            }
        }
        conv.send(acceptsPlain(response) ? "235 2.7.0 Authentication successful"
                : "535 5.7.8 Authentication credentials invalid");
    }

    /** RFC 4616: base64 of {@code [authzid] NUL authcid NUL passwd}. */
    private static boolean acceptsPlain(String base64) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).split("\0", -1);
            return parts.length == 3 && parts[1].equals(USER) && parts[2].equals(PASSWORD);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
