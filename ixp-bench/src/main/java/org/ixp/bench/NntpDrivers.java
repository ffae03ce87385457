package org.ixp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.net.nntp.Article;
import org.apache.commons.net.nntp.NNTPClient;
import org.apache.commons.net.nntp.NewsgroupInfo;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.nntp.NntpCallback;
import org.ixp.nntp.NntpGroup;
import org.ixp.nntp.NntpHeader;
import org.ixp.nntp.NntpRange;
import org.ixp.nntp.NntpTransport;

/**
 * NNTP: GROUP, then the overview of the whole group (OVER first-last) parsed into fields, and the fields read (their
 * lengths summed, so no parser can skip work); anonymous reading. The raw client only counts lines and bytes.
 * Items = overview entries; bytes = the sum of the parsed fields' lengths (raw: bytes received).
 */
final class NntpDrivers {
    private NntpDrivers() {
    }

    static ReadWorkload.Driver create(String client, String host, int port, String group, boolean tuned) {
        return switch (client) {
            case "ixp" -> () -> ixp(host, port, group);
            case "commons" -> () -> commons(host, port, group, tuned);
            case "raw" -> () -> raw(host, port, group, tuned);
            default -> throw new IllegalArgumentException("unknown NNTP client " + client);
        };
    }

    static long fields(String... values) {
        long n = 0;
        for (String v : values) {
            n += v == null ? 0 : v.length();
        }
        return n;
    }

    /** ixp: {@code commandGROUP}, then {@code over(range, perHeader, null)}: each entry an {@link NntpHeader}. */
    static long[] ixp(String host, int port, String group) throws Exception {
        NntpTransport t = new NntpTransport();
        t.initNew(null, new NntpCallback() { });
        InetServer server = InetServer.builder().serverName(host).port(port).security(Security.NONE).build();
        t.connect(server, false, false).get(30, TimeUnit.SECONDS);
        NntpGroup g = t.commandGROUP(group).get(30, TimeUnit.SECONDS);
        AtomicLong entries = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        t.over(NntpRange.of(g.first(), g.last()), (NntpHeader h) -> {
            entries.incrementAndGet();
            bytes.addAndGet(fields(h.subject(), h.from(), h.date(), h.messageId(), h.references(), h.xref())
                    + (h.bytes() > 0 ? 1 : 0) + (h.lines() > 0 ? 1 : 0));
        }, null).get(600, TimeUnit.SECONDS);
        t.disconnect().get(30, TimeUnit.SECONDS);
        t.close();
        return new long[] {entries.get(), bytes.get()};
    }

    /**
     * Commons Net {@code NNTPClient}: {@code selectNewsgroup}, then {@code iterateArticleInfo(first, last)} (XOVER,
     * each line parsed into an {@link Article}). Tuned: TCP_NODELAY.
     */
    static long[] commons(String host, int port, String group, boolean tuned) throws Exception {
        NNTPClient c = new NNTPClient();
        c.connect(host, port);
        long entries = 0;
        long bytes = 0;
        try {
            if (tuned) {
                c.setTcpNoDelay(true);
            }
            NewsgroupInfo info = new NewsgroupInfo();
            if (!c.selectNewsgroup(group, info)) {
                throw new IOException("GROUP refused: " + c.getReplyString());
            }
            for (Article a : c.iterateArticleInfo(info.getFirstArticleLong(), info.getLastArticleLong())) {
                entries++;
                bytes += fields(a.getSubject(), a.getFrom(), a.getDate(), a.getArticleId(),
                        String.join(" ", a.getReferences())) + 2;
            }
            c.logout();
        } finally {
            c.disconnect();
        }
        return new long[] {entries, bytes};
    }

    /** The limit: GROUP and OVER first-last in one write; the overview only counted (lines, bytes) to ".". */
    static long[] raw(String host, int port, String group, boolean tuned) throws Exception {
        try (Socket s = new Socket()) {
            if (tuned) {
                s.setTcpNoDelay(true);
            }
            s.connect(new InetSocketAddress(host, port));
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Pop3Drivers.Lines lines = new Pop3Drivers.Lines(in);
            lines.ok();                                                  // 200/201 greeting
            out.write(("GROUP " + group + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String[] g = lines.ok().split(" ");                           // 211 n first last group
            out.write(("OVER " + g[2] + "-" + g[3] + "\r\n").getBytes(StandardCharsets.US_ASCII));
            long[] r = lines.countLines();                               // 224, then entries to "."
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            lines.ok();
            return r;
        }
    }
}
