package org.ixp.imap;

import java.util.List;

/** The protocol-log form of decoded responses (the decoder keeps no raw lines; this is a faithful summary). */
final class ImapLog {
    private ImapLog() {
    }

    static List<String> lines(ImapEvent e) {
        if (e instanceof ImapEvent.FetchBodyChunk || e instanceof ImapEvent.FetchBodyStart) {
            return List.of();
        }
        return List.of(line(e));
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

    private static String code(ResponseCode c) {
        if (c == null) {
            return "";
        }
        if (c instanceof ResponseCode.Simple s) {
            return " [" + s.name() + "]";
        }
        if (c instanceof ResponseCode.Capability cap) {
            return " [CAPABILITY " + String.join(" ", cap.capabilities()) + "]";
        }
        return " [" + c + "]";
    }
}
