package org.ixp.imap;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/**
 * The contract's {@link ImapResponse}s for what the server says: each untagged response and response code becomes
 * zero or more responses (EXISTS → MAILBOX_UPDATE, a VANISHED without EARLIER → DELETED_MSG per message through the
 * sequence table then VANISHED, {@code [UIDVALIDITY n]} → UIDVALIDITY…), each tagged reply a COMMAND_COMPLETION;
 * body data goes as FETCH_BODY parts, and FETCH and EXPUNGE responses (the ones that come by the thousand) weighed
 * by {@link #weight}, with read backpressure. A response carries the wParam/lParam of the command it
 * belongs to (0/0 when unsolicited) and goes to that command's handler, else the default handler
 * ({@code setDefaultCBHandler}), else the callback given to initNew; always through the transport's serial
 * callback executor. Responses are made on the I/O thread.
 */
final class ContractResponses {
    private final ImapTransport t;
    private volatile ImapCallback defaultHandler;
    private volatile boolean fetchEx;
    private ImapEvent.FetchBodyStart bodyStart;

    /** Heap a parsed response holds per octet it took on the wire (an ENVELOPE FETCH: ~5 with its wrapper). */
    static final int HEAP_PER_OCTET = 4;
    /** Heap of a response and its queue entry beyond its octets. */
    static final int EVENT_OVERHEAD = 256;

    ContractResponses(ImapTransport t) {
        this.t = t;
    }

    void defaultHandler(ImapCallback handler) {
        defaultHandler = handler;
    }

    /** FETCH responses as UPDATE_MSG_EX (EnableFetchEx) rather than UPDATE_MSG. */
    void fetchEx(boolean on) {
        fetchEx = on;
    }

    void reset() {
        bodyStart = null;
    }

