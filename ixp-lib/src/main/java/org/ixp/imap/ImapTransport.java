package org.ixp.imap;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpType;
import org.ixp.Limits;
import org.ixp.Security;
import org.ixp.engine.AbstractTransport;
import org.ixp.engine.EngineResources;
import org.ixp.engine.Exchange;
import org.ixp.engine.ProtocolDecoder;
import org.ixp.engine.SessionContext;

/**
 * IIMAPTransport / IIMAPTransport2: IMAP (RFC 9051 IMAP4rev2, RFC 3501 IMAP4rev1) on the ixp engine.
 *
 * <p><b>Connect</b> ({@link ImapConnect}): the greeting (OK, PREAUTH; BYE → IXP_E_GREETING_REFUSED), CAPABILITY
 * (from the greeting's code or asked), STARTTLS (required by default: missing → IXP_E_STARTTLS_NOT_OFFERED before
 * any credential) or implicit TLS (port 993), then when asked to authenticate: AUTHENTICATE with SASL (SASL-IR when
 * offered) or LOGIN (only over TLS unless plaintext is allowed; never when LOGINDISABLED), through the shared
 * logon loop (AUTHRETRY), CAPABILITY again, ENABLE of IMAP4rev2 / UTF8=ACCEPT / CONDSTORE where offered, and
 * COMPRESS=DEFLATE where offered and allowed (only after authenticating).
 *
 * <p><b>Commands</b> need a connected session (IXP_E_NOT_CONNECTED otherwise, thrown) and, except NOOP,
 * CAPABILITY and ID, an authenticated one (IXP_E_IMAP_IMPROPER_SVRSTATE, thrown); Selected-state checks are the
 * server's (it answers NO or BAD). They are pipelined, never refused with IXP_E_BUSY: each gets a tag ({@code a1, a2, …}) and a
 * future. A command with a synchronizing literal waits for the commands before it to be written and holds the
 * ones after it until it completes. Every response reaches {@link ImapCallback#onResponse} as an
 * {@link ImapResponse} carrying the command's wParam/lParam; untagged responses go to the oldest command in flight
 * that takes that kind (SEARCH to SEARCH, LIST to LIST, FETCH to FETCH or STORE, EXPUNGE to EXPUNGE, the
 * mailbox data to SELECT/EXAMINE) and otherwise arrive as unsolicited updates with wParam = lParam = 0. Tagged
 * NO fails the future with IXP_E_IMAP_NO, BAD with IXP_E_IMAP_BAD. A tagged reply may come out of order (RFC 9051
 * §5.5): its command settles at once and its future completes once the commands sent before it have completed.
 *
 * <p><b>The sequence-number ↔ UID table</b> of the selected mailbox is kept by the transport as EXISTS, EXPUNGE,
 * VANISHED and FETCH responses carrying UID arrive, reset by SELECT/EXAMINE and at the end of a connection.
 *
 * <p><b>UIDVALIDITY.</b> The {@code uid…} methods take the UIDVALIDITY the UIDs belong to; if the selected
 * mailbox's UIDVALIDITY differs (or none is selected) they fail with IXP_E_IMAP_STALE_UIDVALIDITY (0x800CCCD4)
 * before anything is sent. The check is made on the I/O thread when the command is about to be sent.
 *
 * <p><b>Extensions</b> (IMAP4rev2 era): CONDSTORE ({@code select(…, condstore)}, CHANGEDSINCE / UNCHANGEDSINCE
 * forms of {@code fetch} and {@code store}), QRESYNC ({@link #resync}, VANISHED kept in the table), ESEARCH
 * ({@code esearch}), SORT, THREAD, QUOTA, MULTIAPPEND and literal8 APPEND ({@link ImapAppend}), LIST-EXTENDED with
 * LIST-STATUS ({@code listExtended}), MOVE and COPY with COPYUID ({@link ImapCompletion#copyUid()}). A command the
 * server does not offer is IXP_E_IMAP_NOT_SUPPORTED, thrown before anything is sent.
 *
 * <p><b>IDLE</b> ({@link #setIdleMode}): <b>off by default</b>, a deliberate deviation from the contract, whose
 * transport idles whenever no command is pending unless told not to. Two reasons. (1) The IDLE goes out on the I/O
 * thread the moment the last outstanding command completes, racing the caller's next command; when the IDLE wins,
 * that command waits for DONE and the IDLE's tagged OK. The natural use of this API, a sequence of futures
 * ({@code select(…).thenCompose(…)}, the CLI), would pay that round trip at unpredictable steps: the very cost the
 * SetIdleMode page names. (2) An IDLE in progress is a command in flight, so while idling {@code isState(BUSY)} is
 * true and {@code isState(READY)} false: on by default, a quiet session would never read READY. Callers who keep a
 * session open to watch a mailbox turn it on. When on and the server offers IDLE, the
 * transport idles whenever no command is outstanding; a new command first sends DONE; the IDLE is renewed every
 * {@link #setIdleRefresh} (default 28 minutes, before servers' 30-minute autologout). While idling the response
 * timeout does not run (the server speaks when it has news); DONE re-arms it, so a dead connection is noticed at the
 * latest at the next renewal or command.
 *
 * <p><b>Disconnect</b> = DONE if idling, then LOGOUT → {@code * BYE} + tagged OK → close
 * ({@link DisconnectResult.Ending#ACKNOWLEDGED}); LOGOUT never expunges. {@link #dropConnection()} sends nothing.
 * An untagged BYE the server sends on its own ends the session: onError with IXP_E_IMAP_BYE and its text, then
 * DISCONNECTED.
 */
public class ImapTransport extends AbstractTransport<ImapEvent, ImapCallback> {
    /** IMAP_CAPABILITY_IMAP4. */
    public static final int IMAP_CAPABILITY_IMAP4 = 0x1;
    /** IMAP_CAPABILITY_IMAP4rev1 (also set for IMAP4rev2 servers). */
    public static final int IMAP_CAPABILITY_IMAP4REV1 = 0x2;
    /** IMAP_CAPABILITY_IDLE. */
    public static final int IMAP_CAPABILITY_IDLE = 0x4;
    /** IMAP_CAPABILITY_ALLFLAGS. */
    public static final int IMAP_CAPABILITY_ALLFLAGS = 0x7;
    /** SetDefaultCP: IMAP_MBOXXLATE_DEFAULT (always convert mailbox names). */
    public static final int IMAP_MBOXXLATE_DEFAULT = 0;
    /** SetDefaultCP: IMAP_MBOXXLATE_DISABLE (send names as given). */
    public static final int IMAP_MBOXXLATE_DISABLE = 1;
    /** SetDefaultCP: IMAP_MBOXXLATE_DISABLEIMAP4. */
    public static final int IMAP_MBOXXLATE_DISABLEIMAP4 = 2;
    /** SetDefaultCP: IMAP_MBOXXLATE_VERBATIMOK. */
    public static final int IMAP_MBOXXLATE_VERBATIMOK = 4;
    /** SetDefaultCP: IMAP_MBOXXLATE_RETAINCP. */
    public static final int IMAP_MBOXXLATE_RETAINCP = 8;
    /** The line limit IMAP sessions use when the server settings keep the default 64 KiB (SEARCH results). */
    public static final int IMAP_DEFAULT_MAX_LINE = 8 << 20;

    /** Commands valid in any state (RFC 9051 §6.1); the others need an authenticated session. */
    private static final Set<String> ANY_STATE = Set.of("NOOP", "CAPABILITY", "ID");


    private final MsgSeqTable table = new MsgSeqTable();
    private final AtomicInteger tags = new AtomicInteger();
    private final AtomicLong txnIds = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Deque<ImapCommand<?>> active = new ArrayDeque<>();
    private volatile ImapDecoder decoder;
    private volatile SessionContext<ImapEvent> session;
    private volatile List<String> caps = List.of();
    private volatile boolean utf8;
    private volatile boolean greeted;
    private volatile boolean fetchEx;
    private volatile boolean idleMode;
    private volatile Duration idleRefresh = Duration.ofMinutes(28);
    private volatile int translate = IMAP_MBOXXLATE_DEFAULT;
    private volatile ImapCallback defaultHandler;
    private volatile String selectedName;
    private volatile Long uidValidity;
    private volatile boolean loggingOut;
    private volatile IdleCommand idle;
    private final Set<String> enabled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ImapCommand<?> awaitingContinuation;
    private ImapEvent.FetchBodyStart bodyStart;

