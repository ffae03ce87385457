package org.ixp.pop3;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpType;
import org.ixp.Secret;
import org.ixp.Security;
import org.ixp.engine.AbstractTransport;
import org.ixp.engine.Exchange;
import org.ixp.engine.Futures;
import org.ixp.engine.ProtocolDecoder;
import org.ixp.engine.SessionContext;
import org.ixp.sasl.SaslCredentials;
import org.ixp.sasl.SaslMechanism;
import org.ixp.sasl.SaslMechanisms;

/**
 * IPOP3Transport: POP3 (RFC 1939) on the ixp engine.
 *
 * <p>Connect reads the greeting (noting an APOP timestamp), asks CAPA (falling back to RFC 1939 defaults without it),
 * upgrades with STLS (required by default; {@link Security#IMPLICIT_TLS} uses port 995), asks CAPA again, says UTF8
 * when offered and, when asked to authenticate, logs on with the strongest method both sides allow
 * ({@link Pop3LogonChoice}: SASL, APOP or USER/PASS, none revealing the password without TLS unless allowed),
 * prompting through {@code onLogonPrompt} when refused. Its terminal state is {@link Pop3Command#CONNECTED}.
 *
 * <p>Commands follow the session's state ({@link Pop3State}): one in the wrong state is refused at once with
 * IXP_E_POP3_WRONG_STATE, and the per-message ones (LIST, UIDL, TOP, RETR, DELE, and markItem) need STAT first
 * (IXP_E_POP3_NEED_STAT). One command runs at a time (IXP_E_BUSY); a command over several messages pipelines them when
 * the server offers PIPELINING. RETR and TOP stream the message in chunks, in constant memory.
 *
 * <p>Futures and callbacks are independent streams (so {@code join()} inside a callback never deadlocks): a command's
 * future may complete before {@code onResponse} has seen the command's last responses. Code that gathers data in
 * {@code onResponse} waits for the response whose {@code done()} is true; the {@code OutputStream} forms of RETR and
 * TOP complete only once everything has been written.
 *
 * <p>Disconnect sends QUIT. Only its {@code +OK}, after QUIT in TRANSACTION, means the server has removed the messages
 * marked deleted: see {@link #deletionsCommitted()} and {@link Pop3Response.QuitInfo}. DropConnection sends nothing, so
 * the server removes nothing.
 */
public class Pop3Transport extends AbstractTransport<Pop3Event, Pop3Callback> {
    /** Commands on the wire at once, over PIPELINING. */
    static final int WINDOW = 16;

    private final Link link = new Link();
    private final Set<Pop3StreamWriter> writers = ConcurrentHashMap.newKeySet();
    private volatile Pop3Decoder decoder;
    private volatile Pop3Session session = new Pop3Session();

    @Override
    public IxpType getIXPType() {
        return IxpType.POP3;
    }

    // ------------------------------------------------------------------ state

    /** The session's POP3 state (AUTHORIZATION before logon and when not connected). */
    public Pop3State pop3State() {
        return session.state();
    }

    /** What the server announced in CAPA on the current (or last) connection. */
    public Pop3Capabilities pop3Capabilities() {
        return session.capabilities();
    }

    /**
     * ixp: whether the last session's deletions were committed, i.e. QUIT was sent in TRANSACTION and answered
     * {@code +OK}. False while a session is open, after DropConnection, after {@code -ERR} or no reply to QUIT, and
     * after a session that never logged on.
     */
    public boolean deletionsCommitted() {
        Pop3Response.QuitInfo q = session.quit();
        return q != null && q.deletionsCommitted();
    }

    /** ixp: how the last QUIT ended, or {@code null} if none was sent on the current or last connection. */
    public Pop3Response.QuitInfo lastQuit() {
        return session.quit();
    }

    /** ixp: the highest message number of the session (from STAT), 0 before STAT. */
    public long messageCount() {
        return session.highestId();
    }

    // ------------------------------------------------------------------ SPI

    @Override
    protected int defaultPort(Security security) {
        return security == Security.IMPLICIT_TLS ? 995 : 110;
    }

    @Override
    protected ProtocolDecoder<Pop3Event> newDecoder(InetServer server) {
        Pop3Decoder d = new Pop3Decoder(server.limits());
        decoder = d;
        return d;
    }

    @Override
    protected void sessionStarting(InetServer server) {
        session = new Pop3Session();
    }

