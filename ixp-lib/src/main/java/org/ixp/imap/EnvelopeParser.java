package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;

/** Reads an ENVELOPE (RFC 9051 §7.5.2) and its address lists. */
final class EnvelopeParser {
    private EnvelopeParser() {
    }

    static Envelope envelope(ImapReader r) {
        r.expect('(');
        r.skipSpaces();
        String date = r.nstring();
        r.sp();
        String subject = r.nstring();
        r.sp();
        List<ImapAddress> from = addresses(r);
        r.sp();
        List<ImapAddress> sender = addresses(r);
        r.sp();
        List<ImapAddress> replyTo = addresses(r);
        r.sp();
        List<ImapAddress> to = addresses(r);
        r.sp();
        List<ImapAddress> cc = addresses(r);
        r.sp();
        List<ImapAddress> bcc = addresses(r);
        r.sp();
        String inReplyTo = r.nstring();
        r.sp();
        String messageId = r.nstring();
        r.skipSpaces();
        r.expect(')');
        return new Envelope(date, ImapDates.headerDate(date), subject, from, sender, replyTo, to, cc, bcc, inReplyTo,
                messageId);
    }

    /** NIL or {@code (address…)}; quirk: {@code ()} (seen from Exchange) is read as empty too. */
    static List<ImapAddress> addresses(ImapReader r) {
        if (r.tryNil()) {
            return List.of();
        }
        r.expect('(');
        List<ImapAddress> out = new ArrayList<>();
        r.skipSpaces();
        while (!r.tryChar(')')) {
            out.add(address(r));
            r.skipSpaces();
        }
        return out;
    }

    private static ImapAddress address(ImapReader r) {
        r.expect('(');
        r.skipSpaces();
        String name = r.nstring();
        r.sp();
        String adl = r.nstring();
        r.sp();
        String mailbox = r.nstring();
        r.sp();
        String host = r.nstring();
        r.skipSpaces();
        r.expect(')');
        return new ImapAddress(name, adl, mailbox, host);
    }
}
