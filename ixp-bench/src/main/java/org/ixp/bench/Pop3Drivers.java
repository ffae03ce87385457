package org.ixp.bench;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.pop3.Pop3Callback;
import org.ixp.pop3.Pop3CmdType;
import org.ixp.pop3.Pop3Response;
import org.ixp.pop3.Pop3Transport;

/**
 * POP3: every message of the maildrop retrieved in full (RETR), bytes counted, nothing deleted. Every client logs
 * on with USER/PASS (cleartext, allowed by the lab) so that no client pays for a SASL exchange the others skip.
 */
final class Pop3Drivers {
    private Pop3Drivers() {
    }

    static ReadWorkload.Driver create(String client, String host, int port, String user, String pass, boolean tuned) {
        return switch (client) {
            case "ixp" -> () -> ixp(host, port, user, pass);
            case "angus" -> () -> angus(host, port, user, pass, tuned);
            case "commons" -> () -> commons(host, port, user, pass, tuned);
            case "raw" -> () -> raw(host, port, user, pass, tuned);
            default -> throw new IllegalArgumentException("unknown POP3 client " + client);
        };
    }

    /**
     * ixp: connect without logon, USER/PASS, STAT, then {@code commandRETR(GET_ALL)}: pipelined RETRs (the server
     * offers PIPELINING), every message's bytes handed to {@code onResponse} as {@code RetrInfo} chunks.
     */
    static long[] ixp(String host, int port, String user, String pass) throws Exception {
        AtomicLong bytes = new AtomicLong();
        AtomicLong messages = new AtomicLong();
        Pop3Transport t = new Pop3Transport();
        t.initNew(null, new Pop3Callback() {
            @Override
            public void onResponse(Pop3Response r, Pop3Transport transport) {
                Pop3Response.RetrInfo i = r.retrInfo();
                if (i != null) {
                    bytes.addAndGet(i.length());
                    if (i.body()) {
                        messages.incrementAndGet();
                    }
                }
            }
        });
        InetServer server = InetServer.builder().serverName(host).port(port).security(Security.NONE)
                .allowPlaintextAuth(true).userName(user).password(pass).build();
        t.connect(server, false, false).get(30, TimeUnit.SECONDS);
        t.commandUSER(user).get(30, TimeUnit.SECONDS);
        t.commandPASS(pass).get(30, TimeUnit.SECONDS);
        t.commandSTAT().get(30, TimeUnit.SECONDS);
        var transfer = t.commandRETR(Pop3CmdType.GET_ALL, 0).get(600, TimeUnit.SECONDS);
        t.disconnect().get(30, TimeUnit.SECONDS);
        t.close();
        if (transfer.messages() != messages.get() || transfer.bytes() != bytes.get()) {
            throw new IllegalStateException("ixp: callback saw " + messages + "/" + bytes + ", transfer says "
                    + transfer);
        }
        return new long[] {transfer.messages(), transfer.bytes()};
    }