    @Override
    protected List<String> logLines(Pop3Event event) {
        if (event instanceof Pop3Reply r) {
            return List.of(r.line());
        }
        if (event instanceof Pop3Event.Line l) {
            return List.of(l.text());
        }
        if (event instanceof Pop3Event.Continuation c) {
            return List.of(c.base64().isEmpty() ? "+" : "+ " + c.base64());
        }
        if (event instanceof Pop3Event.End) {
            return List.of(".");
        }
        return List.of(); // body chunks are not logged
    }

    @Override
    protected boolean isFailure(Pop3Event event) {
        return event instanceof Pop3Reply r && !r.ok();
    }

    @Override
    protected Exchange<Pop3Event, DisconnectResult> goodbye() {
        return new Pop3QuitExchange(link);
    }

    @Override
    protected void onUnsolicited(Pop3Event event, SessionContext<Pop3Event> ctx) {
        // e.g. "-ERR disconnected for inactivity" before the server closes (RFC 1939 §3 autologout)
        if (event instanceof Pop3Reply r && !r.ok()) {
            ctx.fail(Pop3Results.error(r, IxpCode.IXP_E_POP3_RESPONSE_ERROR, "the server ended the session"));
        } else {
            super.onUnsolicited(event, ctx);
        }
    }

    @Override
    public boolean handsOffCallback() {
        boolean had = super.handsOffCallback();
        for (Pop3StreamWriter w : writers) {
            w.handedOff();
        }
        return had;
    }

    // ------------------------------------------------------------------ connect

    @Override
    protected CompletableFuture<Void> openSession(SessionContext<Pop3Event> ctx) {
        return new Pop3Connect(this, link, session, ctx).run();
    }

    /** Records the greeting (for {@link #getGreeting()}); for {@link Pop3Connect}. */
    void noteGreeting(String line) {
        greeting(line);
    }

    /** Records the announced capabilities (for {@link #getCapabilities()}); for {@link Pop3Connect}. */
    void noteCapabilities(List<String> lines) {
        capabilities(lines);
    }

    // ------------------------------------------------------------------ AUTHORIZATION commands

    /** CommandUSER: {@code USER name}; then {@link #commandPASS}. Only in AUTHORIZATION (connect without logon). */
    public CompletableFuture<Pop3Reply> commandUSER(String userName) {
        String line = Pop3Commands.user(userName);
        Pop3Session st = checked(Pop3State.AUTHORIZATION, "USER");
        return command(new Pop3SingleExchange<>(link, Pop3Command.USER, line, line,
                IxpCode.IXP_E_POP3_INVALID_USER_NAME, "the server refused the user name", r -> replied(
                Pop3Command.USER, r)), true);
    }

    /**
     * CommandPASS: {@code PASS password} (logged as {@code PASS ****}); {@code +OK} enters TRANSACTION. Refused with
     * IXP_E_PLAINTEXT_AUTH_REFUSED on a connection without TLS unless the server settings allow plaintext logon.
     */
    public CompletableFuture<Pop3Reply> commandPASS(Secret password) {
        String line = Pop3Commands.pass(password);
        Pop3Session st = checked(Pop3State.AUTHORIZATION, "PASS");
        if (!st.encrypted() && !getServerInfo().allowPlaintextAuth()) {
            throw new IxpException(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED,
                    "PASS would send the password unencrypted; use TLS or allow plaintext logon");
        }
        return command(new Pop3SingleExchange<>(link, Pop3Command.PASS, line, "PASS ****",
                IxpCode.IXP_E_POP3_INVALID_PASSWORD, "the server refused the password", r -> {
                    st.loggedOn();
                    markAuthenticated();
                    return replied(Pop3Command.PASS, r);
                }), true);
    }

    /** CommandPASS with a plain string (wrapped in a {@link Secret}). */
    public CompletableFuture<Pop3Reply> commandPASS(String password) {
        if (password == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the password is missing");
        }
        return commandPASS(Secret.of(password));
    }