    @Override
    public IxpType getIXPType() {
        return IxpType.IMAP;
    }

    // ================================================================== engine SPI

    @Override
    protected int defaultPort(Security security) {
        return security == Security.IMPLICIT_TLS ? 993 : 143;
    }

    @Override
    protected ProtocolDecoder<ImapEvent> newDecoder(InetServer server) {
        Limits l = server.limits();
        if (l.maxLineLength() == Limits.DEFAULT.maxLineLength()) {
            l = new Limits(IMAP_DEFAULT_MAX_LINE, l.maxLiteralSize(), l.maxReplyLines());
        }
        ImapDecoder d = new ImapDecoder(l);
        decoder = d;
        return d;
    }

    @Override
    protected void sessionStarting(InetServer server) {
        table.reset();
        tags.set(0);
        outstanding.set(0);
        active.clear();
        caps = List.of();
        utf8 = false;
        greeted = false;
        selectedName = null;
        uidValidity = null;
        loggingOut = false;
        idle = null;
        enabled.clear();
        awaitingContinuation = null;
        bodyStart = null;
        session = null;
    }

    @Override
    protected CompletableFuture<Void> openSession(SessionContext<ImapEvent> ctx) {
        session = ctx;
        return ImapConnect.open(this, ctx);
    }

    @Override
    protected List<String> logLines(ImapEvent event) {
        return ImapLog.lines(event);
    }

    @Override
    protected boolean isFailure(ImapEvent event) {
        return event instanceof ImapEvent.Tagged t && t.status() != ImapStatus.OK
                || event instanceof ImapEvent.Malformed;
    }

    @Override
    protected Exchange<ImapEvent, DisconnectResult> goodbye() {
        loggingOut = true;
        return new ImapCommand<DisconnectResult>(this, "LOGOUT") {
            private String bye;

            {
                text("LOGOUT");
            }

            @Override
            boolean wants(ImapEvent e) {
                return e instanceof ImapEvent.Bye;
            }

            @Override
            void untagged(ImapEvent e) {
                bye = ImapLog.line(e);
            }

            @Override
            void complete(ImapEvent.Tagged tg) {
                table.reset(); // the table is invalid once the session ends [OE]
                boolean ok = tg.status() == ImapStatus.OK || tg.status() == ImapStatus.BYE;
                succeed(new DisconnectResult(ok ? DisconnectResult.Ending.ACKNOWLEDGED
                        : DisconnectResult.Ending.REFUSED, ok && bye != null ? bye : ImapLog.line(tg)));
            }
        };
    }

