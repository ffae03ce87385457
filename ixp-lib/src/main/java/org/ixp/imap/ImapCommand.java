package org.ixp.imap;

import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.engine.EngineResources;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * One tagged IMAP command: its text and literals, the untagged responses it takes, its tagged completion.
 *
 * <p>The tag ({@code a1, a2, …}) is assigned when the command goes on the wire. A synchronizing literal waits
 * for the server's {@code +} (routed here by the transport, which lets only one command wait at a time: a command
 * with such a literal is a barrier); a tagged reply while waiting (e.g. {@code NO [TRYCREATE]}) ends the command
 * and the literal is never sent. With LITERAL+ (or LITERAL- within 4096 octets) literals go at once.
 *
 * <p>Tagged OK succeeds with {@link #result}; NO fails with IXP_E_IMAP_NO and BAD with IXP_E_IMAP_BAD, the
 * server's line as the response text.
 *
 * @param <R> the result type
 */
class ImapCommand<R> extends Exchange<ImapEvent, R> {
    /** A piece of the command: text, or a literal (bytes or a stream of known size; {@code ~{n}} when binary). */
    record Piece(String text, String log, byte[] bytes, InputStream stream, long size, boolean binary) {
        boolean literal() {
            return text == null;
        }
    }

    final ImapTransport t;
    final String verb;
    final List<Piece> pieces = new ArrayList<>();
    long wParam;
    long lParam;
    ImapCallback handler;
    String tag;
    private Wire wire;
    private int next;
    private boolean waiting;
    private boolean hasSyncLiteral;
    private Long requiredValidity;
    private boolean early;
    /** Octets of all streamed literals (APPEND_PROGRESS's total), read for the socket so far, queued so far. */
    private long streamTotal;
    private long streamed;
    private long queued;
    private boolean progressStarted;
    /** Every streamed literal (APPEND's messages) has left whole: a connection lost from now on leaves the outcome unknown. */
    private boolean allStreamed;

    ImapCommand(ImapTransport t, String verb) {
        this.t = t;
        this.verb = verb;
    }

    // ------------------------------------------------------------------ building

    ImapCommand<R> text(String s) {
        pieces.add(new Piece(s, s, null, null, 0, false));
        return this;
    }

    ImapCommand<R> secretText(String s) {
        pieces.add(new Piece(s, "****", null, null, 0, false));
        return this;
    }

    /** An astring (atom, quoted or literal as it needs); {@code secret} logs it as {@code ****}. */
    ImapCommand<R> astring(String s, boolean secret) {
        boolean utf8 = t.caps().utf8();
        if (ImapQuoting.form(s, utf8) == ImapQuoting.Form.LITERAL) {
            byte[] b = ImapQuoting.literal(s);
            String log = secret ? "****" : new String(b, StandardCharsets.UTF_8);
            pieces.add(new Piece(null, log, b, null, b.length, false));
        } else {
            String a = ImapQuoting.astring(s, utf8);
            pieces.add(new Piece(a, secret ? "****" : a, null, null, 0, false));
        }
        return this;
    }

    /** A mailbox name: modified UTF-7 (unless UTF-8 is enabled or translation is off), then an astring. */
    ImapCommand<R> mailbox(String name) {
        return astring(t.wireName(name), false);
    }

    /** A literal streamed from {@code in}: exactly {@code size} octets. */
    ImapCommand<R> stream(InputStream in, long size) {
        return stream(in, size, false);
    }

    /** A literal streamed from {@code in}: exactly {@code size} octets; a literal8 ({@code ~{n}}) when binary. */
    ImapCommand<R> stream(InputStream in, long size, boolean binary) {
        pieces.add(new Piece(null, "{" + size + " octets}", null, in, size, binary));
        streamTotal += size;
        return this;
    }

    ImapCommand<R> txn(long w, long l, ImapCallback h) {
        wParam = w;
        lParam = l;
        handler = h;
        return this;
    }

    /** {@code verb mailbox}: CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE. */
    static ImapCommand<ImapCompletion> onMailbox(ImapTransport t, String verb, String mailbox) {
        return new ImapCommand<ImapCompletion>(t, verb).text(verb + " ").mailbox(mailbox);
    }

    /** {@code RENAME from to}. */
    static ImapCommand<ImapCompletion> rename(ImapTransport t, String from, String to) {
        java.util.Objects.requireNonNull(from, "from");
        java.util.Objects.requireNonNull(to, "to");
        return new ImapCommand<ImapCompletion>(t, "RENAME").text("RENAME ").mailbox(from).text(" ").mailbox(to);
    }

    /** {@code EXPUNGE}: takes the EXPUNGE (or, under QRESYNC, VANISHED) responses it causes. */
    static ImapCommand<ImapCompletion> expunge(ImapTransport t) {
        return new ImapCommand<ImapCompletion>(t, "EXPUNGE") {
            @Override
            boolean wants(ImapEvent e) {
                return e instanceof ImapEvent.Expunge || e instanceof ImapEvent.Vanished;
            }
        }.text("EXPUNGE");
    }

    // ------------------------------------------------------------------ hooks

    /** Whether this command takes an untagged response (its data). */
    boolean wants(ImapEvent e) {
        return false;
    }

    /** An untagged response this command took. */
    void untagged(ImapEvent e) {
    }

    /** The result of a tagged OK. */
    @SuppressWarnings("unchecked")
    R result(ImapEvent.Tagged ok) {
        return (R) new ImapCompletion(ok.status(), ok.code(), ok.text());
    }

    /** The server's {@code +}: by default, send the literal it waits for. */
    void continued(String text) {
        if (!waiting) {
            t.note("a continuation request nobody waits for: " + text);
            return;
        }
        waiting = false;
        t.routing().continuationDone(this);
        writeLiteral(pieces.get(next));
        send(next + 1, false);
    }

    /** Settles the command on its tagged reply. */
    void complete(ImapEvent.Tagged tg) {
        if (tg.status() == ImapStatus.OK) {
            succeed(result(tg));
        } else {
            fail(failure(tg));
        }
    }

    IxpException failure(ImapEvent.Tagged tg) {
        IxpCode code = tg.status() == ImapStatus.BAD ? IxpCode.IXP_E_IMAP_BAD
                : tg.status() == ImapStatus.NO ? IxpCode.IXP_E_IMAP_NO : IxpCode.IXP_E_IMAP_BYE;
        return new IxpException(IxpResult.ofResponse(code, ImapLog.line(tg), 0, verb + " failed: " + tg.text()));
    }

    // ------------------------------------------------------------------ the exchange

    @Override
    protected boolean isBarrier() {
        if (pieces.stream().anyMatch(Piece::literal)) {
            for (Piece p : pieces) {
                if (p.literal() && !t.caps().nonSynchronizing(p.size())) {
                    hasSyncLiteral = true;
                }
            }
        }
        return hasSyncLiteral;
    }

    /**
     * The UIDVALIDITY the command's UIDs belong to: checked in {@link #start} against the selected mailbox as the
     * command goes out (a SELECT, EXAMINE, CLOSE or UNSELECT before it has completed by then: they are barriers).
     */
    void requireValidity(long validity) {
        requiredValidity = validity;
    }

    @Override
    protected void start(Wire wire) {
        if (requiredValidity != null) {
            IxpException stale = t.mailbox().stale(requiredValidity);
            if (stale != null) {
                throw stale; // the session fails this command; nothing was written
            }
        }
        this.wire = wire;
        this.tag = t.nextTag();
        t.routing().started(this);
        send(0, true);
    }

    Wire wire() {
        return wire;
    }

    private void send(int from, boolean first) {
        StringBuilder line = new StringBuilder();
        StringBuilder log = new StringBuilder();
        if (first) {
            line.append(tag).append(' ');
            log.append(tag).append(' ');
        }
        for (int i = from; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            if (!p.literal()) {
                line.append(p.text());
                log.append(p.log());
                continue;
            }
            boolean nonSync = t.caps().nonSynchronizing(p.size());
            String header = p.binary() ? ImapQuoting.literal8Header(p.size(), nonSync)
                    : ImapQuoting.literalHeader(p.size(), nonSync);
            line.append(header);
            log.append(header);
            wire.line(line.toString(), log.toString());
            line.setLength(0);
            log.setLength(0);
            if (!nonSync) {
                next = i;
                waiting = true;
                t.routing().awaitContinuation(this);
                return;
            }
            writeLiteral(p);
        }
        wire.line(line.toString(), log.length() == 0 ? null : log.toString());
    }

    private void writeLiteral(Piece p) {
        if (p.stream() == null) {
            wire.raw(Unpooled.wrappedBuffer(p.bytes()), p.log());
            return;
        }
        if (!progressStarted) {
            progressStarted = true;
            t.responses().appendProgress(this, 0, streamTotal);
        }
        queued += p.size(); // literals may be queued before the socket has taken the ones ahead
        long end = queued;
        LiteralInput body = new LiteralInput(p.stream(), p.size(), EngineResources.get().workers(),
                wire::resumeStream, n -> {
                    streamed += n;
                    if (streamed < end) {
                        t.responses().appendProgress(this, streamed, streamTotal); // one per chunk the socket took
                    }
                });
        wire.stream(body, p.log()).thenRun(() -> {
            allStreamed = end == streamTotal;
            t.responses().appendProgress(this, end, streamTotal);
        });
    }

    /**
     * Lost after the whole streamed message (every message of a MULTIAPPEND) went out and before the tagged reply: the
     * server may have stored it, so the outcome is unknown (IXP_E_OUTCOME_UNKNOWN, as SMTP's end of data and NNTP's
     * POST); ixp never resends. Lost before that point, the server cannot have completed the command: the cause stands.
     */
    @Override
    protected IxpException whenLost(IxpException cause) {
        if (!allStreamed) {
            return cause;
        }
        return new IxpException(IxpResult.ofSocket(IxpCode.IXP_E_OUTCOME_UNKNOWN, cause.result().socketError(),
                verb + ": the message was sent but the connection ended before the server's verdict ("
                        + cause.result().problem() + "): it may or may not have been stored; ixp does not resend"), cause);
    }

    /** The tagged reply arrived before those of older commands: settle now, leave the FIFO when they have. */
    void completeEarly(ImapEvent.Tagged tg) {
        waiting = false;
        t.routing().continuationDone(this);
        complete(tg);
        t.routing().completed(this, tg);
        early = true;
    }

    @Override
    protected boolean isCompleteEarly() {
        return early;
    }

    @Override
    protected boolean onEvent(ImapEvent event) {
        if (event instanceof ImapEvent.Tagged tg) {
            if (!tg.tag().equalsIgnoreCase(tag)) {
                t.note("tagged reply " + tg.tag() + " while " + tag + " is the oldest command: ignored");
                return false;
            }
            waiting = false;
            t.routing().continuationDone(this);
            complete(tg);
            t.routing().completed(this, tg);
            return true;
        }
        if (event instanceof ImapEvent.Continuation c) {
            continued(c.text());
            return false;
        }
        t.note("unexpected " + event.getClass().getSimpleName() + " for " + tag);
        return false;
    }

    @Override
    public String toString() {
        return (tag == null ? "" : tag + " ") + verb;
    }
}