    /**
     * CommandAUTH: SASL logon (RFC 5034) with the named mechanism and the credentials of the server settings given to
     * connect; {@code +OK} enters TRANSACTION. Only in AUTHORIZATION.
     *
     * @throws IxpException E_INVALIDARG (unknown mechanism, no user name), IXP_E_PLAINTEXT_AUTH_REFUSED (a
     *                      password-revealing mechanism without TLS, not allowed), IXP_E_POP3_WRONG_STATE
     */
    public CompletableFuture<Pop3Reply> commandAUTH(String mechanism) {
        if (mechanism == null || mechanism.isBlank()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the SASL mechanism is missing");
        }
        Pop3Session st = checked(Pop3State.AUTHORIZATION, "AUTH");
        InetServer s = getServerInfo();
        SaslMechanism mech = SaslMechanisms.create(mechanism, new SaslCredentials(s.userName(), s.password(),
                s.oauthToken(), null), st.encrypted(), s.allowPlaintextAuth(), "pop", s.serverName());
        Pop3AuthExchange ex = new Pop3AuthExchange(link, mech, r -> {
            st.loggedOn();
            markAuthenticated();
        });
        ex.future().whenComplete((r, e) -> respond(Pop3Command.AUTH, r != null ? Pop3Results.of(r,
                IxpCode.IXP_E_AUTH_FAILED, "authentication with " + mech.name() + " failed")
                : IxpException.unwrap(e).result(), r));
        return command(ex, true).thenApply(r -> {
            if (!r.ok()) {
                throw Pop3Results.error(r, IxpCode.IXP_E_AUTH_FAILED, "authentication with " + mech.name()
                        + " failed");
            }
            return r;
        });
    }

    // ------------------------------------------------------------------ TRANSACTION commands

    /** CommandSTAT: the message count and size; also what the per-message commands and markItem check against. */
    public CompletableFuture<Pop3Response.StatInfo> commandSTAT() {
        Pop3Session st = checked(Pop3State.TRANSACTION, "STAT");
        return command(new Pop3SingleExchange<>(link, Pop3Command.STAT, Pop3Commands.stat(), Pop3Commands.stat(),
                IxpCode.IXP_E_POP3_RESPONSE_ERROR, "STAT refused", r -> {
                    Pop3Response.StatInfo info = Pop3Parse.stat(r.text());
                    st.stat(info);
                    respond(new Pop3Response(Pop3Command.STAT, true, Pop3Results.ok(r), r, info));
                    return info;
                }), true);
    }

    /**
     * CommandLIST: message sizes. GET_ALL sends one {@code LIST}; GET_POPID and GET_MARKED one {@code LIST n} per
     * message. One response per message, the last done; the future gives them all.
     */
    public CompletableFuture<List<Pop3Response.ListInfo>> commandLIST(Pop3CmdType type, long popId) {
        Pop3Session st = checked(Pop3State.TRANSACTION, "LIST");
        Pop3Session.Messages m = st.select(type, popId, Pop3MarkType.LIST, "LIST");
        Exchange<Pop3Event, List<Pop3Response.Info>> ex = type == Pop3CmdType.GET_ALL
                ? Pop3ListingExchange.list(link, st.highestId())
                : Pop3ItemExchange.list(link, m.ids(), window(st));
        return command(ex, true).thenApply(items -> cast(items, Pop3Response.ListInfo.class));
    }

    /**
     * CommandUIDL: unique ids, the identity of a message across sessions (message numbers are per session). GET_ALL
     * sends one {@code UIDL}; the others one {@code UIDL n} per message.
     */
    public CompletableFuture<List<Pop3Response.UidlInfo>> commandUIDL(Pop3CmdType type, long popId) {
        Pop3Session st = checked(Pop3State.TRANSACTION, "UIDL");
        Pop3Session.Messages m = st.select(type, popId, Pop3MarkType.UIDL, "UIDL");
        Exchange<Pop3Event, List<Pop3Response.Info>> ex = type == Pop3CmdType.GET_ALL
                ? Pop3ListingExchange.uidl(link, st.highestId())
                : Pop3ItemExchange.uidl(link, m.ids(), window(st));
        return command(ex, true).thenApply(items -> cast(items, Pop3Response.UidlInfo.class));
    }

