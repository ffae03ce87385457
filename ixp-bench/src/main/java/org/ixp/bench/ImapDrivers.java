package org.ixp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.imap.Envelope;
import org.ixp.imap.ImapAddress;
import org.ixp.imap.ImapCallback;
import org.ixp.imap.ImapEvent;
import org.ixp.imap.ImapResponse;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;

/**
 * IMAP: ixp and the raw socket client (the byte-moving limit) for {@link ImapWorkload}.
 *
 * <p>ixp: one {@link ImapTransport} per run, connected with authentication (AUTHENTICATE PLAIN with SASL-IR, one
 * round trip; PLAIN as the peers use it — ixp would pick SCRAM-SHA-256, 4,096 PBKDF2 rounds),
 * {@code compression(false)} (COMPRESS=DEFLATE is offered by the lab's Dovecot and ixp's default would use it; the
 * peers do not compress, and on loopback it only costs CPU), {@code examine}, then one
 * {@code fetch(1:*, items)}: bodies arrive as FETCH_BODY chunks (flow-controlled), the other items as
 * UPDATE_MSG with an {@link ImapEvent.Fetch}. The run ends when the fetch's COMMAND_COMPLETION reaches the callback
 * (callbacks are serial and in order, so every chunk and FETCH before it was handled). ixp ENABLEs CONDSTORE on
 * connect; Dovecot still sends the same FETCH responses (no MODSEQ unless asked), so every client moves the same
 * bytes.
 */
final class ImapDrivers {
    private static final long FETCH_TXN = 4711;

    private ImapDrivers() {
    }

