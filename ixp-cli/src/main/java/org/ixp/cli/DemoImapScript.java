package org.ixp.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Script;

/**
 * The demo's IMAP server, played by an {@code ixp-testkit} scripted server over a {@link DemoImapMailbox}: just
 * the IMAP4rev1 the demo uses — CAPABILITY, STARTTLS, AUTHENTICATE PLAIN (SASL-IR; user {@link #USER}, password
 * {@link #PASSWORD}), SELECT, FETCH and UID FETCH (UID, FLAGS, RFC822.SIZE, ENVELOPE, BODY.PEEK[]), UID STORE,
 * UID SEARCH DELETED, IDLE (a message arrives while idling), CLOSE, NOOP and LOGOUT. Anything else is {@code BAD}.
 */
record DemoImapScript(DemoImapMailbox mailbox) implements Script {
    static final String USER = "alice";
    /** The demo account's password: a fixed value, never printed. */
    static final String PASSWORD = "demo-imap-Pa55word-not-shown";
    private static final String CAPS_PLAIN = "IMAP4rev1 STARTTLS LOGINDISABLED";
    private static final String CAPS_TLS = "IMAP4rev1 AUTH=PLAIN SASL-IR IDLE UIDPLUS";

    @Override
    public void run(Conversation conv) {
        conv.send("* OK [CAPABILITY " + CAPS_PLAIN + "] ixp demo IMAP server ready");
        boolean selected = false;
        for (String line = conv.readLine(); line != null; line = conv.readLine()) {
            String[] w = line.split(" ", 3);
            String tag = w[0];
            String verb = w.length > 1 ? w[1].toUpperCase(Locale.ROOT) : "";
            String args = w.length > 2 ? w[2] : "";
            boolean uid = verb.equals("UID") && !args.isEmpty();
            if (uid) {
                String[] v = args.split(" ", 2);
                verb = v[0].toUpperCase(Locale.ROOT);
                args = v.length > 1 ? v[1] : "";
            }
            switch (verb) {
                case "CAPABILITY" -> {
                    conv.send("* CAPABILITY " + (conv.isTls() ? CAPS_TLS : CAPS_PLAIN));
                    conv.send(tag + " OK CAPABILITY completed");
                }
                case "STARTTLS" -> {
                    conv.send(tag + " OK Begin TLS negotiation now");
                    conv.startTls();
                }
                case "AUTHENTICATE" -> conv.send(tag + (conv.isTls() && acceptsPlain(args)
                        ? " OK [CAPABILITY " + CAPS_TLS + "] Logged in" : " NO [AUTHENTICATIONFAILED] Invalid credentials"));
                case "SELECT", "EXAMINE" -> {
                    selected = select(conv, tag, verb);
                }
                case "FETCH" -> fetch(conv, tag, args, uid, selected);
                case "STORE" -> store(conv, tag, args, uid, selected);
                case "SEARCH" -> search(conv, tag, args);
                case "IDLE" -> idle(conv, tag);
                case "CLOSE" -> {
                    mailbox.expunge();
                    selected = false;
                    conv.send(tag + " OK CLOSE completed");
                }
                case "NOOP" -> conv.send(tag + " OK NOOP completed");
                case "LOGOUT" -> {
                    conv.send("* BYE ixp demo server logging out");
                    conv.send(tag + " OK LOGOUT completed");
                    return;
                }
                default -> conv.send(tag + " BAD the demo server does not know " + verb);
            }
        }
    }

