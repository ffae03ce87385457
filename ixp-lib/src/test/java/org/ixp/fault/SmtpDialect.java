package org.ixp.fault;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import org.ixp.InternetTransport;
import org.ixp.smtp.SmtpMessage;
import org.ixp.smtp.SmtpTransport;
import org.ixp.testkit.Conversation;

/** SMTP (RFC 5321) for the fault matrix. */
final class SmtpDialect implements Dialect {

    @Override
    public String name() {
        return "SMTP";
    }

    @Override
    public InternetTransport<? super FaultRecorder> create() {
        return new SmtpTransport();
    }

    @Override
    public String greeting() {
        return "220 fault.example ESMTP ready";
    }

    @Override
    public boolean answer(Conversation c, String line, boolean offerTls) {
        String verb = verb(line);
        switch (verb) {
            case "EHLO" -> {
                c.send("250-fault.example hello");
                c.send("250-PIPELINING");
                if (offerTls && !c.isTls()) {
                    c.send("250-STARTTLS");
                }
                c.send("250-AUTH PLAIN");
                c.send("250 8BITMIME");
            }
            case "STARTTLS" -> {
                c.send("220 2.0.0 go ahead");
                c.startTls();
            }
            case "AUTH" -> c.send("235 2.7.0 accepted");
            case "DATA" -> {
                c.send("354 go ahead");
                c.readUntilDotLine();
                c.send("250 2.0.0 queued");
            }
            case "QUIT" -> {
                c.send("221 2.0.0 bye");
                return false;
            }
            default -> c.send("250 2.0.0 ok");
        }
        return true;
    }

    @Override
    public boolean isCredential(String line) {
        return verb(line).equals("AUTH");
    }

    @Override
    public boolean isGoodbye(String line) {
        return verb(line).equals("QUIT");
    }

    @Override
    public String startTlsCommand() {
        return "STARTTLS";
    }

    @Override
    public String startTlsGoAhead(String line) {
        return "220 2.0.0 go ahead";
    }

    @Override
    public CompletableFuture<?> multiLine(InternetTransport<?> t) {
        return ((SmtpTransport) t).commandRSET();
    }

    @Override
    public boolean isMultiLine(String line) {
        return verb(line).equals("RSET");
    }

    /** Any SMTP reply may span lines (RFC 5321 §4.2.1): a RSET answered "250-…" and then nothing more. */
    @Override
    public String multiLineFirstPart(String line) {
        return "250-2.0.0 resetting\r\n250-still resetting\r\n";
    }

    @Override
    public CompletableFuture<?> simple(InternetTransport<?> t) {
        return ((SmtpTransport) t).commandNOOP();
    }

    @Override
    public boolean isSimple(String line) {
        return verb(line).equals("NOOP");
    }

    @Override
    public String simpleReply(String line, String status) {
        return status + " 2.0.0 ok";
    }

    @Override
    public String refusal(String line) {
        return "500 5.5.1 unrecognised";
    }

    @Override
    public String garbage(String line) {
        return "#@! this is not a reply";
    }

    @Override
    public String unsolicitedEnd() {
        return "421 4.3.2 shutting down";
    }

    @Override
    public CompletableFuture<?> upload(InternetTransport<?> t, InputStream body, long size) {
        return ((SmtpTransport) t).sendMessage(SmtpMessage.builder().from("a@fault.example").to("b@fault.example")
                .stream(body).size(size).build());
    }

    @Override
    public boolean isUpload(String line) {
        return verb(line).equals("DATA");
    }

    @Override
    public long uploadGoAhead(Conversation c, String line) {
        c.send("354 go ahead");
        return -1;
    }

    @Override
    public CompletableFuture<?> sizeCommand(InternetTransport<?> t) {
        return ((SmtpTransport) t).commandEHLO();
    }

    @Override
    public boolean isSizeCommand(String line) {
        return verb(line).equals("EHLO");
    }

    @Override
    public String hugeSizeReply(String line) {
        return "250-fault.example hello\r\n250-SIZE 99999999999999999999999999\r\n250 8BITMIME";
    }

    static String verb(String line) {
        int sp = line.indexOf(' ');
        return (sp < 0 ? line : line.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
    }
}