    /**
     * CommandDELE: marks messages deleted. The server removes them only when QUIT is answered {@code +OK}
     * ({@link #deletionsCommitted()}); RSET or DropConnection undoes the marks. The future gives the message numbers
     * marked.
     */
    public CompletableFuture<List<Long>> commandDELE(Pop3CmdType type, long popId) {
        Pop3Session st = checked(Pop3State.TRANSACTION, "DELE");
        Pop3Session.Messages m = st.select(type, popId, Pop3MarkType.DELE, "DELE");
        return command(Pop3ItemExchange.dele(link, m.ids(), window(st)), true).thenApply(items -> {
            List<Long> ids = new ArrayList<>();
            for (Pop3Response.Info i : items) {
                ids.add(((Pop3Response.DeleInfo) i).popId());
            }
            return ids;
        });
    }

    /**
     * CommandRETR: the whole message(s), streamed to {@code onResponse} as {@link Pop3Response.RetrInfo} chunks
     * (constant memory: reading pauses while the callback is behind). The future completes when the last message is
     * done, with what was transferred.
     */
    public CompletableFuture<Pop3Transfer> commandRETR(Pop3CmdType type, long popId) {
        Pop3Session st = checked(Pop3State.TRANSACTION, "RETR");
        Pop3Session.Messages m = st.select(type, popId, Pop3MarkType.RETR, "RETR");
        return command(Pop3BodyExchange.retr(link, m.ids(), window(st), null), true);
    }

    /**
     * ixp: RETR of one message into {@code out} (flushed, not closed), in constant memory; the chunks also go to
     * {@code onResponse}. The future completes with the bytes written once all are written.
     */
    public CompletableFuture<Long> commandRETR(long popId, OutputStream out) {
        requireStream(out);
        Pop3Session st = checked(Pop3State.TRANSACTION, "RETR");
        Pop3Session.Messages m = st.select(Pop3CmdType.GET_POPID, popId, Pop3MarkType.RETR, "RETR");
        Pop3StreamWriter w = new Pop3StreamWriter(out);
        return track(w, command(Pop3BodyExchange.retr(link, m.ids(), 1, w), true));
    }

    /** CommandTOP: the header and the first {@code lines} body lines, streamed as {@link Pop3Response.TopInfo}. */
    public CompletableFuture<Pop3Transfer> commandTOP(Pop3CmdType type, long popId, long lines) {
        requireLines(lines);
        Pop3Session st = checked(Pop3State.TRANSACTION, "TOP");
        Pop3Session.Messages m = st.select(type, popId, Pop3MarkType.TOP, "TOP");
        return command(Pop3BodyExchange.top(link, m.ids(), window(st), lines, null), true);
    }

    /** ixp: TOP of one message into {@code out}, as {@link #commandRETR(long, OutputStream)}. */
    public CompletableFuture<Long> commandTOP(long popId, long lines, OutputStream out) {
        requireLines(lines);
        requireStream(out);
        Pop3Session st = checked(Pop3State.TRANSACTION, "TOP");
        Pop3Session.Messages m = st.select(Pop3CmdType.GET_POPID, popId, Pop3MarkType.TOP, "TOP");
        Pop3StreamWriter w = new Pop3StreamWriter(out);
        return track(w, command(Pop3BodyExchange.top(link, m.ids(), 1, lines, w), true));
    }

    /** CommandNOOP: a round trip that changes nothing (keeps the session from the autologout timer). */
    public CompletableFuture<Pop3Reply> commandNOOP() {
        checked(Pop3State.TRANSACTION, "NOOP");
        return command(new Pop3SingleExchange<>(link, Pop3Command.NOOP, Pop3Commands.noop(), Pop3Commands.noop(),
                IxpCode.IXP_E_POP3_RESPONSE_ERROR, "NOOP refused", r -> replied(Pop3Command.NOOP, r)), true);
    }

    /** CommandRSET: the server unmarks every message marked deleted in this session. */
    public CompletableFuture<Pop3Reply> commandRSET() {
        Pop3Session st = checked(Pop3State.TRANSACTION, "RSET");
        return command(new Pop3SingleExchange<>(link, Pop3Command.RSET, Pop3Commands.rset(), Pop3Commands.rset(),
                IxpCode.IXP_E_POP3_RESPONSE_ERROR, "RSET refused", r -> {
                    st.reset();
                    return replied(Pop3Command.RSET, r);
                }), true);
    }

