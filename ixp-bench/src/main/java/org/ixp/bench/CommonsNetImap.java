package org.ixp.bench;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.net.imap.AuthenticatingIMAPClient;
import org.apache.commons.net.imap.IMAP;

/**
 * IMAP with Apache Commons Net 3.12 ({@link AuthenticatingIMAPClient}, plaintext, no TLS) for {@link ImapWorkload}:
 * one client per run, {@code connect}, {@code setTcpNoDelay(true)} after connect (as the other tuned clients),
 * {@code authenticate(PLAIN)} (AUTHENTICATE PLAIN, then the credentials after the server's {@code +}),
 * {@code examine}, one {@code fetch(1:*, items)} with the same items every client requests, {@code logout}.
 *
 * <p>Commons Net hands the application raw reply lines (ISO-8859-1 {@link String}s, literals read line by line into
 * them), nothing parsed. The FETCH uses its documented way to read a long reply: an {@link IMAP.IMAPChunkListener}
 * called once per complete untagged response that carried a literal (bodies; responses without one — headers —
 * stay in the reply lines and are read from {@code getReplyStrings()} after the tagged OK), which reads {@code getReplyStrings()} and returns true so the lines
 * are dropped (as its {@code IMAPExportMbox} example does) — without it every line of all 10,000 messages would stay
 * buffered until the tagged OK. Each response is still buffered whole before the listener sees it, so a message
 * larger than the heap cannot be fetched: the 200 MiB message at -Xmx64m fails with OutOfMemoryError, which is the
 * client's result for that workload.
 *
 * <ul>
 *   <li>bodies / large: items = FETCH responses; bytes = the literal's octets as delivered in lines (each line after
 *       the {@code {n}} line, up to the closing {@code )}, plus its CRLF).</li>
 *   <li>headers: each {@code * n FETCH (...)} response parsed here the way a Commons Net user must (a small
 *       tokenizer of IMAP atoms, quoted strings, literals, NIL and parenthesised lists): UID, RFC822.SIZE (numbers),
 *       FLAGS (each flag's name), INTERNALDATE (parsed to a date), and from the ENVELOPE the date (counted if
 *       present, not parsed), subject, Message-ID, and every From and To address (name, and mailbox@host) — the
 *       same fields, counted the same way, as {@link ImapDrivers#fields}. RFC 2047 encoded words are not decoded.</li>
 * </ul>
 */
final class CommonsNetImap {
    private static final DateTimeFormatter INTERNALDATE =
            DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private CommonsNetImap() {
    }

    static long[] run(String host, int port, String user, String pass, ImapWorkload.Spec s) throws Exception {
        AuthenticatingIMAPClient c = new AuthenticatingIMAPClient();
        c.connect(host, port);
        try {
            c.setTcpNoDelay(true);
            if (!c.authenticate(AuthenticatingIMAPClient.AUTH_METHOD.PLAIN, user, pass)) {
                throw new IOException("commons-net: authentication refused: " + c.getReplyString());
            }
            if (!c.examine(s.mailbox())) {
                throw new IOException("commons-net: EXAMINE refused: " + c.getReplyString());
            }
            long[] r = new long[2];
            boolean headers = s.mode() == ImapWorkload.Mode.HEADERS;
            c.setChunkListener(imap -> {
                count(List.of(imap.getReplyStrings()), headers, r);
                return true;
            });
            if (!c.fetch(s.range(), s.items())) {
                throw new IOException("commons-net: FETCH refused: " + c.getReplyString());
            }
            c.setChunkListener(null);
            // responses without a literal never reach the listener (Commons Net calls it only after a literal): they
            // stay in the reply lines, one line each, read here once the tagged OK is in
            List<String> left = new ArrayList<>();
            for (String line : c.getReplyStrings()) {
                if (line.startsWith("* ") && !left.isEmpty()) {
                    count(left, headers, r);
                    left.clear();
                }
                left.add(line);
            }
            if (!left.isEmpty()) {
                count(left, headers, r);
            }
            c.logout();
            return r;
        } finally {
            c.disconnect();
        }
    }

    /** One response's lines: r[0] += 1 if it is a FETCH, r[1] += its bytes or fields. */
    private static void count(List<String> lines, boolean headers, long[] r) {
        if (!lines.isEmpty() && isFetch(lines.get(0))) {
            String[] a = lines.toArray(new String[0]);
            r[0]++;
            r[1] += headers ? fields(a) : literalBytes(a);
        }
    }