    /**
     * Angus Mail: one {@code Store} ("pop3"), INBOX opened read-only, {@code getMessages()}, then per message
     * {@code writeTo} into a counting stream (Angus fetches the whole message with RETR for it). Tuned: TCP_NODELAY
     * through {@code mail.pop3.socketFactory}; {@code mail.pop3.disabletop} so that no TOP precedes the RETR.
     */
    static long[] angus(String host, int port, String user, String pass, boolean tuned) throws Exception {
        Properties p = new Properties();
        p.put("mail.pop3.host", host);
        p.put("mail.pop3.port", Integer.toString(port));
        if (tuned) {
            p.put("mail.pop3.socketFactory", new AngusSmtp.NoDelaySocketFactory());
            p.put("mail.pop3.disabletop", "true");
        }
        Session session = Session.getInstance(p);
        Store store = session.getStore("pop3");
        store.connect(host, port, user, pass);
        Counting out = new Counting();
        long n;
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] all = inbox.getMessages();
            for (Message m : all) {
                m.writeTo(out);
            }
            n = all.length;
            inbox.close(false);
        } finally {
            store.close();
        }
        return new long[] {n, out.count};
    }

    /** Commons Net {@code POP3Client}: login, {@code status()}, then {@code retrieveMessage(i)} read to the end. */
    static long[] commons(String host, int port, String user, String pass, boolean tuned) throws Exception {
        POP3Client c = new POP3Client();
        c.connect(host, port);
        long bytes = 0;
        int n;
        try {
            if (tuned) {
                c.setTcpNoDelay(true);
            }
            if (!c.login(user, pass)) {
                throw new IOException("login refused: " + c.getReplyString());
            }
            POP3MessageInfo status = c.status();
            n = status.number;
            char[] buf = new char[64 * 1024];
            for (int i = 1; i <= n; i++) {
                try (Reader r = c.retrieveMessage(i)) {
                    for (int k; (k = r.read(buf)) >= 0; ) {
                        bytes += k;
                    }
                }
            }
            c.logout();
        } finally {
            c.disconnect();
        }
        return new long[] {n, bytes};
    }

    /**
     * The limit: USER, PASS, STAT, then RETR 1..n pipelined with up to 64 outstanding, each reply only scanned for
     * its terminating CRLF.CRLF (bytes counted, nothing de-stuffed or copied).
     */
    static long[] raw(String host, int port, String user, String pass, boolean tuned) throws Exception {
        try (Socket s = new Socket()) {
            if (tuned) {
                s.setTcpNoDelay(true);
            }
            s.connect(new InetSocketAddress(host, port));
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Lines lines = new Lines(in);
            lines.ok();
            out.write(("USER " + user + "\r\nPASS " + pass + "\r\nSTAT\r\n").getBytes(StandardCharsets.US_ASCII));
            lines.ok();
            lines.ok();
            String stat = lines.ok();
            int n = Integer.parseInt(stat.split(" ")[1]);
            int sent = 0;
            int done = 0;
            long bytes = 0;
            final int window = 64;
            StringBuilder batch = new StringBuilder();
            while (done < n) {
                if (sent - done < window / 2 && sent < n) {
                    batch.setLength(0);
                    while (sent - done < window && sent < n) {
                        batch.append("RETR ").append(++sent).append("\r\n");
                    }
                    out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                }
                bytes += lines.multiLine();
                done++;
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            lines.ok();
            return new long[] {n, bytes};
        }
    }

    /** Minimal reply reading for the raw client. */
    static final class Lines {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int len;

        Lines(InputStream in) {
            this.in = in;
        }

        private int next() throws IOException {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len < 0) {
                    throw new IOException("connection closed");
                }
            }
            return buf[pos++];
        }

        /** One status line, which must be positive ("+OK", "211"...). */
        String ok() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int b; (b = next()) != '\n'; ) {
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            char first = sb.length() > 0 ? sb.charAt(0) : '?';
            if (first != '+' && (first < '1' || first > '3')) {
                throw new IOException("refused: " + sb);
            }
            return sb.toString();
        }

        /** A positive status line, then data lines up to "."; {lines, bytes} (the "." line excluded). */
        long[] countLines() throws IOException {
            ok();
            long lines = 0;
            long bytes = 0;
            boolean lineStart = true;
            boolean dotLine = false;
            while (true) {
                int b = next();
                bytes++;
                if (lineStart) {
                    dotLine = b == '.';
                }
                if (b == '\n') {
                    if (dotLine && bytes >= 3) {
                        // "." CR LF alone on a line ends the data; ".." lines are data
                        return new long[] {lines, bytes - 3};
                    }
                    lines++;
                    lineStart = true;
                    continue;
                }
                if (!lineStart && dotLine && b != '\r') {
                    dotLine = false;
                }
                lineStart = false;
            }
        }

        /** A positive status line, then data up to CRLF.CRLF; the data bytes (terminator excluded, stuffing kept). */
        long multiLine() throws IOException {
            ok();
            // state: how much of "\r\n.\r\n" has been matched; the status line's CRLF counts as the first two
            int state = 2;
            long count = 0;
            while (true) {
                int b = next();
                count++;
                switch (state) {
                    case 0 -> state = b == '\r' ? 1 : 0;
                    case 1 -> state = b == '\n' ? 2 : (b == '\r' ? 1 : 0);
                    case 2 -> state = b == '.' ? 3 : (b == '\r' ? 1 : 0);
                    case 3 -> state = b == '\r' ? 4 : 0;
                    case 4 -> {
                        if (b == '\n') {
                            return count - 3;
                        }
                        state = b == '\r' ? 1 : 0;
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
    }

    static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