    /** The responses for an untagged response that went to {@code owner} (null: unsolicited). */
    void untagged(ImapEvent e, ImapCommand<?> owner) {
        long w = owner == null ? 0 : owner.wParam;
        long l = owner == null ? 0 : owner.lParam;
        ImapCallback h = owner == null ? null : owner.handler;
        if (e instanceof ImapEvent.Exists x) {
            deliver(new ImapResponse(w, l, ImapResponseType.MAILBOX_UPDATE, IxpResult.ok(), null,
                    new ImapResponse.MboxMsgCount(x.count(), null, null)), h);
        } else if (e instanceof ImapEvent.Recent x) {
            deliver(new ImapResponse(w, l, ImapResponseType.MAILBOX_UPDATE, IxpResult.ok(), null,
                    new ImapResponse.MboxMsgCount(null, x.count(), null)), h);
        } else if (e instanceof ImapEvent.Expunge x) {
            deliver(new ImapResponse(w, l, ImapResponseType.DELETED_MSG, IxpResult.ok(), null, x.seq()), h,
                    weight(e));
        } else if (e instanceof ImapEvent.Vanished v) {
            vanished(v, w, l, h);
        } else if (e instanceof ImapEvent.Sort s) {
            deliver(new ImapResponse(w, l, ImapResponseType.SORT, IxpResult.ok(), null, s.numbers()), h);
        } else if (e instanceof ImapEvent.Threads th) {
            deliver(new ImapResponse(w, l, ImapResponseType.THREAD, IxpResult.ok(), null, th), h);
        } else if (e instanceof ImapEvent.Quota q) {
            deliver(new ImapResponse(w, l, ImapResponseType.QUOTA, IxpResult.ok(), null, q), h);
        } else if (e instanceof ImapEvent.QuotaRoot q) {
            deliver(new ImapResponse(w, l, ImapResponseType.QUOTA_ROOT, IxpResult.ok(), null, q), h);
        } else if (e instanceof ImapEvent.ESearch s && owner instanceof ESearchCommand) {
            deliver(new ImapResponse(w, l, ImapResponseType.ESEARCH, IxpResult.ok(), null, s), h);
        } else if (e instanceof ImapEvent.Flags f) {
            deliver(new ImapResponse(w, l, ImapResponseType.APPLICABLE_FLAGS, IxpResult.ok(),
                    String.join(" ", f.flags()), ImapFlags.messageFlags(f.flags())), h);
        } else if (e instanceof ImapEvent.FetchBodyStart s) {
            bodyStart = s;
        } else if (e instanceof ImapEvent.FetchBodyChunk c) {
            bodyChunk(c, w, l, h);
        } else if (e instanceof ImapEvent.Fetch f) {
            deliver(new ImapResponse(w, l, fetchEx ? ImapResponseType.UPDATE_MSG_EX : ImapResponseType.UPDATE_MSG,
                    IxpResult.ok(), null, f), h, weight(e));
        } else if (e instanceof ImapEvent.Search s) {
            boolean uid = owner instanceof SearchCommand sc && sc.uid;
            RangeList rl = new RangeList(uid);
            s.numbers().forEach(rl::addSingleValue);
            deliver(new ImapResponse(w, l, ImapResponseType.SEARCH, IxpResult.ok(), null, rl), h);
        } else if (e instanceof ImapEvent.ESearch s) {
            RangeList rl = s.all() == null ? new RangeList(s.uid()) : RangeList.parse(s.all(), s.uid());
            deliver(new ImapResponse(w, l, ImapResponseType.SEARCH, IxpResult.ok(), null, rl), h);
        } else if (e instanceof ImapEvent.MailboxListing m) {
            deliver(new ImapResponse(w, l, ImapResponseType.MAILBOX_LISTING, IxpResult.ok(), null, m), h);
        } else if (e instanceof ImapEvent.MailboxStatus m) {
            deliver(new ImapResponse(w, l, ImapResponseType.MAILBOX_STATUS, IxpResult.ok(), null, m), h);
        } else if (e instanceof ImapEvent.Condition c) {
            code(c.code(), c.text(), owner);
            if (c.status() == ImapStatus.NO || c.status() == ImapStatus.BAD) {
                IxpCode code = c.status() == ImapStatus.NO ? IxpCode.IXP_E_IMAP_NO : IxpCode.IXP_E_IMAP_BAD;
                deliver(new ImapResponse(w, l, ImapResponseType.ERROR_NOTIFICATION,
                        IxpResult.ofResponse(code, ImapLog.line(c), 0, c.text()), c.text(), c), h);
            }
        } else if (e instanceof ImapEvent.Malformed m) {
            deliver(new ImapResponse(w, l, ImapResponseType.ERROR_NOTIFICATION,
                    IxpResult.ofResponse(IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE, m.raw(), 0, m.reason()), m.reason(),
                    m), h);
        } else if (e instanceof ImapEvent.Bye b) {
            deliver(new ImapResponse(0, 0, ImapResponseType.ERROR_NOTIFICATION,
                    IxpResult.ofResponse(IxpCode.IXP_E_IMAP_BYE, ImapLog.line(b), 0, b.text()), b.text(), b), null);
        }
    }

    private void vanished(ImapEvent.Vanished v, long w, long l, ImapCallback h) {
        RangeList uids;
        try {
            uids = v.uidList();
        } catch (IxpException bad) {
            t.note("VANISHED " + v.uids() + " ignored: " + bad.getMessage());
            return;
        }
        if (!v.earlier()) {
            for (long s : t.mailbox().table.removeUids(uids)) { // highest first, as EXPUNGEs would come
                deliver(new ImapResponse(w, l, ImapResponseType.DELETED_MSG, IxpResult.ok(), null, s), h);
            }
        }
        deliver(new ImapResponse(w, l, ImapResponseType.VANISHED, IxpResult.ok(), null, v), h);
    }