    static long[] ixp(String host, int port, String user, String pass, ImapWorkload.Spec s) throws Exception {
        ImapTransport t = new ImapTransport();
        Counter c = new Counter(s.mode());
        t.initNew(null, c);
        InetServer server = InetServer.builder().serverName(host).port(port).security(Security.NONE)
                .allowPlaintextAuth(true).compression(false).saslMechanisms(List.of("PLAIN")).userName(user)
                .password(pass).build();
        try {
            t.connect(server, true, false).get(30, TimeUnit.SECONDS);
            t.examine(s.mailbox()).get(30, TimeUnit.SECONDS);
            RangeList range = new RangeList();
            range.addRange(1, s.messages() > 0 ? s.messages() : RangeList.LAST_MESSAGE);
            t.fetch(FETCH_TXN, 0, c, range, false, s.items()).get(600, TimeUnit.SECONDS);
            if (!c.done.await(600, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ixp: the fetch completed, its callbacks did not");
            }
            if (c.failure != null) {
                throw new IllegalStateException("ixp: " + c.failure);
            }
            t.disconnect().get(30, TimeUnit.SECONDS);
        } finally {
            t.close();
        }
        return new long[] {c.items, c.bytes};
    }

    /** Counts body chunks (bodies) or reads the fields of each FETCH (headers), on the callback thread. */
    static final class Counter implements ImapCallback {
        private final ImapWorkload.Mode mode;
        final CountDownLatch done = new CountDownLatch(1);
        long items;
        long bytes;
        String failure;

        Counter(ImapWorkload.Mode mode) {
            this.mode = mode;
        }

        @Override
        public void onResponse(ImapResponse r, ImapTransport transport) {
            switch (r.type()) {
                case FETCH_BODY -> {
                    ImapResponse.FetchBodyPart p = (ImapResponse.FetchBodyPart) r.data();
                    bytes += p.data().length;
                    if (p.done()) {
                        items++;
                    }
                }
                case UPDATE_MSG, UPDATE_MSG_EX -> {
                    if (mode == ImapWorkload.Mode.HEADERS) {
                        items++;
                        bytes += fields((ImapEvent.Fetch) r.data());
                    }
                }
                case COMMAND_COMPLETION -> {
                    if (r.wParam() == FETCH_TXN) {
                        if (!r.result().succeeded()) {
                            failure = r.result().describe();
                        }
                        done.countDown();
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The fields every headers client reads, as the sum of their lengths (numbers and dates count 1 each). */
    static long fields(ImapEvent.Fetch f) {
        long n = 0;
        n += f.uid().isPresent() ? 1 : 0;
        n += f.rfc822Size().isPresent() ? 1 : 0;
        List<String> flags = f.flags().orElse(List.of());
        for (String flag : flags) {
            n += flag.length();
        }
        OffsetDateTime internal = f.internalDate().orElse(null);
        n += internal != null ? 1 : 0;
        Envelope e = f.envelope().orElse(null);
        if (e != null) {
            n += len(e.subject()) + len(e.messageId()) + (e.date() != null ? 1 : 0);
            n += address(e.from()) + address(e.to());
        }
        return n;
    }

    private static long address(List<ImapAddress> list) {
        long n = 0;
        for (ImapAddress a : list) {
            n += len(a.name()) + len(a.email());
        }
        return n;
    }

    static long len(String s) {
        return s == null ? 0 : s.length();
    }

    /**
     * The limit: LOGIN, EXAMINE, FETCH and LOGOUT written at once (pipelined), then the responses only framed —
     * lines scanned for LF, literals skipped by their announced size — until the FETCH's tagged OK. Items = FETCH
     * responses; bytes = literal octets (bodies) or every octet of the FETCH responses (headers).
     */
    static long[] raw(String host, int port, String user, String pass, ImapWorkload.Spec s) throws Exception {
        try (Socket sock = new Socket()) {
            sock.setTcpNoDelay(true);
            sock.connect(new InetSocketAddress(host, port));
            Framer in = new Framer(sock.getInputStream());
            OutputStream out = sock.getOutputStream();
            in.response(null); // greeting
            out.write(("a1 LOGIN \"" + user + "\" \"" + pass + "\"\r\na2 EXAMINE \"" + s.mailbox() + "\"\r\n"
                    + "a3 FETCH " + s.range() + " " + s.items() + "\r\na4 LOGOUT\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            in.untilTagged("a1");
            in.untilTagged("a2");
            in.items = 0;
            in.literalBytes = 0;
            in.totalBytes = 0;
            in.untilTagged("a3");
            long items = in.items;
            long bytes = s.mode() == ImapWorkload.Mode.HEADERS ? in.totalBytes : in.literalBytes;
            in.untilTagged("a4");
            return new long[] {items, bytes};
        }
    }

    /** IMAP response framing and nothing else: lines to LF, {n} literals skipped in bulk. */
    static final class Framer {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private final byte[] head = new byte[64];
        private final byte[] tail = new byte[32];
        private int tailLen;
        private int pos;
        private int len;
        long items;
        long literalBytes;
        long totalBytes;

        Framer(InputStream in) {
            this.in = in;
        }

        private void fill() throws IOException {
            len = in.read(buf);
            pos = 0;
            if (len < 0) {
                throw new IOException("connection closed");
            }
        }

        /** Reads responses until the one tagged {@code tag}; fails unless it is OK. */
        void untilTagged(String tag) throws IOException {
            byte[] t = (tag + " ").getBytes(StandardCharsets.US_ASCII);
            while (true) {
                if (response(t)) {
                    return;
                }
            }
        }

        /**
         * One response (lines joined by literals). True if it carries {@code tag} (checked to be OK); counts
         * {@code * n FETCH} responses.
         */
        boolean response(byte[] tag) throws IOException {
            int headLen = 0;
            boolean first = true;
            while (true) {
                // one line: keep its first bytes (to classify it) and its last bytes (a literal announcement)
                tailLen = 0;
                while (true) {
                    if (pos == len) {
                        fill();
                    }
                    int start = pos;
                    int end = len;
                    int i = start;
                    while (i < end && buf[i] != '\n') {
                        i++;
                    }
                    if (first) {
                        int n = Math.min(i - start, head.length - headLen);
                        System.arraycopy(buf, start, head, headLen, n);
                        headLen += n;
                    }
                    keepTail(start, i);
                    totalBytes += i - start;
                    pos = i;
                    if (i < end) {
                        pos++; // the LF
                        totalBytes++;
                        break;
                    }
                }
                long lit = literalAnnounced();
                if (first) {
                    first = false;
                    if (isFetch(head, headLen)) {
                        items++;
                    }
                }
                if (lit < 0) {
                    break;
                }
                // skip the literal
                long left = lit;
                literalBytes += lit;
                totalBytes += lit;
                while (left > 0) {
                    if (pos == len) {
                        fill();
                    }
                    int n = (int) Math.min(left, len - pos);
                    pos += n;
                    left -= n;
                }
            }
            if (tag != null && headLen >= tag.length && startsWith(head, tag)) {
                String rest = new String(head, tag.length, Math.min(headLen - tag.length, 2),
                        StandardCharsets.US_ASCII);
                if (!rest.equals("OK")) {
                    throw new IOException("refused: " + new String(head, 0, headLen, StandardCharsets.US_ASCII));
                }
                return true;
            }
            return false;
        }

        /** Remembers the last bytes of the line so far. */
        private void keepTail(int from, int to) {
            int n = to - from;
            if (n >= tail.length) {
                System.arraycopy(buf, to - tail.length, tail, 0, tail.length);
                tailLen = tail.length;
                return;
            }
            int keep = Math.min(tailLen, tail.length - n);
            System.arraycopy(tail, tailLen - keep, tail, 0, keep);
            System.arraycopy(buf, from, tail, keep, n);
            tailLen = keep + n;
        }

        /** The size in a "{n}" or "{n+}" ending the line just read (CR dropped), or -1. */
        private long literalAnnounced() {
            int j = tailLen - 1;
            if (j >= 0 && tail[j] == '\r') {
                j--;
            }
            if (j < 2 || tail[j] != '}') {
                return -1;
            }
            j--;
            if (tail[j] == '+') {
                j--;
            }
            long n = 0;
            long scale = 1;
            int digits = 0;
            while (j >= 0 && tail[j] >= '0' && tail[j] <= '9') {
                n += (tail[j] - '0') * scale;
                scale *= 10;
                digits++;
                j--;
            }
            return digits > 0 && j >= 0 && tail[j] == '{' ? n : -1;
        }

        private static boolean startsWith(byte[] a, byte[] prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if (a[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /** "* digits FETCH". */
        private static boolean isFetch(byte[] h, int n) {
            if (n < 9 || h[0] != '*' || h[1] != ' ') {
                return false;
            }
            int i = 2;
            while (i < n && h[i] >= '0' && h[i] <= '9') {
                i++;
            }
            return i > 2 && i + 6 <= n && h[i] == ' ' && h[i + 1] == 'F' && h[i + 2] == 'E' && h[i + 3] == 'T'
                    && h[i + 4] == 'C' && h[i + 5] == 'H';
        }
    }
}
