package org.ixp.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.ixp.InternetTransport;
import org.ixp.nntp.NntpMessage;
import org.ixp.nntp.NntpTransport;
import org.ixp.testkit.Conversation;

/** NNTP (RFC 3977, 4642, 4643) for the fault matrix: a reader server with POST and AUTHINFO USER. */
final class NntpDialect implements Dialect {

    @Override
    public String name() {
        return "NNTP";
    }

    @Override
    public InternetTransport<? super FaultRecorder> create() {
        return new NntpTransport();
    }

    @Override
    public String greeting() {
        return "200 fault news server ready, posting allowed";
    }

    @Override
    public boolean answer(Conversation c, String line, boolean offerTls) {
        String upper = line.toUpperCase(java.util.Locale.ROOT);
        String verb = SmtpDialect.verb(line);
        if (verb.equals("CAPABILITIES")) {
            c.sendRaw("101 Capability list:\r\nVERSION 2\r\nREADER\r\nPOST\r\nOVER\r\nHDR\r\nLIST ACTIVE OVERVIEW.FMT\r\n"
                    + (offerTls && !c.isTls() ? "STARTTLS\r\n" : "") + "AUTHINFO USER\r\n.\r\n");
        } else if (verb.equals("STARTTLS")) {
            c.send("382 continue with TLS negotiation");
            c.startTls();
        } else if (upper.startsWith("AUTHINFO USER")) {
            c.send("381 password please");
        } else if (upper.startsWith("AUTHINFO PASS")) {
            c.send("281 authentication accepted");
        } else if (upper.startsWith("LIST OVERVIEW.FMT")) {
            c.sendRaw("215 order of fields\r\nSubject:\r\nFrom:\r\nDate:\r\nMessage-ID:\r\nReferences:\r\n:bytes\r\n"
                    + ":lines\r\n.\r\n");
        } else if (verb.equals("LIST")) {
            c.sendRaw("215 list follows\r\nmisc.test 5 1 y\r\nmisc.other 9 3 y\r\n.\r\n");
        } else if (verb.equals("GROUP")) {
            c.send("211 5 1 5 " + line.substring(6).trim());
        } else if (verb.equals("DATE")) {
            c.send("111 20260101120000");
        } else if (verb.equals("MODE")) {
            c.send("200 reader mode, posting allowed");
        } else if (verb.equals("POST")) {
            c.send("340 send article");
            c.readUntilDotLine();
            c.send("240 article received");
        } else if (verb.equals("QUIT")) {
            c.send("205 bye");
            return false;
        } else {
            c.send("500 unknown command");
        }
        return true;
    }

    @Override
    public boolean isCredential(String line) {
        return SmtpDialect.verb(line).equals("AUTHINFO");
    }

    @Override
    public boolean isGoodbye(String line) {
        return SmtpDialect.verb(line).equals("QUIT");
    }

    @Override
    public String startTlsCommand() {
        return "STARTTLS";
    }

    @Override
    public String startTlsGoAhead(String line) {
        return "382 continue with TLS negotiation";
    }

    @Override
    public CompletableFuture<?> multiLine(InternetTransport<?> t) {
        return ((NntpTransport) t).commandLIST("ACTIVE");
    }

    @Override
    public boolean isMultiLine(String line) {
        return line.toUpperCase(java.util.Locale.ROOT).startsWith("LIST ACTIVE");
    }

    @Override
    public String multiLineFirstPart(String line) {
        return "215 list follows\r\nmisc.test 5 1 y\r\n";
    }

    @Override
    public CompletableFuture<?> simple(InternetTransport<?> t) {
        return ((NntpTransport) t).commandDATE();
    }

    @Override
    public boolean isSimple(String line) {
        return SmtpDialect.verb(line).equals("DATE");
    }

    @Override
    public String simpleReply(String line, String status) {
        return status + " 20260101120000";
    }

    @Override
    public String refusal(String line) {
        return "503 not now";
    }

    @Override
    public String garbage(String line) {
        return "#@! this is not a reply";
    }

    @Override
    public String unsolicitedEnd() {
        return "400 service discontinued";
    }

    /** POST reads the article into memory when the command is accepted (the contract copies its argument). */
    @Override
    public CompletableFuture<?> upload(InternetTransport<?> t, InputStream body, long size) {
        try {
            return ((NntpTransport) t).commandPOST(NntpMessage.of(body.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isUpload(String line) {
        return SmtpDialect.verb(line).equals("POST");
    }

    @Override
    public long uploadGoAhead(Conversation c, String line) {
        c.send("340 send article");
        return -1;
    }

    @Override
    public CompletableFuture<?> sizeCommand(InternetTransport<?> t) {
        return ((NntpTransport) t).commandGROUP("misc.test");
    }

    @Override
    public boolean isSizeCommand(String line) {
        return SmtpDialect.verb(line).equals("GROUP");
    }

    @Override
    public String hugeSizeReply(String line) {
        return "211 99999999999999999999999999 1 99999999999999999999999999 misc.test";
    }
}