    private void bodyChunk(ImapEvent.FetchBodyChunk c, long w, long l, ImapCallback h) {
        ImapEvent.FetchBodyStart s = bodyStart;
        String tag = s == null ? "" : s.section().contractTag();
        long total = s == null ? c.data().length : s.size();
        ImapResponse r = new ImapResponse(w, l, ImapResponseType.FETCH_BODY, IxpResult.ok(), null,
                new ImapResponse.FetchBodyPart(c.seq(), tag, total, c.offset(), c.data(), c.last()));
        ImapCallback target = h != null ? h : defaultHandler;
        t.postData(c.data().length, cb -> (target != null ? target : cb).onResponse(r, t));
    }

    /** The responses for a response code (untagged or tagged). */
    private void code(ResponseCode code, String text, ImapCommand<?> owner) {
        if (code == null) {
            return;
        }
        ImapResponseType type = null;
        Object data = null;
        if (code.equals(ResponseCode.ALERT)) {
            type = ImapResponseType.SERVER_ALERT;
        } else if (code.equals(ResponseCode.PARSE)) {
            type = ImapResponseType.PARSE_ERROR;
        } else if (code.equals(ResponseCode.TRYCREATE)) {
            type = ImapResponseType.TRYCREATE;
        } else if (code.equals(ResponseCode.READ_WRITE) || code.equals(ResponseCode.READ_ONLY)) {
            type = ImapResponseType.READWRITE_STATUS;
            data = code.equals(ResponseCode.READ_WRITE);
        } else if (code instanceof ResponseCode.UidValidity v) {
            type = ImapResponseType.UIDVALIDITY;
            data = v.value();
        } else if (code instanceof ResponseCode.PermanentFlags p) {
            type = ImapResponseType.PERMANENT_FLAGS;
            data = ImapFlags.messageFlags(p.flags());
        } else if (code instanceof ResponseCode.Unseen u) {
            type = ImapResponseType.MAILBOX_UPDATE;
            data = new ImapResponse.MboxMsgCount(null, null, u.seq());
        }
        if (type != null) {
            deliver(new ImapResponse(owner == null ? 0 : owner.wParam, owner == null ? 0 : owner.lParam, type,
                    IxpResult.ok(), data == null ? text : null, data), owner == null ? null : owner.handler);
        }
    }

    /** A tagged reply: its code's responses, then COMMAND_COMPLETION. */
    void completion(ImapCommand<?> c, ImapEvent.Tagged tg) {
        code(tg.code(), tg.text(), c);
        deliver(new ImapResponse(c.wParam, c.lParam, ImapResponseType.COMMAND_COMPLETION,
                tg.status() == ImapStatus.OK ? IxpResult.ok() : c.failure(tg).result(), tg.text(), tg), c.handler);
    }

    /** APPEND_PROGRESS of a command streaming literals. */
    void appendProgress(ImapCommand<?> c, long uploaded, long total) {
        deliver(new ImapResponse(c.wParam, c.lParam, ImapResponseType.APPEND_PROGRESS, IxpResult.ok(), null,
                new ImapResponse.AppendProgress(uploaded, total)), c.handler);
    }

    /** A response to {@code handler} (or the default handler, or the initNew callback). */
    void deliver(ImapResponse r, ImapCallback handler) {
        deliver(r, handler, 0);
    }

    /**
     * A response weighing {@code weight} bytes of heap until the callback has taken it: with a weight, a consumer
     * slower than the server stops the reading (2 MiB queued) instead of letting thousands of responses pile up.
     */
    private void deliver(ImapResponse r, ImapCallback handler, long weight) {
        ImapCallback target = handler != null ? handler : defaultHandler;
        if (weight > 0) {
            t.postData(weight, cb -> (target != null ? target : cb).onResponse(r, t));
        } else {
            t.post(cb -> (target != null ? target : cb).onResponse(r, t));
        }
    }

    /** What a decoded response holds in the heap while it waits for the callback, estimated from its octets. */
    private long weight(ImapEvent e) {
        return t.framedBytes(e) * HEAP_PER_OCTET + EVENT_OVERHEAD;
    }
}