    /** "* digits FETCH". */
    private static boolean isFetch(String line) {
        if (!line.startsWith("* ")) {
            return false;
        }
        int i = 2;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return i > 2 && line.startsWith(" FETCH", i);
    }

    /** The octets of the literal(s): every line but the first (the {n} line) and the last (the closing ")"). */
    private static long literalBytes(String[] lines) {
        long n = 0;
        for (int i = 1; i < lines.length - 1; i++) {
            n += lines[i].length() + 2;
        }
        return n;
    }

    /** Parses one FETCH response and sums the fields' lengths. */
    private static long fields(String[] lines) {
        Object msg = new Tokens(String.join("\r\n", lines)).fetchList();
        if (!(msg instanceof List<?> items)) {
            throw new IllegalStateException("commons-net: not a FETCH list: " + lines[0]);
        }
        long n = 0;
        for (int i = 0; i + 1 < items.size(); i += 2) {
            String key = String.valueOf(items.get(i)).toUpperCase(Locale.ROOT);
            Object v = items.get(i + 1);
            switch (key) {
                case "UID", "RFC822.SIZE" -> n += Long.parseLong((String) v) >= 0 ? 1 : 0;
                case "FLAGS" -> {
                    for (Object f : (List<?>) v) {
                        n += ((String) f).length();
                    }
                }
                case "INTERNALDATE" -> n += internalDate((String) v) != null ? 1 : 0;
                case "ENVELOPE" -> {
                    List<?> e = (List<?>) v; // date subject from sender reply-to to cc bcc in-reply-to message-id
                    n += e.get(0) != null ? 1 : 0;
                    n += ImapDrivers.len((String) e.get(1)) + ImapDrivers.len((String) e.get(9));
                    n += addresses(e.get(2)) + addresses(e.get(5));
                }
                default -> {
                }
            }
        }
        return n;
    }

    private static ZonedDateTime internalDate(String s) {
        try {
            return s == null ? null : ZonedDateTime.parse(s.trim(), INTERNALDATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Each address is (name adl mailbox host); group syntax not handled (the lab's mail has none). */
    private static long addresses(Object list) {
        long n = 0;
        if (list instanceof List<?> l) {
            for (Object a : l) {
                List<?> addr = (List<?>) a;
                String mailbox = (String) addr.get(2);
                String host = (String) addr.get(3);
                n += ImapDrivers.len((String) addr.get(0));
                if (mailbox != null) {
                    n += host != null ? mailbox.length() + 1 + host.length() : mailbox.length();
                }
            }
        }
        return n;
    }

    /** IMAP tokens of one response: atoms as String, quoted strings and literals as String, NIL as null, lists. */
    private static final class Tokens {
        private final String s;
        private int p;

        Tokens(String s) {
            this.s = s;
        }

        /** Skips "* n FETCH " and reads the list that follows. */
        Object fetchList() {
            p = s.indexOf('(');
            return p < 0 ? null : value();
        }

        private Object value() {
            while (s.charAt(p) == ' ') {
                p++;
            }
            char ch = s.charAt(p);
            if (ch == '(') {
                p++;
                List<Object> l = new ArrayList<>();
                while (true) {
                    while (s.charAt(p) == ' ') {
                        p++;
                    }
                    if (s.charAt(p) == ')') {
                        p++;
                        return l;
                    }
                    l.add(value());
                }
            }
            if (ch == '"') {
                StringBuilder b = new StringBuilder();
                for (p++; s.charAt(p) != '"'; p++) {
                    if (s.charAt(p) == '\\') {
                        p++;
                    }
                    b.append(s.charAt(p));
                }
                p++;
                return b.toString();
            }
            if (ch == '{') { // {n}CRLF then n octets (the lines were joined with CRLF again)
                int close = s.indexOf('}', p);
                int n = Integer.parseInt(s.substring(p + 1, close).replace("+", ""));
                int start = close + 3;
                p = start + n;
                return s.substring(start, p);
            }
            int start = p;
            while (p < s.length() && " ()".indexOf(s.charAt(p)) < 0) {
                if (s.charAt(p) == '[') { // BODY[...] section: up to the ']'
                    p = s.indexOf(']', p);
                }
                p++;
            }
            String atom = s.substring(start, p);
            return "NIL".equalsIgnoreCase(atom) ? null : atom;
        }
    }
}
