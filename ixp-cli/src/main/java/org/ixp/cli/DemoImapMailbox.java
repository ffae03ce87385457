package org.ixp.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo IMAP server's one mailbox (INBOX), shared by the connections of one part: messages with UIDs and flags,
 * and the mail that "arrives" while a client idles. Only CLOSE and EXPUNGE remove messages flagged \Deleted, as in
 * any IMAP server. Thread-safe (each connection runs on its own thread).
 */
final class DemoImapMailbox {
    static final long UIDVALIDITY = 1700000000L;

    /** One message: its UID, flags, INTERNALDATE and text (CRLF line ends). */
    static final class Message {
        final long uid;
        final Set<String> flags = new LinkedHashSet<>();
        final String from;
        final String subject;
        final String body;
        final byte[] bytes;

        Message(long uid, String from, String subject, String body, String... flags) {
            this.uid = uid;
            this.from = from;
            this.subject = subject;
            this.body = body;
            this.flags.addAll(List.of(flags));
            this.bytes = ("From: " + from + "\r\nTo: alice@demo.ixp.test\r\nSubject: " + subject
                    + "\r\nDate: Fri, 01 Mar 2024 10:00:00 +0000\r\nMessage-ID: <" + uid + "@demo.ixp.test>\r\n\r\n"
                    + body).getBytes(StandardCharsets.UTF_8);
        }
    }

    private final List<Message> messages = new ArrayList<>();
    private final List<Message> arriving = new ArrayList<>();
    private long uidNext = 1;

    /** The three messages every part starts with, and one that arrives during an IDLE. */
    static DemoImapMailbox sample() {
        DemoImapMailbox m = new DemoImapMailbox();
        m.add("bob@demo.ixp.test", "Welcome to ixp", "Hello Alice,\r\nthis is the demo mailbox.\r\n", "\\Seen");
        m.add("carol@demo.ixp.test", "Lunch on Friday?", "Shall we?\r\n", "\\Seen", "\\Flagged");
        m.add("dave@demo.ixp.test", "Quarterly report", "The numbers are in.\r\n"
                + "A line starting with a dot:\r\n.like this one\r\n");
        m.arriving.add(new Message(0, "erin@demo.ixp.test", "Just arrived", "New mail while you idle.\r\n"));
        return m;
    }

    private synchronized void add(String from, String subject, String body, String... flags) {
        messages.add(new Message(uidNext++, from, subject, body, flags));
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    synchronized long uidNext() {
        return uidNext;
    }

    /** Delivers the next arriving message; false when none is left. */
    synchronized boolean deliverArriving() {
        if (arriving.isEmpty()) {
            return false;
        }
        Message m = arriving.remove(0);
        messages.add(new Message(uidNext++, m.from, m.subject, m.body));
        return true;
    }

    /** Removes the messages flagged \Deleted; their sequence numbers, highest first (as EXPUNGE reports them). */
    synchronized List<Integer> expunge() {
        List<Integer> gone = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).flags.contains("\\Deleted")) {
                messages.remove(i);
                gone.add(i + 1);
            }
        }
        return gone;
    }
}