    private boolean select(Conversation conv, String tag, String verb) {
        List<DemoImapMailbox.Message> all = mailbox.messages();
        conv.send("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
        conv.send("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)] Limited");
        conv.send("* " + all.size() + " EXISTS");
        conv.send("* 0 RECENT");
        conv.send("* OK [UIDVALIDITY " + DemoImapMailbox.UIDVALIDITY + "] UIDs valid");
        conv.send("* OK [UIDNEXT " + mailbox.uidNext() + "] Predicted next UID");
        conv.send(tag + " OK [" + (verb.equals("SELECT") ? "READ-WRITE" : "READ-ONLY") + "] " + verb + " completed");
        return true;
    }

    private void fetch(Conversation conv, String tag, String args, boolean uid, boolean selected) {
        if (!selected) {
            conv.send(tag + " BAD no mailbox selected");
            return;
        }
        String[] w = args.split(" ", 2);
        String items = w.length > 1 ? w[1].toUpperCase(Locale.ROOT) : "";
        List<DemoImapMailbox.Message> all = mailbox.messages();
        for (int i = 0; i < all.size(); i++) {
            DemoImapMailbox.Message m = all.get(i);
            if (!in(w[0], uid ? m.uid : i + 1, uid ? mailbox.uidNext() - 1 : all.size())) {
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder sb = new StringBuilder("* " + (i + 1) + " FETCH (UID " + m.uid);
            if (items.contains("FLAGS")) {
                sb.append(" FLAGS (").append(flags(m)).append(')');
            }
            if (items.contains("RFC822.SIZE")) {
                sb.append(" RFC822.SIZE ").append(m.bytes.length);
            }
            if (items.contains("ENVELOPE")) {
                sb.append(" ENVELOPE (\"Fri, 01 Mar 2024 10:00:00 +0000\" ").append(quote(m.subject)).append(' ')
                        .append(address(m.from)).append(' ').append(address(m.from)).append(' ')
                        .append(address(m.from)).append(" ((NIL NIL \"alice\" \"demo.ixp.test\")) NIL NIL NIL \"<")
                        .append(m.uid).append("@demo.ixp.test>\")");
            }
            if (items.contains("BODY.PEEK[]") || items.contains("BODY[]")) {
                sb.append(" BODY[] {").append(m.bytes.length).append("}\r\n");
                out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.writeBytes(m.bytes);
                sb.setLength(0);
            }
            sb.append(")\r\n");
            out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
            conv.sendRaw(out.toByteArray());
        }
        conv.send(tag + " OK FETCH completed");
    }

    private void store(Conversation conv, String tag, String args, boolean uid, boolean selected) {
        String[] w = args.split(" ", 3);
        if (!selected || w.length < 3 || !w[1].toUpperCase(Locale.ROOT).startsWith("+FLAGS")) {
            conv.send(tag + " BAD the demo server only does STORE set +FLAGS (…)");
            return;
        }
        List<DemoImapMailbox.Message> all = mailbox.messages();
        for (int i = 0; i < all.size(); i++) {
            DemoImapMailbox.Message m = all.get(i);
            if (in(w[0], uid ? m.uid : i + 1, uid ? mailbox.uidNext() - 1 : all.size())) {
                synchronized (mailbox) {
                    for (String f : w[2].replaceAll("[()]", "").split(" ")) {
                        m.flags.add(f);
                    }
                }
                conv.send("* " + (i + 1) + " FETCH (UID " + m.uid + " FLAGS (" + flags(m) + "))");
            }
        }
        conv.send(tag + " OK STORE completed");
    }

    private void search(Conversation conv, String tag, String args) {
        StringBuilder sb = new StringBuilder("* SEARCH");
        for (DemoImapMailbox.Message m : mailbox.messages()) {
            if (args.equalsIgnoreCase("ALL") || args.equalsIgnoreCase("DELETED") && flags(m).contains("\\Deleted")) {
                sb.append(' ').append(m.uid);
            }
        }
        conv.send(sb.toString());
        conv.send(tag + " OK SEARCH completed");
    }

    /** {@code + idling}; then a message arrives ({@code * n EXISTS}); {@code DONE} ends it. */
    private void idle(Conversation conv, String tag) {
        conv.send("+ idling");
        if (mailbox.deliverArriving()) {
            conv.send("* " + mailbox.messages().size() + " EXISTS");
        }
        String done = conv.readLine();
        if (done != null) {
            conv.send(done.equalsIgnoreCase("DONE") ? tag + " OK IDLE terminated" : tag + " BAD expected DONE");
        }
    }

    /** Whether {@code n} is in an IMAP set such as {@code 1:*} or {@code 2,4:5}; {@code *} is {@code max}. */
    private static boolean in(String set, long n, long max) {
        for (String part : set.split(",")) {
            String[] r = part.split(":");
            long a = r[0].equals("*") ? max : Long.parseLong(r[0]);
            long b = r.length < 2 ? a : r[1].equals("*") ? max : Long.parseLong(r[1]);
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    private String flags(DemoImapMailbox.Message m) {
        synchronized (mailbox) {
            return String.join(" ", new ArrayList<>(m.flags));
        }
    }

    private static String address(String email) {
        int at = email.indexOf('@');
        return "((NIL NIL " + quote(email.substring(0, at)) + " " + quote(email.substring(at + 1)) + "))";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** RFC 4616 PLAIN as the initial response: base64 of {@code [authzid] NUL authcid NUL passwd}. */
    private static boolean acceptsPlain(String args) {
        String[] w = args.split(" ");
        if (w.length != 2 || !w[0].equalsIgnoreCase("PLAIN")) {
            return false;
        }
        try {
            String[] parts = new String(Base64.getDecoder().decode(w[1]), StandardCharsets.UTF_8).split("\0", -1);
            return parts.length == 3 && parts[1].equals(USER) && parts[2].equals(PASSWORD);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