    /**
     * CommandQUIT: the graceful end, as {@link #disconnect()} (POP3_QUIT: "QUIT sent; the transport is closing its
     * socket"), but refused with IXP_E_BUSY while a command is in progress. The future says whether the deletions
     * were committed.
     */
    public CompletableFuture<Pop3Response.QuitInfo> commandQUIT() {
        requireConnected();
        if (isState(IsState.BUSY)) {
            throw new IxpException(IxpCode.IXP_E_BUSY, "a command is still in progress");
        }
        Pop3Session st = session;
        return disconnect().thenApply(r -> {
            Pop3Response.QuitInfo q = st.quit();
            return q != null ? q : new Pop3Response.QuitInfo(r.ending(), false, st.deletionsMarked());
        });
    }

    /**
     * MarkItem: selects (or unselects) a message for a later command with {@link Pop3CmdType#GET_MARKED}. Local; needs
     * STAT first.
     *
     * @throws IxpException IXP_E_NOT_CONNECTED, IXP_E_POP3_WRONG_STATE, IXP_E_POP3_NEED_STAT, IXP_E_POP3_NO_MESSAGES,
     *                      E_INVALIDARG (no mark type, or popId not a message of the session)
     */
    public void markItem(Pop3MarkType type, long popId, boolean marked) {
        requireConnected();
        session.mark(type, popId, marked);
    }

    /** ixp: whether {@link #markItem} marked the message for {@code type}. */
    public boolean isMarked(Pop3MarkType type, long popId) {
        return session.marked(type, popId);
    }

    // ------------------------------------------------------------------ helpers

    /** The precondition checks in the contract's order: NOT_INIT, NOT_CONNECTED, then the POP3 state. */
    private Pop3Session checked(Pop3State state, String command) {
        requireConnected();
        Pop3Session st = session;
        st.require(state, command);
        return st;
    }

    private void requireConnected() {
        readySession(); // IXP_E_NOT_INIT, IXP_E_NOT_CONNECTED (also while connecting or disconnecting)
    }

    private static int window(Pop3Session st) {
        return st.capabilities().pipelining() ? WINDOW : 1;
    }

    /**
     * The OutputStream forms' future: done when the writer has written (or failed) on the callback thread and the
     * command itself has completed, so that the next command is not refused with IXP_E_BUSY.
     */
    private CompletableFuture<Long> track(Pop3StreamWriter w, CompletableFuture<Pop3Transfer> command) {
        writers.add(w);
        w.future().whenComplete((v, e) -> writers.remove(w));
        return Futures.handOff(command.handle((t, e) -> w.future()).thenCompose(f -> f));
    }

    private static void requireStream(OutputStream out) {
        if (out == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the output stream is missing");
        }
    }

    private static void requireLines(long lines) {
        if (lines < 0) {
            throw new IxpException(IxpCode.E_INVALIDARG, "TOP line count must not be negative: " + lines);
        }
    }

    private static <T> List<T> cast(List<Pop3Response.Info> items, Class<T> type) {
        List<T> out = new ArrayList<>(items.size());
        for (Pop3Response.Info i : items) {
            out.add(type.cast(i));
        }
        return out;
    }

    private Pop3Reply replied(Pop3Command command, Pop3Reply r) {
        respond(new Pop3Response(command, true, Pop3Results.ok(r), r, null));
        return r;
    }

    void respond(Pop3Command command, IxpResult result, Pop3Reply reply) {
        respond(new Pop3Response(command, true, result, reply, null));
    }

    void respond(Pop3Response response) {
        if (wantsResponses()) {
            dispatch(cb -> cb.onResponse(response, this));
        }
    }

    /** Whether the callback implements onResponse: events nobody receives are not posted (a thread hop each). */
    private boolean wantsResponses() {
        return callbackWants("onResponse", Pop3Response.class, Pop3Transport.class);
    }

    /** The transport's side of its exchanges. */
    private final class Link implements Pop3Link {
        @Override
        public void expect(Pop3Decoder.Response response) {
            decoder.expect(response);
        }

        @Override
        public void respond(Pop3Response response) {
            Pop3Transport.this.respond(response);
        }

        @Override
        public void stream(long bytes, Pop3Response response, Pop3Sink sink) {
            boolean wants = wantsResponses();
            if (sink == null && !wants) {
                return; // nobody to deliver to: no post, no hop
            }
            dispatchData(bytes, cb -> {
                if (sink != null) {
                    sink.accept(response);
                }
                if (wants) {
                    cb.onResponse(response, Pop3Transport.this);
                }
            });
        }

        @Override
        public Pop3Session session() {
            return session;
        }
    }
}