    @Override
    protected boolean intercept(ImapEvent event, SessionContext<ImapEvent> ctx) {
        if (!greeted) {
            return false;
        }
        if (event instanceof ImapEvent.Tagged tg) {
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
            note("a tagged reply for no command in flight: " + ImapLog.line(tg));
            return true;
        }
        if (event instanceof ImapEvent.Continuation c) {
            ImapCommand<?> w = awaitingContinuation;
            if (w != null) {
                w.continued(c.text());
            } else {
                note("a continuation request nobody waits for: " + c.text());
            }
            return true;
        }
        if (event instanceof ImapEvent.Bye b) {
            ImapCommand<?> owner = owner(event);
            if (owner != null) {
                owner.untagged(event);
                return true;
            }
            if (!loggingOut) {
                emit(event, null);
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
        emit(event, owner);
        return true;
    }

    @Override
    protected void onUnsolicited(ImapEvent event, SessionContext<ImapEvent> ctx) {
        if (event instanceof ImapEvent.Tagged t) {
            note("a tagged reply for no command in flight: " + ImapLog.line(t));
            return;
        }
        super.onUnsolicited(event, ctx);
    }

    // ================================================================== the contract's overrides

    @Override
    public CompletableFuture<DisconnectResult> disconnect() {
        loggingOut = true;
        if (idle != null || idleMode) {
            try {
                operation(c -> { // read on the I/O thread, where maybeIdle may just have started an IDLE
                    IdleCommand i = idle;
                    if (i != null) {
                        i.done();
                    }
                    return CompletableFuture.completedFuture(null);
                }, false);
            } catch (IxpException ignored) {
                // not ready: the engine's disconnect handles it
            }
        }
        CompletableFuture<DisconnectResult> f = super.disconnect();
        f.whenComplete((r, e) -> table.reset());
        return f;
    }

    @Override
    public CompletableFuture<Void> dropConnection() {
        CompletableFuture<Void> f = super.dropConnection();
        table.reset();
        return f;
    }

    // ================================================================== IIMAPTransport: local methods

    /** Capability(DWORD*): the IMAP_CAPABILITY_* flags; IXP_E_IMAP_IMPROPER_SVRSTATE when not connected. */
    public int capability() {
        requireInit();
        if (!isState(org.ixp.IsState.CONNECTED)) {
            throw new IxpException(IxpCode.IXP_E_IMAP_IMPROPER_SVRSTATE, "not connected");
        }
        int f = 0;
        if (hasCapability("IMAP4")) {
            f |= IMAP_CAPABILITY_IMAP4;
        }
        if (hasCapability("IMAP4rev1") || hasCapability("IMAP4rev2")) {
            f |= IMAP_CAPABILITY_IMAP4REV1;
        }
        if (hasCapability("IDLE")) {
            f |= IMAP_CAPABILITY_IDLE;
        }
        return f;
    }

    /** Whether the server announced a capability (case-insensitive), e.g. {@code "AUTH=PLAIN"}, {@code "MOVE"}. */
    public boolean hasCapability(String name) {
        for (String c : caps) {
            if (c.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** NewIRangeList: a new, empty range list (sequence numbers). */
    public RangeList newRangeList() {
        return new RangeList();
    }

    /** SetDefaultCBHandler: the handler of commands given none (initially the one given to initNew). */
    public void setDefaultCBHandler(ImapCallback handler) {
        if (handler == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "handler is null");
        }
        defaultHandler = handler;
    }

    /** MsgSeqNumToUID: the UID of a message; 0 when no UID is known (OLE_E_BLANK); E_FAIL when out of range. */
    public long msgSeqNumToUID(long seq) {
        long uid = table.uid(seq);
        if (uid < 0) {
            throw new IxpException(IxpCode.E_FAIL, "sequence number " + seq + " is not in the table ("
                    + table.size() + " messages)");
        }
        return uid;
    }

    /** GetMsgSeqNumToUIDArray: a copy of the table (index seq-1), 0 where no UID is known. */
    public long[] getMsgSeqNumToUIDArray() {
        return table.toArray();
    }

    /** GetHighestMsgSeqNum. */
    public long getHighestMsgSeqNum() {
        return table.size();
    }

    /** ResetMsgSeqNumToUID (done automatically on SELECT/EXAMINE and at the end of a connection). */
    public void resetMsgSeqNumToUID() {
        table.reset();
    }

    /** RemoveSequenceNum: as an EXPUNGE does; E_FAIL when out of range. */
    public void removeSequenceNum(long seq) {
        if (!table.remove(seq)) {
            throw new IxpException(IxpCode.E_FAIL, "sequence number " + seq + " is not in the table");
        }
    }

    /** ResizeMsgSeqNumTable: as an EXISTS does. */
    public void resizeMsgSeqNumTable(long count) {
        try {
            table.resize(count);
        } catch (IllegalArgumentException e) {
            throw new IxpException(IxpCode.E_INVALIDARG, e.getMessage());
        }
    }

    /** UpdateSeqNumToUID: as a FETCH with UID does; E_INVALIDARG if either is 0. */
    public void updateSeqNumToUID(long seq, long uid) {
        if (!table.update(seq, uid)) {
            throw new IxpException(IxpCode.E_INVALIDARG, "sequence number and UID must be positive");
        }
    }

    /** The UIDVALIDITY of the selected mailbox, or {@code null}. */
    public Long uidValidity() {
        return uidValidity;
    }

    /** The selected mailbox's name, or {@code null}. */
    public String selectedMailbox() {
        return selectedName;
    }

    // ================================================================== IIMAPTransport2

    /** EnableFetchEx: FETCH responses arrive as UPDATE_MSG_EX (with ENVELOPE) rather than UPDATE_MSG. */
    public void enableFetchEx(boolean enable) {
        requireInit();
        fetchEx = enable;
    }

    /**
     * SetIdleMode: idle whenever no command is outstanding (when the server offers IDLE). Off until turned on (the
     * contract's default is on; see the class comment for why ixp's is not).
     */
    public void setIdleMode(boolean enable) {
        requireInit();
        idleMode = enable;
        if (enable) {
            SessionContext<ImapEvent> ctx = session;
            if (ctx != null && isState(org.ixp.IsState.CONNECTED)) {
                try {
                    operation(c -> {
                        maybeIdle();
                        return CompletableFuture.completedFuture(null);
                    }, false);
                } catch (IxpException ignored) {
                    // not ready yet: connect's end starts it
                }
            }
        } else {
            IdleCommand i = idle;
            if (i != null) {
                operation(c -> {
                    i.done();
                    return CompletableFuture.completedFuture(null);
                }, false);
            }
        }
    }

    /** How long one IDLE lasts before the transport renews it (RFC 2177: under 29 minutes). */
    public void setIdleRefresh(Duration refresh) {
        if (refresh == null || refresh.isNegative() || refresh.isZero()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "refresh must be positive");
        }
        idleRefresh = refresh;
    }

    /** Whether an IDLE is in progress (the server has said {@code +}); never once the session has ended. */
    public boolean isIdling() {
        IdleCommand i = idle;
        return i != null && i.idling() && isState(org.ixp.IsState.CONNECTED);
    }

    /** SetDefaultCP: the translation flags (IMAP_MBOXXLATE_*); code pages do not apply (names are Java strings). */
    public void setDefaultCP(int translateFlags, int codePage) {
        requireInit();
        translate = translateFlags;
    }

    /** MultiByteToModifiedUTF7. */
    public String multiByteToModifiedUTF7(String name) {
        return ModifiedUtf7.encode(Objects.requireNonNull(name, "name"));
    }

    /** ModifiedUTF7ToMultiByte; a name that is not valid modified UTF-7 is returned verbatim (IXP_S_IMAP_VERBATIM_MBOX). */
    public String modifiedUTF7ToMultiByte(String encoded) {
        String d = ModifiedUtf7.decodeOrNull(Objects.requireNonNull(encoded, "encoded"));
        return d == null ? encoded : d;
    }

    /** SetWindow: there is no window; callbacks run on the executor given to initNew. */
    public void setWindow() {
        requireInit();
    }

    /** ResetWindow: nothing to do. */
    public void resetWindow() {
        requireInit();
    }

    // ================================================================== commands

    /** SELECT: the mailbox's data as MAILBOX_UPDATE, APPLICABLE_FLAGS, PERMANENT_FLAGS, UIDVALIDITY, READWRITE_STATUS. */
    public CompletableFuture<ImapMailbox> select(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return submit(new SelectCommand(this, "SELECT", mailbox).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapMailbox> select(String mailbox) {
        return select(txn(), 0, null, mailbox);
    }

    /** EXAMINE: as select, read-only. */
    public CompletableFuture<ImapMailbox> examine(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return submit(new SelectCommand(this, "EXAMINE", mailbox).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapMailbox> examine(String mailbox) {
        return examine(txn(), 0, null, mailbox);
    }

    public CompletableFuture<ImapCompletion> create(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return simple(wParam, lParam, cb, "CREATE", mailbox);
    }

    public CompletableFuture<ImapCompletion> create(String mailbox) {
        return create(txn(), 0, null, mailbox);
    }

    public CompletableFuture<ImapCompletion> delete(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return simple(wParam, lParam, cb, "DELETE", mailbox);
    }

    public CompletableFuture<ImapCompletion> delete(String mailbox) {
        return delete(txn(), 0, null, mailbox);
    }

    public CompletableFuture<ImapCompletion> subscribe(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return simple(wParam, lParam, cb, "SUBSCRIBE", mailbox);
    }

    public CompletableFuture<ImapCompletion> unsubscribe(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return simple(wParam, lParam, cb, "UNSUBSCRIBE", mailbox);
    }

    public CompletableFuture<ImapCompletion> rename(long wParam, long lParam, ImapCallback cb, String from, String to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        ImapCommand<ImapCompletion> c = new ImapCommand<>(this, "RENAME");
        c.text("RENAME ").mailbox(from).text(" ").mailbox(to);
        return submit(c.txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> rename(String from, String to) {
        return rename(txn(), 0, null, from, to);
    }

    /** LIST reference pattern: MAILBOX_LISTING for each mailbox; the future has them all. */
    public CompletableFuture<List<ImapEvent.MailboxListing>> list(long wParam, long lParam, ImapCallback cb,
                                                                  String reference, String pattern) {
        return listing(wParam, lParam, cb, "LIST", ImapEvent.ListKind.LIST, reference, pattern);
    }

    public CompletableFuture<List<ImapEvent.MailboxListing>> list(String reference, String pattern) {
        return list(txn(), 0, null, reference, pattern);
    }

    /** LSUB reference pattern. */
    public CompletableFuture<List<ImapEvent.MailboxListing>> lsub(long wParam, long lParam, ImapCallback cb,
                                                                  String reference, String pattern) {
        return listing(wParam, lParam, cb, "LSUB", ImapEvent.ListKind.LSUB, reference, pattern);
    }

    /** STATUS mailbox (items), e.g. {@code "MESSAGES UNSEEN UIDNEXT UIDVALIDITY"}. */
    public CompletableFuture<ImapEvent.MailboxStatus> status(long wParam, long lParam, ImapCallback cb,
                                                             String mailbox, String items) {
        Objects.requireNonNull(items, "items");
        ImapCommand<ImapEvent.MailboxStatus> c = new ImapCommand<>(this, "STATUS") {
            private ImapEvent.MailboxStatus status;

            @Override
            boolean wants(ImapEvent e) {
                return e instanceof ImapEvent.MailboxStatus;
            }

            @Override
            void untagged(ImapEvent e) {
                status = (ImapEvent.MailboxStatus) e;
            }

            @Override
            ImapEvent.MailboxStatus result(ImapEvent.Tagged ok) {
                return status;
            }
        };
        String args = items.trim();
        c.text("STATUS ").mailbox(mailbox).text(" " + (args.startsWith("(") ? args : "(" + args + ")"));
        return submit(c.txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapEvent.MailboxStatus> status(String mailbox, String items) {
        return status(txn(), 0, null, mailbox, items);
    }

    /**
     * APPEND mailbox [(flags)] ["date"] {n}: the message is read from {@code message}, exactly {@code size} octets,
     * as the socket takes them. Without LITERAL+ the literal waits for the server's {@code +}; a {@code NO
     * [TRYCREATE]} instead means the literal is never sent (a TRYCREATE response, then the failed completion).
     *
     * @param flags IMAP flag names ({@code \Seen}…), or null
     * @param date  the internal date, or null for the server's clock
     */
    public CompletableFuture<ImapCompletion> append(long wParam, long lParam, ImapCallback cb, String mailbox,
                                                    Collection<String> flags, Instant date, InputStream message,
                                                    long size) {
        Objects.requireNonNull(message, "message");
        return append(wParam, lParam, cb, mailbox, List.of(new ImapAppend(flags, date, message, size, false)));
    }

    /**
     * APPEND of a message in memory: a literal8 ({@code ~{n}}) when it holds NUL or 8-bit octets and the server
     * offers BINARY; with NUL octets and no BINARY, IXP_E_IMAP_NOT_SUPPORTED (thrown, nothing sent).
     */
    public CompletableFuture<ImapCompletion> append(String mailbox, Collection<String> flags, Instant date,
                                                    byte[] message) {
        if (ImapAppend.hasNul(message) && !hasCapability("BINARY")) {
            requireInit();
            throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED,
                    "the message holds NUL octets, which only BINARY (RFC 3516) can carry: the server does not"
                            + " offer it");
        }
        return append(txn(), 0, null, mailbox, List.of(ImapAppend.of(message, flags, date)));
    }

    /** CLOSE (the contract's {@code Close()}: expunges \Deleted messages and leaves the mailbox). */
    public CompletableFuture<ImapCompletion> closeMailbox(long wParam, long lParam, ImapCallback cb) {
        ImapCommand<ImapCompletion> c = new ImapCommand<>(this, "CLOSE") {
            @Override
            ImapCompletion result(ImapEvent.Tagged ok) {
                deselected();
                return super.result(ok);
            }
        };
        return submit(c.text("CLOSE").txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> closeMailbox() {
        return closeMailbox(txn(), 0, null);
    }

    /** EXPUNGE: DELETED_MSG for each message removed. */
    public CompletableFuture<ImapCompletion> expunge(long wParam, long lParam, ImapCallback cb) {
        ImapCommand<ImapCompletion> c = new ImapCommand<>(this, "EXPUNGE") {
            @Override
            boolean wants(ImapEvent e) {
                return e instanceof ImapEvent.Expunge || e instanceof ImapEvent.Vanished;
            }
        };
        return submit(c.text("EXPUNGE").txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> expunge() {
        return expunge(txn(), 0, null);
    }

    /**
     * [UID] SEARCH [set] criteria: a SEARCH response, then the completion; the future has the numbers (UIDs when
     * {@code returnUids}). Uses ESEARCH ({@code RETURN (ALL)}) when offered, which keeps large results compact.
     *
     * @param range      restricts the search, or null
     * @param criteria   search keys as IMAP text, e.g. {@code "UNSEEN FROM \"alice\""}
     */
    public CompletableFuture<List<Long>> search(long wParam, long lParam, ImapCallback cb, String criteria,
                                                boolean returnUids, RangeList range, boolean uidRange) {
        Objects.requireNonNull(criteria, "criteria");
        org.ixp.Arguments.requireSafe("search criteria", criteria);
        SearchCommand c = new SearchCommand(this, returnUids);
        c.text((returnUids ? "UID " : "") + "SEARCH");
        if (hasCapability("ESEARCH") || hasCapability("IMAP4rev2")) {
            c.text(" RETURN (ALL)");
        }
        if (range != null && !range.isEmpty()) {
            c.text(" " + (uidRange ? "UID " : "") + range.toImapString());
        }
        c.text(" " + criteria);
        return submit(c.txn(wParam, lParam, cb));
    }

    public CompletableFuture<List<Long>> search(String criteria, boolean returnUids) {
        return search(txn(), 0, null, criteria, returnUids, null, false);
    }

    /** UID SEARCH with the UIDVALIDITY the caller's UIDs (in {@code range}) belong to. */
    public CompletableFuture<List<Long>> uidSearch(long uidValidity, String criteria, RangeList uids) {
        return checked(uidValidity, () -> search(txn(), 0, null, criteria, true, uids, true));
    }

    /**
     * [UID] FETCH set items: FETCH_BODY chunks (bodies streamed, flow-controlled), then UPDATE_MSG (or UPDATE_MSG_EX
     * after enableFetchEx) per message, then the completion. The future completes with the tagged reply.
     *
     * @param range the messages (sequence numbers, or UIDs when {@code uid}); required
     * @param items e.g. {@code "(UID FLAGS RFC822.SIZE BODY.PEEK[])"} or {@code "ALL"}
     */
    public CompletableFuture<ImapCompletion> fetch(long wParam, long lParam, ImapCallback cb, RangeList range,
                                                   boolean uid, String items) {
        return submit(rangeCommand("FETCH", range, uid, items).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> fetch(RangeList range, String items) {
        return fetch(txn(), 0, null, range, range != null && range.isUid(), items);
    }

    /** UID FETCH, checked against UIDVALIDITY first. */
    public CompletableFuture<ImapCompletion> uidFetch(long uidValidity, RangeList uids, String items) {
        return checked(uidValidity, () -> fetch(txn(), 0, null, uids, true, items));
    }

    /** [UID] STORE set args, e.g. {@code "+FLAGS (\\Seen)"}: UPDATE_MSG with the new flags, then the completion. */
    public CompletableFuture<ImapCompletion> store(long wParam, long lParam, ImapCallback cb, RangeList range,
                                                   boolean uid, String args) {
        return submit(rangeCommand("STORE", range, uid, args).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> store(RangeList range, String args) {
        return store(txn(), 0, null, range, range != null && range.isUid(), args);
    }

    /** UID STORE, checked against UIDVALIDITY first. */
    public CompletableFuture<ImapCompletion> uidStore(long uidValidity, RangeList uids, String args) {
        return checked(uidValidity, () -> store(txn(), 0, null, uids, true, args));
    }

    /** [UID] COPY set mailbox: the completion (COPYUID in its code under UIDPLUS), or TRYCREATE and NO. */
    public CompletableFuture<ImapCompletion> copy(long wParam, long lParam, ImapCallback cb, RangeList range,
                                                  boolean uid, String mailbox) {
        return submit(rangeCommand("COPY", range, uid, null).text(" ").mailbox(mailbox).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> copy(RangeList range, String mailbox) {
        return copy(txn(), 0, null, range, range != null && range.isUid(), mailbox);
    }

    /** UID COPY, checked against UIDVALIDITY first. */
    public CompletableFuture<ImapCompletion> uidCopy(long uidValidity, RangeList uids, String mailbox) {
        return checked(uidValidity, () -> copy(txn(), 0, null, uids, true, mailbox));
    }

    /** [UID] MOVE set mailbox (RFC 6851) where offered; EXPUNGE/VANISHED responses come with it. */
    public CompletableFuture<ImapCompletion> move(RangeList range, String mailbox) {
        return move(txn(), 0, null, range, range != null && range.isUid(), mailbox);
    }

    /** NOOP: unsolicited updates (0/0), then the completion. */
    public CompletableFuture<ImapCompletion> noop(long wParam, long lParam, ImapCallback cb) {
        return submit(new ImapCommand<ImapCompletion>(this, "NOOP").text("NOOP").txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> noop() {
        return noop(txn(), 0, null);
    }

    /** UNSELECT (RFC 3691, IMAP4rev2): leaves the mailbox without expunging. */
    public CompletableFuture<ImapCompletion> unselect() {
        ImapCommand<ImapCompletion> c = new ImapCommand<>(this, "UNSELECT") {
            @Override
            ImapCompletion result(ImapEvent.Tagged ok) {
                deselected();
                return super.result(ok);
            }
        };
        return submit(c.text("UNSELECT").txn(txn(), 0, null));
    }

    /** NAMESPACE (RFC 2342, IMAP4rev2): the personal, other users' and shared namespaces. */
    public CompletableFuture<ImapEvent.Namespace> namespace() {
        ImapCommand<ImapEvent.Namespace> c = new ImapCommand<>(this, "NAMESPACE") {
            private ImapEvent.Namespace found;

            @Override
            boolean wants(ImapEvent e) {
                return e instanceof ImapEvent.Namespace;
            }

            @Override
            void untagged(ImapEvent e) {
                found = (ImapEvent.Namespace) e;
            }

            @Override
            ImapEvent.Namespace result(ImapEvent.Tagged ok) {
                return found;
            }
        };
        return submit(c.text("NAMESPACE").txn(txn(), 0, null));
    }

    /**
     * ID (RFC 2971): sends {@code fields} (null for NIL) and returns the server's (empty for NIL).
     */
    public CompletableFuture<java.util.Map<String, String>> id(java.util.Map<String, String> fields) {
        ImapCommand<java.util.Map<String, String>> c = new ImapCommand<>(this, "ID") {
            private java.util.Map<String, String> found = java.util.Map.of();

            @Override
            boolean wants(ImapEvent e) {
                return e instanceof ImapEvent.Id;
            }

            @Override
            void untagged(ImapEvent e) {
                found = ((ImapEvent.Id) e).fields();
            }

            @Override
            java.util.Map<String, String> result(ImapEvent.Tagged ok) {
                return found;
            }
        };
        StringBuilder sb = new StringBuilder("ID ");
        if (fields == null || fields.isEmpty()) {
            sb.append("NIL");
        } else {
            sb.append('(');
            boolean first = true;
            for (java.util.Map.Entry<String, String> e : fields.entrySet()) {
                sb.append(first ? "" : " ").append(ImapQuoting.quote(e.getKey())).append(' ')
                        .append(e.getValue() == null ? "NIL" : ImapQuoting.quote(e.getValue()));
                first = false;
            }
            sb.append(')');
        }
        return submit(c.text(sb.toString()).txn(txn(), 0, null));
    }

    /** CAPABILITY asked again; updates {@link #getCapabilities()}. */
    public CompletableFuture<List<String>> refreshCapabilities() {
        return submit(new CapabilityCommand(this).txn(txn(), 0, null));
    }

    // ================================================================== extensions: CONDSTORE, QRESYNC, ESEARCH,
    // SORT, THREAD, QUOTA, MULTIAPPEND, BINARY, LIST-EXTENDED / LIST-STATUS, UIDPLUS MOVE (each checks that the
    // server offers what it needs: IXP_E_IMAP_NOT_SUPPORTED, thrown, nothing sent)

    /**
     * ENABLE (RFC 5161) the named capabilities; the future has those the server enabled. Connect already enables
     * IMAP4rev2, UTF8=ACCEPT and CONDSTORE where offered; {@link #resync} enables QRESYNC itself.
     */
    public CompletableFuture<List<String>> enable(long wParam, long lParam, ImapCallback cb,
                                                  List<String> capabilities) {
        if (capabilities == null || capabilities.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "ENABLE needs at least one capability");
        }
        requireCapability("ENABLE", "ENABLE");
        return submit(new EnableCommand(this, capabilities).txn(wParam, lParam, cb));
    }

    public CompletableFuture<List<String>> enable(List<String> capabilities) {
        return enable(txn(), 0, null, capabilities);
    }

    /** Whether the server has said {@code * ENABLED} for a capability in this session. */
    public boolean isEnabled(String capability) {
        return capability != null && enabled.contains(capability.toUpperCase(Locale.ROOT));
    }

    /**
     * SELECT mailbox (CONDSTORE) (RFC 7162 §3.1.8) when {@code condstore}: the mailbox's HIGHESTMODSEQ in
     * {@link ImapMailbox#highestModSeq()} ({@code null} for a NOMODSEQ mailbox).
     */
    public CompletableFuture<ImapMailbox> select(long wParam, long lParam, ImapCallback cb, String mailbox,
                                                 boolean condstore) {
        return submit(new SelectCommand(this, "SELECT", mailbox, condstoreParameter(condstore))
                .txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapMailbox> select(String mailbox, boolean condstore) {
        return select(txn(), 0, null, mailbox, condstore);
    }

    /** EXAMINE mailbox (CONDSTORE) when {@code condstore}. */
    public CompletableFuture<ImapMailbox> examine(long wParam, long lParam, ImapCallback cb, String mailbox,
                                                  boolean condstore) {
        return submit(new SelectCommand(this, "EXAMINE", mailbox, condstoreParameter(condstore))
                .txn(wParam, lParam, cb));
    }

    /**
     * [UID] FETCH set items (CHANGEDSINCE modseq [VANISHED]) (RFC 7162): only the messages whose mod-sequence is
     * above {@code changedSince}; with {@code vanished} (UID FETCH under an enabled QRESYNC) the server also sends
     * {@code VANISHED (EARLIER)} for the UIDs of the set expunged since, delivered as VANISHED responses.
     */
    public CompletableFuture<ImapCompletion> fetch(long wParam, long lParam, ImapCallback cb, RangeList range,
                                                   boolean uid, String items, long changedSince, boolean vanished) {
        Objects.requireNonNull(items, "items");
        requireCapability("CONDSTORE", "FETCH (CHANGEDSINCE)");
        if (vanished && !uid) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the VANISHED modifier needs UID FETCH (RFC 7162 §3.2.6)");
        }
        if (vanished && !isEnabled("QRESYNC")) {
            requireInit();
            throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED,
                    "the VANISHED modifier needs QRESYNC enabled (enable(List.of(\"QRESYNC\")))");
        }
        String args = items.trim() + " " + ImapArguments.changedSince(changedSince, vanished);
        return submit(rangeCommand("FETCH", range, uid, args, vanished).txn(wParam, lParam, cb));
    }

    /** UID FETCH … (CHANGEDSINCE …), checked against UIDVALIDITY first. */
    public CompletableFuture<ImapCompletion> uidFetch(long uidValidity, RangeList uids, String items,
                                                      long changedSince, boolean vanished) {
        return checked(uidValidity, () -> fetch(txn(), 0, null, uids, true, items, changedSince, vanished));
    }

    /**
     * [UID] STORE set (UNCHANGEDSINCE modseq) args (RFC 7162 §3.1.3): changes only the messages not modified since;
     * the others are named by {@link ImapCompletion#modified()} (the MODIFIED code, UIDs after UID STORE).
     */
    public CompletableFuture<ImapCompletion> store(long wParam, long lParam, ImapCallback cb, RangeList range,
                                                   boolean uid, String args, long unchangedSince) {
        Objects.requireNonNull(args, "args");
        requireCapability("CONDSTORE", "STORE (UNCHANGEDSINCE)");
        return submit(rangeCommand("STORE", range, uid, ImapArguments.unchangedSince(unchangedSince) + " "
                + args.trim()).txn(wParam, lParam, cb));
    }

    /** UID STORE (UNCHANGEDSINCE …), checked against UIDVALIDITY first. */
    public CompletableFuture<ImapCompletion> uidStore(long uidValidity, RangeList uids, String args,
                                                      long unchangedSince) {
        return checked(uidValidity, () -> store(txn(), 0, null, uids, true, args, unchangedSince));
    }

    /**
     * [UID] SEARCH RETURN (options) [set] criteria (ESEARCH RFC 4731, IMAP4rev2): MIN, MAX, COUNT, ALL (and SAVE,
     * PARTIAL… as the server offers); no options means ALL. An ESEARCH response, then the completion; MODSEQ
     * criteria (CONDSTORE) add the highest mod-sequence of the matches.
     */
    public CompletableFuture<ImapSearchResult> esearch(long wParam, long lParam, ImapCallback cb, String criteria,
                                                       boolean uid, Collection<String> returnOptions,
                                                       RangeList range, boolean uidRange) {
        Objects.requireNonNull(criteria, "criteria");
        org.ixp.Arguments.requireSafe("search criteria", criteria);
        if (!hasCapability("ESEARCH") && !hasCapability("IMAP4rev2")) {
            requireCapability("ESEARCH", "SEARCH RETURN");
        }
        ESearchCommand c = new ESearchCommand(this, uid);
        c.text((uid ? "UID " : "") + "SEARCH " + ImapArguments.searchReturn(returnOptions));
        if (range != null && !range.isEmpty()) {
            c.text(" " + (uidRange ? "UID " : "") + range.toImapString());
        }
        c.text(" " + criteria);
        return submit(c.txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapSearchResult> esearch(String criteria, boolean uid, Collection<String> returnOptions) {
        return esearch(txn(), 0, null, criteria, uid, returnOptions, null, false);
    }

    /**
     * [UID] SORT (keys) charset criteria (RFC 5256): the matching messages in sorted order. Keys: ARRIVAL, CC,
     * DATE, FROM, SIZE, SUBJECT, TO (DISPLAYFROM, DISPLAYTO with SORT=DISPLAY), each may follow REVERSE.
     *
     * @param charset the charset of strings in the criteria, e.g. {@code UTF-8} (every server takes US-ASCII and
     *                UTF-8)
     */
    public CompletableFuture<List<Long>> sort(long wParam, long lParam, ImapCallback cb, Collection<String> keys,
                                              String charset, String criteria, boolean uid) {
        Objects.requireNonNull(criteria, "criteria");
        org.ixp.Arguments.requireSafe("search criteria", criteria);
        String sortKeys = ImapArguments.sortCriteria(keys);
        requireCapability("SORT", "SORT");
        if ((sortKeys.contains("DISPLAYFROM") || sortKeys.contains("DISPLAYTO")) && !hasCapability("SORT=DISPLAY")) {
            throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED, "DISPLAYFROM/DISPLAYTO need SORT=DISPLAY");
        }
        return submit(new SortCommand(this, uid, sortKeys, ImapArguments.charset(charset), criteria)
                .txn(wParam, lParam, cb));
    }

    public CompletableFuture<List<Long>> sort(Collection<String> keys, String criteria, boolean uid) {
        return sort(txn(), 0, null, keys, "UTF-8", criteria, uid);
    }

    /**
     * [UID] THREAD algorithm charset criteria (RFC 5256: REFERENCES, ORDEREDSUBJECT; REFS, RFC 5957): the threads
     * as trees. Needs {@code THREAD=algorithm}.
     */
    public CompletableFuture<List<ImapEvent.ThreadNode>> thread(long wParam, long lParam, ImapCallback cb,
                                                                String algorithm, String charset, String criteria,
                                                                boolean uid) {
        Objects.requireNonNull(criteria, "criteria");
        org.ixp.Arguments.requireSafe("search criteria", criteria);
        String alg = ImapArguments.threadAlgorithm(algorithm);
        requireCapability("THREAD=" + alg, "THREAD " + alg);
        return submit(new ThreadCommand(this, uid, alg, ImapArguments.charset(charset), criteria)
                .txn(wParam, lParam, cb));
    }

    public CompletableFuture<List<ImapEvent.ThreadNode>> thread(String algorithm, String criteria, boolean uid) {
        return thread(txn(), 0, null, algorithm, "UTF-8", criteria, uid);
    }

    /** GETQUOTA root (RFC 9208): the root's QUOTA ({@code null} if the server sent none). Needs QUOTA. */
    public CompletableFuture<ImapEvent.Quota> getQuota(long wParam, long lParam, ImapCallback cb, String root) {
        Objects.requireNonNull(root, "root");
        requireCapability("QUOTA", "GETQUOTA");
        QuotaCommand c = new QuotaCommand(this, "GETQUOTA", null);
        c.text("GETQUOTA ").astring(root, false);
        return submit(c.txn(wParam, lParam, cb)).thenApply(r -> r.quotas().isEmpty() ? null : r.quotas().get(0));
    }

    public CompletableFuture<ImapEvent.Quota> getQuota(String root) {
        return getQuota(txn(), 0, null, root);
    }

    /** GETQUOTAROOT mailbox (RFC 9208): the mailbox's quota roots and their quotas. Needs QUOTA. */
    public CompletableFuture<ImapQuotaRoot> getQuotaRoot(long wParam, long lParam, ImapCallback cb, String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        requireCapability("QUOTA", "GETQUOTAROOT");
        QuotaCommand c = new QuotaCommand(this, "GETQUOTAROOT", mailbox);
        c.text("GETQUOTAROOT ").mailbox(mailbox);
        return submit(c.txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapQuotaRoot> getQuotaRoot(String mailbox) {
        return getQuotaRoot(txn(), 0, null, mailbox);
    }

    /**
     * SETQUOTA root (resource limit …) (RFC 9208 §4.3): sets the limits (an empty map removes them); the future has
     * the QUOTA the server answered with, if any. Needs QUOTASET, or an RFC 2087 server (QUOTA and no QUOTA=RES-*).
     */
    public CompletableFuture<ImapQuotaRoot> setQuota(long wParam, long lParam, ImapCallback cb, String root,
                                                     java.util.Map<String, Long> limits) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(limits, "limits");
        StringBuilder sb = new StringBuilder("(");
        for (java.util.Map.Entry<String, Long> e : limits.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IxpException(IxpCode.E_INVALIDARG, "quota limit of " + e.getKey() + " must be >= 0");
            }
            sb.append(sb.length() > 1 ? " " : "").append(ImapArguments.quotaResource(e.getKey())).append(' ')
                    .append(e.getValue());
        }
        boolean rfc2087 = hasCapability("QUOTA") && caps.stream().noneMatch(x -> x.toUpperCase(Locale.ROOT)
                .startsWith("QUOTA=RES-"));
        if (!rfc2087) {
            requireCapability("QUOTASET", "SETQUOTA");
        }
        QuotaCommand c = new QuotaCommand(this, "SETQUOTA", null);
        c.text("SETQUOTA ").astring(root, false).text(" " + sb.append(')'));
        return submit(c.txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapQuotaRoot> setQuota(String root, java.util.Map<String, Long> limits) {
        return setQuota(txn(), 0, null, root, limits);
    }

    /**
     * APPEND of one message or, with MULTIAPPEND (RFC 3502), several in one command: each body its own literal,
     * streamed (see {@link ImapAppend}); the completion's APPENDUID names their UIDs in order. APPEND_PROGRESS per
     * 64 KiB chunk, counting all the messages. A {@code NO [TRYCREATE]} before the first {@code +} means no literal
     * octet was sent. Several messages without MULTIAPPEND: IXP_E_IMAP_NOT_SUPPORTED.
     */
    public CompletableFuture<ImapCompletion> append(long wParam, long lParam, ImapCallback cb, String mailbox,
                                                    List<ImapAppend> messages) {
        Objects.requireNonNull(mailbox, "mailbox");
        return submit(new AppendCommand(this, mailbox, messages).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> append(String mailbox, List<ImapAppend> messages) {
        return append(txn(), 0, null, mailbox, messages);
    }

    /**
     * Extended LIST (RFC 5258): {@code LIST (selection) reference (patterns) RETURN (options STATUS (items))}.
     * Selection: SUBSCRIBED, REMOTE, RECURSIVEMATCH (with another), SPECIAL-USE (RFC 6154). Return: CHILDREN,
     * SUBSCRIBED, SPECIAL-USE; {@code statusItems} adds STATUS (LIST-STATUS, RFC 5819: MESSAGES, UIDNEXT,
     * UIDVALIDITY, UNSEEN, DELETED, SIZE, HIGHESTMODSEQ…), each mailbox's STATUS paired with its listing.
     * MAILBOX_LISTING and MAILBOX_STATUS responses arrive as the server sends them.
     */
    public CompletableFuture<List<ImapListEntry>> listExtended(long wParam, long lParam, ImapCallback cb,
                                                               Collection<String> selection, String reference,
                                                               Collection<String> patterns,
                                                               Collection<String> returnOptions,
                                                               Collection<String> statusItems) {
        if (patterns == null || patterns.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "LIST needs at least one pattern");
        }
        boolean hasSelection = selection != null && !selection.isEmpty();
        boolean hasStatus = statusItems != null && !statusItems.isEmpty();
        String sel = hasSelection ? ImapArguments.listSelection(selection) : null;
        String ret = ImapArguments.listReturn(returnOptions, statusItems);
        if (hasSelection || patterns.size() > 1 || (returnOptions != null && !returnOptions.isEmpty())) {
            requireCapability("LIST-EXTENDED", "LIST with selection or return options or several patterns");
        }
        if (hasStatus) {
            requireCapability("LIST-STATUS", "LIST RETURN (STATUS …)");
        }
        boolean specialUse = (hasSelection && selection.stream().anyMatch("SPECIAL-USE"::equalsIgnoreCase))
                || (returnOptions != null && returnOptions.stream().anyMatch("SPECIAL-USE"::equalsIgnoreCase));
        if (specialUse) {
            requireCapability("SPECIAL-USE", "LIST SPECIAL-USE");
        }
        ListCommand c = new ListCommand(this, hasStatus);
        c.text("LIST ");
        if (sel != null) {
            c.text(sel + " ");
        }
        c.mailbox(reference == null ? "" : reference).text(" ");
        if (patterns.size() == 1) {
            c.mailbox(patterns.iterator().next());
        } else {
            c.text("(");
            boolean first = true;
            for (String p : patterns) {
                c.text(first ? "" : " ").mailbox(p);
                first = false;
            }
            c.text(")");
        }
        if (!ret.isEmpty()) {
            c.text(" " + ret);
        }
        return submit(c.txn(wParam, lParam, cb));
    }

    public CompletableFuture<List<ImapListEntry>> listExtended(Collection<String> selection, String reference,
                                                               Collection<String> patterns,
                                                               Collection<String> returnOptions,
                                                               Collection<String> statusItems) {
        return listExtended(txn(), 0, null, selection, reference, patterns, returnOptions, statusItems);
    }

    /**
     * [UID] MOVE set mailbox (RFC 6851): EXPUNGE or VANISHED responses for the moved messages, and under UIDPLUS
     * {@link ImapCompletion#copyUid()} (sent in an untagged OK before the expunges) maps source to destination UIDs.
     */
    public CompletableFuture<ImapCompletion> move(long wParam, long lParam, ImapCallback cb, RangeList range,
                                                  boolean uid, String mailbox) {
        requireCapability("MOVE", "MOVE");
        ImapCommand<ImapCompletion> c = rangeCommand("MOVE", range, uid, null);
        return submit(c.text(" ").mailbox(mailbox).txn(wParam, lParam, cb));
    }

    /** UID MOVE, checked against UIDVALIDITY first. */
    public CompletableFuture<ImapCompletion> uidMove(long uidValidity, RangeList uids, String mailbox) {
        return checked(uidValidity, () -> move(txn(), 0, null, uids, true, mailbox));
    }

    /**
     * Brings a cached mailbox up to date (RFC 7162) and selects it: the UIDs expunged since and the messages
     * changed (or new) since {@code highestModSeq}, as VANISHED and UPDATE_MSG responses and in the result. QRESYNC
     * when the server offers it (enabled first if needed; if the server refuses to enable it and {@code knownUids} is
     * given, CONDSTORE after all), else CONDSTORE ({@code knownUids} then required).
     * A UIDVALIDITY other than {@code uidValidity} fails with IXP_E_IMAP_STALE_UIDVALIDITY, a mailbox without
     * mod-sequences with IXP_E_IMAP_NOT_SUPPORTED; in both cases nothing in the mailbox has been changed and the cache
     * is void.
     *
     * @param knownUids the UIDs the client has cached (optional with QRESYNC: it narrows what the server reports)
     */
    public CompletableFuture<ImapResync> resync(String mailbox, long uidValidity, long highestModSeq,
                                                RangeList knownUids) {
        return resync(txn(), 0, null, mailbox, uidValidity, highestModSeq, knownUids, null, null, null);
    }

    /** As {@link #resync(String, long, long, RangeList)}, by the method given. */
    public CompletableFuture<ImapResync> resync(String mailbox, long uidValidity, long highestModSeq,
                                                RangeList knownUids, ImapResync.Method method) {
        return resync(txn(), 0, null, mailbox, uidValidity, highestModSeq, knownUids, null, null, method);
    }

    /**
     * The full form: {@code seqMatchSeqs}/{@code seqMatchUids} are QRESYNC's sequence match data (some message
     * numbers and the UIDs they had, so the server can skip VANISHED for what did not move); {@code method} null
     * chooses.
     */
    public CompletableFuture<ImapResync> resync(long wParam, long lParam, ImapCallback cb, String mailbox,
                                                long uidValidity, long highestModSeq, RangeList knownUids,
                                                RangeList seqMatchSeqs, RangeList seqMatchUids,
                                                ImapResync.Method method) {
        requireReady();
        return Resync.start(this, wParam, lParam, cb, mailbox, uidValidity, highestModSeq, knownUids, seqMatchSeqs,
                seqMatchUids, method);
    }

    private String condstoreParameter(boolean condstore) {
        if (condstore) {
            requireCapability("CONDSTORE", "SELECT/EXAMINE (CONDSTORE)");
        }
        return condstore ? "(CONDSTORE)" : null;
    }

    /** IXP_E_IMAP_NOT_SUPPORTED (after the usual not-initialised / not-connected checks) unless offered. */
    private void requireCapability(String capability, String what) {
        if (!hasCapability(capability)) {
            requireReady();
            throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED, what + " needs " + capability
                    + ", which the server does not offer");
        }
    }

    /** Throws IXP_E_NOT_INIT / IXP_E_NOT_CONNECTED as a command would. */
    void requireReady() {
        requireInit();
        readySession();
    }

    // ================================================================== internals

    private long txn() {
        return txnIds.incrementAndGet();
    }

    private CompletableFuture<ImapCompletion> simple(long w, long l, ImapCallback cb, String verb, String mailbox) {
        ImapCommand<ImapCompletion> c = new ImapCommand<>(this, verb);
        c.text(verb + " ").mailbox(mailbox);
        return submit(c.txn(w, l, cb));
    }

    private CompletableFuture<List<ImapEvent.MailboxListing>> listing(long w, long l, ImapCallback cb, String verb,
                                                                      ImapEvent.ListKind kind, String reference,
                                                                      String pattern) {
        ImapCommand<List<ImapEvent.MailboxListing>> c = new ImapCommand<>(this, verb) {
            private final List<ImapEvent.MailboxListing> found = new ArrayList<>();

            @Override
            boolean wants(ImapEvent e) {
                return e instanceof ImapEvent.MailboxListing m && m.kind() == kind;
            }

            @Override
            void untagged(ImapEvent e) {
                found.add((ImapEvent.MailboxListing) e);
            }

            @Override
            List<ImapEvent.MailboxListing> result(ImapEvent.Tagged ok) {
                return List.copyOf(found);
            }
        };
        c.text(verb + " ").mailbox(reference == null ? "" : reference).text(" ")
                .mailbox(pattern == null ? "" : pattern);
        return submit(c.txn(w, l, cb));
    }

    private ImapCommand<ImapCompletion> rangeCommand(String verb, RangeList range, boolean uid, String args) {
        return rangeCommand(verb, range, uid, args, false);
    }

    private ImapCommand<ImapCompletion> rangeCommand(String verb, RangeList range, boolean uid, String args,
                                                     boolean takesVanished) {
        if (range == null || range.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, verb + " needs a non-empty range");
        }
        ImapCommand<ImapCompletion> c = new RangeCommand(this, verb, takesVanished);
        c.text((uid ? "UID " : "") + verb + " " + range.toImapString());
        if (args != null) {
            org.ixp.Arguments.requireSafe(verb + " arguments", args);
            c.text(" " + args.trim());
        }
        return c;
    }

    private <R> CompletableFuture<R> checked(long validity, java.util.function.Supplier<CompletableFuture<R>> op) {
        Long current = uidValidity;
        if (current == null || current != validity) {
            requireInit();
            return CompletableFuture.failedFuture(new IxpException(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY,
                    "UIDVALIDITY " + validity + " does not hold: the selected mailbox "
                            + (current == null ? "is none" : "has " + current)));
        }
        return op.get();
    }

    /** Runs a command: DONE first if idling; queued behind a barrier in flight; never IXP_E_BUSY. */
    <R> CompletableFuture<R> submit(ImapCommand<R> c) {
        readySession();
        if (!ANY_STATE.contains(c.verb) && !isState(org.ixp.IsState.AUTHENTICATED)) {
            throw new IxpException(IxpCode.IXP_E_IMAP_IMPROPER_SVRSTATE, c.verb
                    + " needs an authenticated session (connect with authenticate, or a PREAUTH greeting)");
        }
        outstanding.incrementAndGet();
        c.future().whenComplete((r, e) -> {
            outstanding.decrementAndGet();
            maybeIdle();
        });
        try {
            return operation(ctx -> {
                IdleCommand i = idle;
                if (i != null) {
                    i.done();
                }
                return ctx.send(c);
            }, false);
        } catch (RuntimeException e) {
            outstanding.decrementAndGet();
            throw e;
        }
    }

    /** Enters IDLE when asked for, offered, and nothing else is outstanding (I/O thread). */
    void maybeIdle() {
        SessionContext<ImapEvent> ctx = session;
        if (!idleMode || loggingOut || idle != null || outstanding.get() > 0 || ctx == null || ctx.closing()
                || !hasCapability("IDLE") || !isState(org.ixp.IsState.CONNECTED)) {
            return;
        }
        IdleCommand i = new IdleCommand(this);
        idle = i;
        i.future().whenComplete((r, e) -> {
            if (idle == i) {
                idle = null;
            }
            i.cancelTimer();
            if (e != null) {
                IxpCode code = IxpException.unwrap(e).code();
                if (code == IxpCode.IXP_E_IMAP_NO || code == IxpCode.IXP_E_IMAP_BAD) {
                    idleMode = false; // refused: do not ask again and again
                    note("IDLE refused: idle mode is off");
                }
            }
            maybeIdle();
        });
        ctx.send(i);
    }

    /** Schedules the renewal of an IDLE (DONE, then IDLE again). */
    ScheduledFuture<?> scheduleRenewal(IdleCommand i) {
        long ms = idleRefresh.toMillis();
        return EngineResources.get().ioGroup().schedule(() -> {
            try {
                operation(c -> {
                    i.done();
                    return CompletableFuture.completedFuture(null);
                }, false);
            } catch (IxpException ignored) {
                // the connection has ended
            }
        }, ms, TimeUnit.MILLISECONDS);
    }

    String nextTag() {
        return "a" + tags.incrementAndGet();
    }

    boolean utf8() {
        return utf8;
    }

    void utf8(boolean on) {
        utf8 = on;
        ImapDecoder d = decoder;
        if (d != null) {
            d.utf8Names(on);
        }
    }

    /** The name as it goes on the wire: UTF-8 when enabled, as given when translation is off, else modified UTF-7. */
    String wireName(String name) {
        Objects.requireNonNull(name, "mailbox");
        if ((translate & IMAP_MBOXXLATE_DISABLE) != 0) {
            return name;
        }
        if (name.isEmpty()) {
            return name;
        }
        return ImapQuoting.mailboxName(name, utf8);
    }

    boolean nonSynchronizing(long size) {
        return hasCapability("LITERAL+") || (hasCapability("LITERAL-") && size <= 4096);
    }

    void started(ImapCommand<?> c) {
        active.add(c);
    }

    void completed(ImapCommand<?> c, ImapEvent.Tagged tg) {
        active.remove(c);
        emitCode(tg.code(), tg.text(), c);
        ImapResponse r = new ImapResponse(c.wParam, c.lParam, ImapResponseType.COMMAND_COMPLETION,
                tg.status() == ImapStatus.OK ? IxpResult.ok() : c.failure(tg).result(), tg.text(), tg);
        deliver(r, c.handler);
    }

    void awaitContinuation(ImapCommand<?> c) {
        awaitingContinuation = c;
    }

    void continuationDone(ImapCommand<?> c) {
        if (awaitingContinuation == c) {
            awaitingContinuation = null;
        }
    }

    void note(String text) {
        SessionContext<ImapEvent> s = session;
        if (s != null) {
            s.note(text);
        }
    }

    void recordGreeting(String line) {
        greeting(line);
    }

    void greeted() {
        greeted = true;
    }

    void recordCapabilities(List<String> list) {
        caps = List.copyOf(list);
        capabilities(list);
    }

    List<String> caps() {
        return caps;
    }

    void selecting(String name) {
        table.reset();
        selectedName = null;
        uidValidity = null;
    }

    void selected(String name, Long validity) {
        selectedName = name;
        uidValidity = validity;
    }

    void deselected() {
        selectedName = null;
        uidValidity = null;
        table.reset();
    }

    void appendProgress(ImapCommand<?> c, long uploaded, long total) {
        deliver(new ImapResponse(c.wParam, c.lParam, ImapResponseType.APPEND_PROGRESS, IxpResult.ok(), null,
                new ImapResponse.AppendProgress(uploaded, total)), c.handler);
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
        if (e instanceof ImapEvent.Exists x) {
            if (x.count() <= Integer.MAX_VALUE - 8) {
                table.resize(x.count());
            }
        } else if (e instanceof ImapEvent.Expunge x) {
            table.remove(x.seq());
        } else if (e instanceof ImapEvent.Fetch f) {
            f.uid().ifPresent(u -> table.update(f.seq(), u));
        } else if (e instanceof ImapEvent.Enabled en) {
            enabled.addAll(en.capabilities().stream().map(x -> x.toUpperCase(Locale.ROOT)).toList());
        } else if (e instanceof ImapEvent.Condition c && ResponseCode.CLOSED.equals(c.code())) {
            table.reset(); // QRESYNC: the previous mailbox's responses end here (RFC 7162 §3.2.11)
        } else if (e instanceof ImapEvent.Capability c) {
            recordCapabilities(c.capabilities());
        } else if (e instanceof ImapEvent.Condition c && c.code() instanceof ResponseCode.Capability cc) {
            recordCapabilities(cc.capabilities());
        }
    }

    /** The contract's responses for an untagged response. */
    private void emit(ImapEvent e, ImapCommand<?> owner) {
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
            deliver(new ImapResponse(w, l, ImapResponseType.DELETED_MSG, IxpResult.ok(), null, x.seq()), h);
        } else if (e instanceof ImapEvent.Vanished v) {
            RangeList uids;
            try {
                uids = v.uidList();
            } catch (IxpException bad) {
                note("VANISHED " + v.uids() + " ignored: " + bad.getMessage());
                return;
            }
            if (!v.earlier()) {
                for (long s : table.removeUids(uids)) { // highest first, as EXPUNGEs would come
                    deliver(new ImapResponse(w, l, ImapResponseType.DELETED_MSG, IxpResult.ok(), null, s), h);
                }
            }
            deliver(new ImapResponse(w, l, ImapResponseType.VANISHED, IxpResult.ok(), null, v), h);
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
            ImapEvent.FetchBodyStart s = bodyStart;
            String tag = s == null ? "" : s.section().contractTag();
            long total = s == null ? c.data().length : s.size();
            ImapResponse r = new ImapResponse(w, l, ImapResponseType.FETCH_BODY, IxpResult.ok(), null,
                    new ImapResponse.FetchBodyPart(c.seq(), tag, total, c.offset(), c.data(), c.last()));
            ImapCallback target = h != null ? h : defaultHandler;
            dispatchData(c.data().length, cb -> (target != null ? target : cb).onResponse(r, this));
        } else if (e instanceof ImapEvent.Fetch f) {
            deliver(new ImapResponse(w, l, fetchEx ? ImapResponseType.UPDATE_MSG_EX : ImapResponseType.UPDATE_MSG,
                    IxpResult.ok(), null, f), h);
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
            emitCode(c.code(), c.text(), owner);
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

    /** The contract's responses for a response code (untagged or tagged). */
    private void emitCode(ResponseCode code, String text, ImapCommand<?> owner) {
        if (code == null) {
            return;
        }
        long w = owner == null ? 0 : owner.wParam;
        long l = owner == null ? 0 : owner.lParam;
        ImapCallback h = owner == null ? null : owner.handler;
        ImapResponseType type = null;
        Object data = null;
        if (code == ResponseCode.ALERT || code.equals(ResponseCode.ALERT)) {
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
            deliver(new ImapResponse(w, l, type, IxpResult.ok(), data == null ? text : null, data), h);
        }
    }

    private void deliver(ImapResponse r, ImapCallback handler) {
        ImapCallback target = handler != null ? handler : defaultHandler;
        dispatch(cb -> (target != null ? target : cb).onResponse(r, this));
    }

    /** The connect flow's responses (COMMAND_COMPLETION of STARTTLS, LOGIN…), unsolicited. */
    void respond(ImapResponse r) {
        deliver(r, null);
    }

    /** A response a composite operation (resync) makes up, to its handler. */
    void respond(ImapResponse r, ImapCallback handler) {
        deliver(r, handler);
    }

    @Override
    public void initNew(java.nio.file.Path logFile, ImapCallback callback, java.util.concurrent.Executor executor) {
        super.initNew(logFile, callback, executor);
        defaultHandler = null;
    }
}
