package org.ixp.bench;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * IMAP with Angus Mail ({@code IMAPStore}/{@code IMAPFolder}) for {@link ImapWorkload}. One {@code Store} per run
 * (connect once), the mailbox opened READ_ONLY (EXAMINE), {@code mail.imap.peek} set. Clients:
 *
 * <ul>
 *   <li>{@code angus} — tuned: TCP_NODELAY through {@code mail.imap.socketFactory}; bodies: per message
 *       {@code writeTo} into a counting stream (one {@code FETCH n (BODY.PEEK[]<0.fetchsize>)} round trip per 10 KB
 *       message with {@code mail.imap.partialfetch} on; {@code --partialfetch false} fetches {@code BODY.PEEK[]}
 *       whole instead); headers: one {@code Folder.fetch} with a {@code FetchProfile} of ENVELOPE, FLAGS, UID
 *       and SIZE (one {@code FETCH 1:n (ENVELOPE INTERNALDATE RFC822.SIZE FLAGS UID)}), then the fields read from
 *       each {@code Message}; large: {@code writeTo} with {@code mail.imap.fetchsize} = {@code --fetchsize}
 *       (partial fetches of that size, one round trip each: the only way Angus streams a message it cannot
 *       hold).</li>
 *   <li>{@code angus-profile} — bodies through {@code IMAPFolder.FetchProfileItem.MESSAGE} (Angus's documented
 *       bulk prefetch of whole messages): one {@code FETCH} per batch of {@code --batch} messages, every message
 *       cached in its {@code IMAPMessage}, then {@code writeTo} from the cache. The cache lives as long as the
 *       open folder, so the heap holds every message fetched.</li>
 *   <li>{@code angus-default} — nothing set but host and port (Nagle on, 16 KiB partial fetches).</li>
 * </ul>
 */
final class AngusImap {
    private final String host;
    private final int port;
    private final String user;
    private final String pass;
    private final String variant;
    private final Session session;
    private final int batch;

    AngusImap(String host, int port, String user, String pass, String variant, Options o) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.pass = pass;
        this.variant = variant;
        this.batch = o.intValue("batch", 1000);
        Properties p = new Properties();
        p.put("mail.imap.host", host);
        p.put("mail.imap.port", Integer.toString(port));
        if (!"angus-default".equals(variant)) {
            p.put("mail.imap.socketFactory", new AngusSmtp.NoDelaySocketFactory());
            p.put("mail.imap.peek", "true");
            p.put("mail.imap.partialfetch", o.get("partialfetch", "true"));
            p.put("mail.imap.fetchsize", o.get("fetchsize", Integer.toString(16 * 1024)));
        }
        this.session = Session.getInstance(p);
    }

    long[] run(ImapWorkload.Spec s) throws Exception {
        Store store = session.getStore("imap");
        store.connect(host, port, user, pass);
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(s.mailbox());
            folder.open(Folder.READ_ONLY);
            try {
                int n = folder.getMessageCount();
                if (s.messages() > 0) {
                    n = (int) Math.min(n, s.messages());
                }
                Message[] msgs = folder.getMessages(1, n);
                return switch (s.mode()) {
                    case HEADERS -> headers(folder, msgs);
                    case BODIES, LARGE -> s.partialBytes() > 0 ? partial(msgs, s.partialBytes()) : bodies(folder, msgs);
                };
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    private long[] bodies(IMAPFolder folder, Message[] msgs) throws Exception {
        Pop3Drivers.Counting out = new Pop3Drivers.Counting();
        if ("angus-profile".equals(variant)) {
            FetchProfile fp = new FetchProfile();
            fp.add(IMAPFolder.FetchProfileItem.MESSAGE);
            for (int i = 0; i < msgs.length; i += batch) {
                Message[] part = Arrays.copyOfRange(msgs, i, Math.min(msgs.length, i + batch));
                folder.fetch(part, fp);
                for (Message m : part) {
                    m.writeTo(out);
                }
            }
        } else {
            for (Message m : msgs) {
                m.writeTo(out);
            }
        }
        return new long[] {msgs.length, out.count};
    }

    /** The first {@code bytes} of each message through Angus's partial-fetch stream (the large warm-up). */
    private static long[] partial(Message[] msgs, long bytes) throws Exception {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        for (Message m : msgs) {
            try (InputStream in = ((IMAPMessage) m).getMimeStream()) {
                long left = bytes;
                for (int k; left > 0 && (k = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) {
                    left -= k;
                    total += k;
                }
            }
        }
        return new long[] {msgs.length, total};
    }

    private static long[] headers(IMAPFolder folder, Message[] msgs) throws Exception {
        FetchProfile fp = new FetchProfile();
        fp.add(FetchProfile.Item.ENVELOPE);
        fp.add(FetchProfile.Item.FLAGS);
        fp.add(FetchProfile.Item.SIZE);
        fp.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(msgs, fp);
        long n = 0;
        for (Message m : msgs) {
            n += folder.getUID(m) > 0 ? 1 : 0;
            n += m.getSize() >= 0 ? 1 : 0;
            Flags flags = m.getFlags();
            for (Flags.Flag f : flags.getSystemFlags()) {
                n += systemFlagName(f).length();
            }
            for (String u : flags.getUserFlags()) {
                n += u.length();
            }
            Date received = m.getReceivedDate();
            n += received != null ? 1 : 0;
            n += ImapDrivers.len(m.getSubject()) + ImapDrivers.len(((IMAPMessage) m).getMessageID());
            n += m.getSentDate() != null ? 1 : 0;
            n += addresses(m.getFrom()) + addresses(m.getRecipients(Message.RecipientType.TO));
        }
        return new long[] {msgs.length, n};
    }

    private static long addresses(Address[] list) {
        long n = 0;
        if (list != null) {
            for (Address a : list) {
                InternetAddress ia = (InternetAddress) a;
                n += ImapDrivers.len(ia.getPersonal()) + ImapDrivers.len(ia.getAddress());
            }
        }
        return n;
    }

    /** The IMAP name of a system flag, as ixp reports it (so both count the same characters). */
    private static String systemFlagName(Flags.Flag f) {
        if (f == Flags.Flag.ANSWERED) {
            return "\\Answered";
        } else if (f == Flags.Flag.DELETED) {
            return "\\Deleted";
        } else if (f == Flags.Flag.DRAFT) {
            return "\\Draft";
        } else if (f == Flags.Flag.FLAGGED) {
            return "\\Flagged";
        } else if (f == Flags.Flag.RECENT) {
            return "\\Recent";
        } else if (f == Flags.Flag.SEEN) {
            return "\\Seen";
        }
        return "\\User";
    }
}
