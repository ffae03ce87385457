package org.ixp.fault;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import org.ixp.InternetTransport;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;
import org.ixp.testkit.Conversation;

/** IMAP (RFC 9051 / 3501) for the fault matrix: LOGIN, an INBOX of two messages, APPEND with a synchronising literal. */
final class ImapDialect implements Dialect {

    @Override
    public String name() {
        return "IMAP";
    }

    @Override
    public InternetTransport<? super FaultRecorder> create() {
        return new ImapTransport();
    }

    @Override
    public String greeting() {
        return "* OK fault IMAP ready";
    }

    @Override
    public boolean answer(Conversation c, String line, boolean offerTls) {
        String tag = tag(line);
        switch (command(line)) {
            case "CAPABILITY" -> {
                c.send("* CAPABILITY IMAP4rev1 UIDPLUS" + (offerTls && !c.isTls() ? " STARTTLS" : ""));
                c.send(tag + " OK done");
            }
            case "STARTTLS" -> {
                c.send(tag + " OK begin TLS");
                c.startTls();
            }
            case "SELECT", "EXAMINE" -> {
                c.send("* 2 EXISTS");
                c.send("* OK [UIDVALIDITY 7] ok");
                c.send("* OK [UIDNEXT 3] ok");
                c.send(tag + " OK [READ-WRITE] selected");
            }
            case "LIST" -> {
                c.send("* LIST () \"/\" INBOX");
                c.send(tag + " OK listed");
            }
            case "APPEND" -> {
                long size = literal(line);
                c.send("+ go ahead");
                c.readBytes((int) size);
                c.readLine();
                c.send(tag + " OK [APPENDUID 7 3] appended");
            }
            case "LOGOUT" -> {
                c.send("* BYE logging out");
                c.send(tag + " OK logged out");
                return false;
            }
            default -> c.send(tag + " OK done");
        }
        return true;
    }

    @Override
    public boolean isCredential(String line) {
        String cmd = command(line);
        return cmd.equals("LOGIN") || cmd.equals("AUTHENTICATE");
    }

    @Override
    public boolean isGoodbye(String line) {
        return command(line).equals("LOGOUT");
    }

    @Override
    public String startTlsCommand() {
        return "STARTTLS";
    }

    @Override
    public String startTlsGoAhead(String line) {
        return tag(line) + " OK begin TLS";
    }

    @Override
    public CompletableFuture<?> multiLine(InternetTransport<?> t) {
        return ((ImapTransport) t).list("", "*");
    }

    @Override
    public boolean isMultiLine(String line) {
        return command(line).equals("LIST");
    }

    @Override
    public String multiLineFirstPart(String line) {
        return "* LIST () \"/\" INBOX\r\n* LIST () \"/\" Sent\r\n";
    }

    @Override
    public CompletableFuture<?> simple(InternetTransport<?> t) {
        return ((ImapTransport) t).noop();
    }

    @Override
    public boolean isSimple(String line) {
        return command(line).equals("NOOP");
    }

    @Override
    public String simpleReply(String line, String status) {
        return tag(line) + " " + status + " done";
    }

    @Override
    public String refusal(String line) {
        return tag(line) + " NO not now";
    }

    @Override
    public String garbage(String line) {
        return "#@! this is not a reply";
    }

    @Override
    public String unsolicitedEnd() {
        return "* BYE shutting down";
    }

    @Override
    public CompletableFuture<?> upload(InternetTransport<?> t, InputStream body, long size) {
        return ((ImapTransport) t).append(0, 0, null, "INBOX", null, null, body, size);
    }

    @Override
    public boolean isUpload(String line) {
        return command(line).equals("APPEND");
    }

    @Override
    public long uploadGoAhead(Conversation c, String line) {
        c.send("+ go ahead");
        return literal(line);
    }

    @Override
    public CompletableFuture<?> sizeCommand(InternetTransport<?> t) {
        return multiLine(t);
    }

    @Override
    public boolean isSizeCommand(String line) {
        return isMultiLine(line);
    }

    /** A literal of 2^31 octets where only a line belongs (a mailbox name): refused when announced. */
    @Override
    public String hugeSizeReply(String line) {
        return "* LIST () \"/\" {2147483648}";
    }

    /** SELECT INBOX, then FETCH 1 BODY[]: the body literal is streamed, never held. */
    static CompletableFuture<?> fetchBody(InternetTransport<?> t) {
        ImapTransport imap = (ImapTransport) t;
        RangeList one = new RangeList();
        one.addSingleValue(1);
        return imap.select("INBOX").thenCompose(m -> imap.fetch(one, "BODY[]"));
    }

    static String tag(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }

    static String command(String line) {
        String[] words = line.split(" ", 3);
        return words.length < 2 ? "" : words[1].toUpperCase(java.util.Locale.ROOT);
    }

    private static long literal(String line) {
        int open = line.lastIndexOf('{');
        String n = line.substring(open + 1, line.length() - 1).replace("+", "");
        return Long.parseLong(n);
    }
}
