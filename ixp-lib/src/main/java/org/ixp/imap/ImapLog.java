package org.ixp.imap;

import java.util.List;

/**
 * The protocol-log form of responses: the wire text the decoder framed ({@link ImapDecoder#wireText}: IMAP syntax as
 * the server sent it, small text literals inline, body data and long literals as a size note), and where there is
 * none, a rendering of the event in IMAP syntax ({@link #line}, also the response text of failures).
 */
final class ImapLog {
    private ImapLog() {
    }

    static List<String> lines(ImapEvent e, ImapDecoder decoder) {
        if (e instanceof ImapEvent.FetchBodyChunk || e instanceof ImapEvent.FetchBodyStart) {
            return List.of();
        }
        String wire = decoder == null ? null : decoder.wireText(e);
        return List.of(wire != null ? wire : line(e));
    }

    static String line(ImapEvent e) {
        if (e instanceof ImapEvent.Tagged t) {
            return t.tag() + " " + t.status() + code(t.code()) + (t.text().isEmpty() ? "" : " " + t.text());
        }
        if (e instanceof ImapEvent.Condition c) {
            return "* " + c.status() + code(c.code()) + (c.text().isEmpty() ? "" : " " + c.text());
        }
        if (e instanceof ImapEvent.Bye b) {
            return "* BYE" + code(b.code()) + (b.text().isEmpty() ? "" : " " + b.text());
        }
        if (e instanceof ImapEvent.Continuation c) {
            return "+ " + c.text();
        }
        if (e instanceof ImapEvent.Exists x) {
            return "* " + x.count() + " EXISTS";
        }
        if (e instanceof ImapEvent.Expunge x) {
            return "* " + x.seq() + " EXPUNGE";
        }
        if (e instanceof ImapEvent.Capability c) {
            return "* CAPABILITY " + String.join(" ", c.capabilities());
        }
        if (e instanceof ImapEvent.Unknown u) {
            return u.raw();
        }
        if (e instanceof ImapEvent.Malformed m) {
            return m.raw() + "   (malformed: " + m.reason() + ")";
        }
        return "* " + e;
    }

    /** A response code in IMAP syntax, with its leading space: {@code " [COPYUID 7 1:2 5:6]"}. */
    static String code(ResponseCode c) {
        if (c == null) {
            return "";
        }
        String data;
        if (c instanceof ResponseCode.UidValidity v) {
            data = Long.toString(v.value());
        } else if (c instanceof ResponseCode.UidNext v) {
            data = Long.toString(v.value());
        } else if (c instanceof ResponseCode.Unseen v) {
            data = Long.toString(v.seq());
        } else if (c instanceof ResponseCode.HighestModSeq v) {
            data = Long.toString(v.value());
        } else if (c instanceof ResponseCode.PermanentFlags p) {
            data = "(" + String.join(" ", p.flags()) + ")";
        } else if (c instanceof ResponseCode.Capability cap) {
            data = String.join(" ", cap.capabilities());
        } else if (c instanceof ResponseCode.AppendUid a) {
            data = a.uidValidity() + " " + a.uids();
        } else if (c instanceof ResponseCode.CopyUid u) {
            data = u.uidValidity() + " " + u.source() + " " + u.dest();
        } else if (c instanceof ResponseCode.Modified m) {
            data = m.set();
        } else if (c instanceof ResponseCode.BadCharset b) {
            data = b.charsets().isEmpty() ? null : "(" + String.join(" ", b.charsets()) + ")";
        } else if (c instanceof ResponseCode.Other o) {
            data = o.data();
        } else {
            data = null;
        }
        return " [" + c.name() + (data == null || data.isEmpty() ? "" : " " + data) + "]";
    }
}
