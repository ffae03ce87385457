package org.ixp.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small in-memory POP3 server (RFC 1939, with CAPA, STLS, AUTH PLAIN, APOP, TOP, UIDL, PIPELINING, RESP-CODES) as
 * a {@link Script}, for tests and the demo. One maildrop is shared by every connection: a QUIT answered {@code +OK}
 * in TRANSACTION removes the messages marked deleted, anything else (a dropped connection, or a QUIT this server is
 * told to refuse or ignore) removes nothing — so a test can check the founding rule with a second session.
 *
 * <p>Messages are given as text with CRLF line ends (LF is turned into CRLF); the server dot-stuffs them on RETR/TOP.
 * Only {@link #USER}/{@link #PASSWORD} may log on. Not thread-safe for configuration: configure before starting the
 * {@link ScriptedServer}.
 */
public final class Pop3Maildrop implements Script {
    public static final String USER = "alice";
    public static final String PASSWORD = "maildrop-Pa55";
    public static final String TIMESTAMP = "<4711.1234567890@maildrop.test>";

    /** What the server does with QUIT. */
    public enum QuitMode {
        /** Commit the deletions and answer {@code +OK}. */
        COMMIT,
        /** Answer {@code -ERR} and commit nothing. */
        REFUSE,
        /** Close the connection without answering, commit nothing. */
        CLOSE,
        /** Never answer; commit nothing. */
        SILENT
    }

    private record Message(String uid, byte[] content) {
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private boolean stls = true;
    private boolean requireTlsForLogon = true;
    private boolean apop;
    private boolean capa = true;
    private boolean pipelining = true;
    private QuitMode quitMode = QuitMode.COMMIT;

    /** Adds a message (LF line ends become CRLF). */
    public Pop3Maildrop add(String uid, String text) {
        String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
        if (!crlf.endsWith("\r\n")) {
            crlf += "\r\n";
        }
        messages.add(new Message(uid, crlf.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Adds {@code n} small messages with unique ids {@code <prefix>1 … <prefix>n}. */
    public Pop3Maildrop addMany(String prefix, int n) {
        for (int i = 1; i <= n; i++) {
            add(prefix + i, "Subject: message " + i + "\nX-Seq: " + i + "\n\nbody of message " + i + "\n.dot line\n");
        }
        return this;
    }

    /** Offer STLS (default on). Without it the server offers USER and SASL PLAIN in the clear. */
    public Pop3Maildrop stls(boolean on) {
        this.stls = on;
        this.requireTlsForLogon = on;
        return this;
    }

    /** Put an APOP timestamp in the greeting and accept APOP. */
    public Pop3Maildrop apop(boolean on) {
        this.apop = on;
        return this;
    }

    /** Answer CAPA (default on); off: {@code -ERR}, like an RFC 1939-only server. */
    public Pop3Maildrop capa(boolean on) {
        this.capa = on;
        return this;
    }

    /** Announce PIPELINING (default on). */
    public Pop3Maildrop pipelining(boolean on) {
        this.pipelining = on;
        return this;
    }

    public Pop3Maildrop quitMode(QuitMode mode) {
        this.quitMode = mode;
        return this;
    }

    /** The unique ids in the maildrop now. */
    public List<String> uids() {
        List<String> out = new ArrayList<>();
        for (Message m : messages) {
            out.add(m.uid());
        }
        return out;
    }

    public int size() {
        return messages.size();
    }

    @Override
    public void run(Conversation c) {
        List<Message> snapshot = new ArrayList<>(messages); // numbering fixed for the session, as RFC 1939 wants
        Set<Integer> deleted = new TreeSet<>();
        boolean transaction = false;
        String user = null;
        c.send("+OK ixp test maildrop ready" + (apop ? " " + TIMESTAMP : ""));
        for (String line = c.readLine(); line != null; line = c.readLine()) {
            String[] w = line.split(" ");
            String verb = w[0].toUpperCase(Locale.ROOT);
            boolean loggedOnVerb = Set.of("STAT", "LIST", "UIDL", "RETR", "TOP", "DELE", "RSET", "NOOP").contains(verb);
            if (loggedOnVerb && !transaction) {
                c.send("-ERR not logged on");
                continue;
            }
            switch (verb) {
                case "CAPA" -> capa(c, transaction);
                case "STLS" -> {
                    if (!stls || c.isTls() || transaction) {
                        c.send("-ERR STLS not available");
                    } else {
                        c.send("+OK begin TLS");
                        c.startTls();
                    }
                }
                case "USER" -> {
                    if (transaction || (requireTlsForLogon && !c.isTls())) {
                        c.send("-ERR [AUTH] plaintext logon needs TLS");
                    } else {
                        user = w.length > 1 ? line.substring(5) : "";
                        c.send("+OK user accepted");
                    }
                }
                case "PASS" -> {
                    if (transaction || user == null) {
                        c.send("-ERR USER first");
                    } else if (user.equals(USER) && line.length() > 5 && line.substring(5).equals(PASSWORD)) {
                        transaction = true;
                        c.send("+OK maildrop locked and ready");
                    } else {
                        user = null;
                        c.send("-ERR [AUTH] invalid user name or password");
                    }
                }
                case "APOP" -> {
                    String want = USER + " " + md5Hex(TIMESTAMP + PASSWORD);
                    if (apop && !transaction && line.length() > 5 && line.substring(5).equals(want)) {
                        transaction = true;
                        c.send("+OK maildrop locked and ready");
                    } else {
                        c.send("-ERR [AUTH] APOP refused");
                    }
                }
                case "AUTH" -> transaction = auth(c, w, transaction);
                case "STAT" -> {
                    long n = 0;
                    long bytes = 0;
                    for (int i = 0; i < snapshot.size(); i++) {
                        if (!deleted.contains(i + 1)) {
                            n++;
                            bytes += snapshot.get(i).content().length;
                        }
                    }
                    c.send("+OK " + n + " " + bytes);
                }
                case "LIST", "UIDL" -> listing(c, verb, w, snapshot, deleted);
                case "RETR", "TOP" -> retr(c, verb, w, snapshot, deleted);
                case "DELE" -> {
                    int id = id(w, snapshot, deleted);
                    if (id < 0) {
                        c.send("-ERR no such message");
                    } else {
                        deleted.add(id);
                        c.send("+OK message " + id + " deleted");
                    }
                }
                case "RSET" -> {
                    deleted.clear();
                    c.send("+OK maildrop has " + snapshot.size() + " messages");
                }
                case "NOOP" -> c.send("+OK");
                case "QUIT" -> {
                    quit(c, transaction, snapshot, deleted);
                    return;
                }
                default -> c.send("-ERR unknown command");
            }
        }
    }

    private void capa(Conversation c, boolean transaction) {
        if (!capa) {
            c.send("-ERR unknown command");
            return;
        }
        c.send("+OK capability list follows");
        c.send("TOP");
        c.send("UIDL");
        c.send("RESP-CODES");
        if (pipelining) {
            c.send("PIPELINING");
        }
        if (!transaction && stls && !c.isTls()) {
            c.send("STLS");
        }
        if (!transaction && (c.isTls() || !requireTlsForLogon)) {
            c.send("USER");
            c.send("SASL PLAIN");
        }
        c.send("IMPLEMENTATION ixp-testkit");
        c.send(".");
    }

    private boolean auth(Conversation c, String[] w, boolean transaction) {
        if (transaction || w.length < 2 || !w[1].equalsIgnoreCase("PLAIN")) {
            c.send("-ERR unsupported");
            return transaction;
        }
        if (requireTlsForLogon && !c.isTls()) {
            c.send("-ERR [AUTH] needs TLS");
            return false;
        }
        String response = w.length > 2 ? w[2] : null;
        if (response == null) {
            c.send("+ ");
            response = c.readLine();
            if (response == null) {
                return false;
            }
        }
        String want = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (response.equals(want)) {
            c.send("+OK logged on");
            return true;
        }
        c.send("-ERR [AUTH] authentication failed");
        return false;
    }

    private static int id(String[] w, List<Message> snapshot, Set<Integer> deleted) {
        try {
            int id = Integer.parseInt(w[1]);
            return id >= 1 && id <= snapshot.size() && !deleted.contains(id) ? id : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void listing(Conversation c, String verb, String[] w, List<Message> snapshot, Set<Integer> deleted) {
        if (w.length > 1) {
            int id = id(w, snapshot, deleted);
            if (id < 0) {
                c.send("-ERR no such message");
            } else {
                c.send("+OK " + id + " " + value(verb, snapshot.get(id - 1)));
            }
            return;
        }
        StringBuilder sb = new StringBuilder("+OK listing follows\r\n");
        for (int i = 1; i <= snapshot.size(); i++) {
            if (!deleted.contains(i)) {
                sb.append(i).append(' ').append(value(verb, snapshot.get(i - 1))).append("\r\n");
            }
        }
        sb.append(".\r\n");
        c.sendRaw(sb.toString());
    }

    private static String value(String verb, Message m) {
        return verb.equals("LIST") ? String.valueOf(m.content().length) : m.uid();
    }

    private static void retr(Conversation c, String verb, String[] w, List<Message> snapshot, Set<Integer> deleted) {
        int id = id(w, snapshot, deleted);
        if (id < 0 || (verb.equals("TOP") && w.length < 3)) {
            c.send("-ERR no such message");
            return;
        }
        String text = new String(snapshot.get(id - 1).content(), StandardCharsets.UTF_8);
        if (verb.equals("TOP")) {
            int lines = Integer.parseInt(w[2]);
            int split = text.indexOf("\r\n\r\n");
            String header = split < 0 ? text : text.substring(0, split + 4);
            String[] body = split < 0 ? new String[0] : text.substring(split + 4).split("\r\n");
            StringBuilder sb = new StringBuilder(header);
            for (int i = 0; i < Math.min(lines, body.length); i++) {
                sb.append(body[i]).append("\r\n");
            }
            text = sb.toString();
        }
        String stuffed = text.startsWith(".") ? "." + text.replace("\r\n.", "\r\n..")
                : text.replace("\r\n.", "\r\n..");
        c.sendRaw("+OK " + snapshot.get(id - 1).content().length + " octets\r\n" + stuffed + ".\r\n");
    }

    private void quit(Conversation c, boolean transaction, List<Message> snapshot, Set<Integer> deleted) {
        switch (quitMode) {
            case REFUSE -> c.send("-ERR some deleted messages not removed");
            case CLOSE -> c.closeTcp();
            case SILENT -> c.silence(Duration.ofSeconds(10));
            default -> {
                if (transaction) {
                    for (int id : deleted) {
                        messages.remove(snapshot.get(id - 1));
                    }
                }
                c.send("+OK bye (" + (transaction ? deleted.size() : 0) + " messages removed)");
            }
        }
    }

    /** MD5 in lower-case hex, for APOP. */
    static String md5Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
