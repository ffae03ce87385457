package org.ixp.fault;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import org.ixp.InternetTransport;
import org.ixp.pop3.Pop3CmdType;
import org.ixp.pop3.Pop3Transport;
import org.ixp.testkit.Conversation;

/** POP3 (RFC 1939, 2449, 2595) for the fault matrix: a maildrop of two 100-byte messages. */
final class Pop3Dialect implements Dialect {

    @Override
    public String name() {
        return "POP3";
    }

    @Override
    public InternetTransport<? super FaultRecorder> create() {
        return new Pop3Transport();
    }

    @Override
    public String greeting() {
        return "+OK fault POP3 ready";
    }

    @Override
    public boolean answer(Conversation c, String line, boolean offerTls) {
        switch (SmtpDialect.verb(line)) {
            case "CAPA" -> c.sendRaw("+OK capabilities\r\nUSER\r\nUIDL\r\nTOP\r\n"
                    + (offerTls && !c.isTls() ? "STLS\r\n" : "") + ".\r\n");
            case "STLS" -> {
                c.send("+OK begin TLS");
                c.startTls();
            }
            case "STAT" -> c.send("+OK 2 200");
            case "LIST" -> c.sendRaw(line.trim().equalsIgnoreCase("LIST") ? "+OK 2 messages\r\n1 100\r\n2 100\r\n.\r\n"
                    : "+OK " + line.substring(5).trim() + " 100\r\n");
            case "QUIT" -> {
                c.send("+OK bye");
                return false;
            }
            default -> c.send("+OK");
        }
        return true;
    }

    @Override
    public boolean isCredential(String line) {
        String v = SmtpDialect.verb(line);
        return v.equals("USER") || v.equals("PASS") || v.equals("APOP") || v.equals("AUTH");
    }

    @Override
    public boolean isGoodbye(String line) {
        return SmtpDialect.verb(line).equals("QUIT");
    }

    @Override
    public String startTlsCommand() {
        return "STLS";
    }

    @Override
    public String startTlsGoAhead(String line) {
        return "+OK begin TLS";
    }

    @Override
    public CompletableFuture<?> multiLine(InternetTransport<?> t) {
        return stat(t).thenCompose(v -> ((Pop3Transport) t).commandLIST(Pop3CmdType.GET_ALL, 0));
    }

    @Override
    public boolean isMultiLine(String line) {
        return line.trim().equalsIgnoreCase("LIST");
    }

    @Override
    public String multiLineFirstPart(String line) {
        return "+OK 2 messages\r\n1 100\r\n";
    }

    @Override
    public CompletableFuture<?> simple(InternetTransport<?> t) {
        return ((Pop3Transport) t).commandNOOP();
    }

    @Override
    public boolean isSimple(String line) {
        return SmtpDialect.verb(line).equals("NOOP");
    }

    @Override
    public String simpleReply(String line, String status) {
        return status;
    }

    @Override
    public String refusal(String line) {
        return "-ERR not now";
    }

    @Override
    public String garbage(String line) {
        return "#@! this is not a reply";
    }

    @Override
    public String unsolicitedEnd() {
        return "-ERR shutting down";
    }

    @Override
    public CompletableFuture<?> upload(InternetTransport<?> t, InputStream body, long size) {
        return stat(t).thenCompose(v -> ((Pop3Transport) t).commandDELE(Pop3CmdType.GET_POPID, 1));
    }

    @Override
    public boolean isUpload(String line) {
        return SmtpDialect.verb(line).equals("DELE");
    }

    @Override
    public long uploadGoAhead(Conversation c, String line) {
        return 0;
    }

    @Override
    public boolean uploads() {
        return false;
    }

    @Override
    public CompletableFuture<?> sizeCommand(InternetTransport<?> t) {
        return stat(t).thenCompose(v -> ((Pop3Transport) t).commandLIST(Pop3CmdType.GET_POPID, 1));
    }

    @Override
    public boolean isSizeCommand(String line) {
        return SmtpDialect.verb(line).equals("LIST");
    }

    @Override
    public String hugeSizeReply(String line) {
        return "+OK 1 99999999999999999999999999";
    }

    @Override
    public CompletableFuture<?> beforeGoodbye(InternetTransport<?> t) {
        return stat(t).thenCompose(v -> ((Pop3Transport) t).commandDELE(Pop3CmdType.GET_POPID, 1));
    }

    /** Per-message commands need STAT first (the maildrop's size is known from then on). */
    private static CompletableFuture<?> stat(InternetTransport<?> t) {
        return ((Pop3Transport) t).commandSTAT();
    }

    @Override
    public boolean reportsCommitted(InternetTransport<?> t) {
        return ((Pop3Transport) t).deletionsCommitted();
    }
}
