package org.ixp.imap;

import java.util.ArrayDeque;
import java.util.Deque;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.engine.SessionContext;

/**
 * Where each response goes once the session is greeted (the transport's {@code intercept}), I/O thread only:
 * <ul>
 *   <li>a tagged reply: the oldest command's is left to the engine's FIFO; another command's settles it at once
 *       (out of order, RFC 9051 §5.5), delivered in turn; one for no command in flight is noted and dropped;</li>
 *   <li>a continuation request: to the one command waiting for it (at most one: a synchronizing literal makes its
 *       command a barrier);</li>
 *   <li>an untagged BYE: to LOGOUT if in flight, else the end of the session (IXP_E_IMAP_BYE);</li>
 *   <li>any other untagged response: first the session state ({@link #track}: the sequence table, ENABLED,
 *       CAPABILITY), then the oldest command in flight that {@link ImapCommand#wants} its kind, then the
 *       contract's responses ({@link ContractResponses}), unsolicited (0/0) when no command took it.</li>
 * </ul>
 */
final class UntaggedRouting {
    private final ImapTransport t;
    private final ContractResponses responses;
    private final Deque<ImapCommand<?>> active = new ArrayDeque<>();
    private ImapCommand<?> awaitingContinuation;

    UntaggedRouting(ImapTransport t, ContractResponses responses) {
        this.t = t;
        this.responses = responses;
    }

    void reset() {
        active.clear();
        awaitingContinuation = null;
    }

    /** Routes a response; false leaves it to the engine (the oldest command's tagged reply). */
    boolean route(ImapEvent event, SessionContext<ImapEvent> ctx) {
        if (event instanceof ImapEvent.Tagged tg) {
            return tagged(tg);
        }
        if (event instanceof ImapEvent.Continuation c) {
            ImapCommand<?> w = awaitingContinuation;
            if (w != null) {
                w.continued(c.text());
            } else {
                t.note("a continuation request nobody waits for: " + c.text());
            }
            return true;
        }
        if (event instanceof ImapEvent.Bye b) {
            ImapCommand<?> owner = owner(event);
            if (owner != null) {
                owner.untagged(event);
                return true;
            }
            if (!t.loggingOut()) {
                responses.untagged(event, null);
                ctx.fail(new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_IMAP_BYE, ImapLog.line(b), 0,
                        "the server ended the session: " + b.text())));
            }
            return true;
        }
        track(event);
        ImapCommand<?> owner = owner(event);
        if (owner != null) {
            owner.untagged(event);
        }
        responses.untagged(event, owner);
        return true;
    }

    private boolean tagged(ImapEvent.Tagged tg) {
        ImapCommand<?> head = active.peekFirst();
        if (head == null || tg.tag().equalsIgnoreCase(head.tag)) {
            return false; // the oldest command's reply: the engine's FIFO head
        }
        for (ImapCommand<?> c : active) {
            if (tg.tag().equalsIgnoreCase(c.tag)) {
                c.completeEarly(tg); // out of order (RFC 9051 §5.5): settled now, delivered in turn
                return true;
            }
        }
        t.note("a tagged reply for no command in flight: " + ImapLog.line(tg));
        return true;
    }

    /** A command went on the wire (it has its tag). */
    void started(ImapCommand<?> c) {
        active.add(c);
    }

    /** A command's tagged reply: it leaves the commands in flight; COMMAND_COMPLETION. */
    void completed(ImapCommand<?> c, ImapEvent.Tagged tg) {
        active.remove(c);
        responses.completion(c, tg);
    }

    void awaitContinuation(ImapCommand<?> c) {
        awaitingContinuation = c;
    }

    void continuationDone(ImapCommand<?> c) {
        if (awaitingContinuation == c) {
            awaitingContinuation = null;
        }
    }

    private ImapCommand<?> owner(ImapEvent e) {
        for (ImapCommand<?> c : active) {
            if (c.wants(e)) {
                return c;
            }
        }
        return null;
    }

    /** Session state from any untagged response, whoever it is for. */
    private void track(ImapEvent e) {
        MsgSeqTable table = t.mailbox().table;
        if (e instanceof ImapEvent.Exists x) {
            if (x.count() <= Integer.MAX_VALUE - 8) {
                table.resize(x.count());
            }
        } else if (e instanceof ImapEvent.Expunge x) {
            table.remove(x.seq());
        } else if (e instanceof ImapEvent.Fetch f) {
            f.uid().ifPresent(u -> table.update(f.seq(), u));
        } else if (e instanceof ImapEvent.Enabled en) {
            en.capabilities().forEach(t.caps()::enabled);
        } else if (e instanceof ImapEvent.Condition c && ResponseCode.CLOSED.equals(c.code())) {
            table.reset(); // QRESYNC: the previous mailbox's responses end here (RFC 7162 §3.2.11)
        } else if (e instanceof ImapEvent.Capability c) {
            t.recordCapabilities(c.capabilities());
        } else if (e instanceof ImapEvent.Condition c && c.code() instanceof ResponseCode.Capability cc) {
            t.recordCapabilities(cc.capabilities());
        }
    }
}
