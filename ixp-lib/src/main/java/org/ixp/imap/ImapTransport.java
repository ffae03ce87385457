package org.ixp.imap;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpType;
import org.ixp.Limits;
import org.ixp.Security;
import org.ixp.engine.AbstractTransport;
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
 * before anything is sent. The check is made on the I/O thread as the command goes out; SELECT, EXAMINE, CLOSE
 * and UNSELECT are barriers (nothing is pipelined behind them), so it always sees the mailbox the command will
 * act on, also when a {@code uid…} call is pipelined right behind a SELECT.
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
 * <p><b>Inside.</b> Each command is a small {@link ImapCommand} subclass that builds its arguments (checking the
 * grammar and the capabilities it needs) and says which untagged responses it takes; {@link UntaggedRouting} sends
 * each response to its command, {@link ContractResponses} turns it into the contract's responses,
 * {@link IdleController} runs idle mode. This class holds the session's state and the public methods, each a line
 * that builds a command and submits it.
 *
 * <p><b>Disconnect</b> = DONE if idling, then LOGOUT → {@code * BYE} + tagged OK → close
 * ({@link DisconnectResult.Ending#ACKNOWLEDGED}); LOGOUT never expunges. {@link #dropConnection()} sends nothing.
 * An untagged BYE the server sends on its own ends the session: onError with IXP_E_IMAP_BYE and its text, then
 * DISCONNECTED.
 */
public class ImapTransport extends AbstractTransport<ImapEvent, ImapCallback> {
    /** The UIDVALIDITY a {@code uid…} method's commands carry, while it builds them (caller's thread). */
    private static final ThreadLocal<Long> REQUIRED_VALIDITY = new ThreadLocal<>();
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

    private final SelectedMailbox mailbox = new SelectedMailbox();
    private final AtomicInteger tags = new AtomicInteger();
    private final AtomicLong txnIds = new AtomicLong();
    private final ContractResponses responses = new ContractResponses(this);
    private final UntaggedRouting routing = new UntaggedRouting(this, responses);
    private final IdleController idle = new IdleController(this);
    private final ImapCapabilities caps = new ImapCapabilities();
    private volatile ImapDecoder decoder;
    private volatile SessionContext<ImapEvent> session;
    private volatile boolean greeted;
    private volatile int translate = IMAP_MBOXXLATE_DEFAULT;
    private volatile boolean loggingOut;

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
        mailbox.clear();
        tags.set(0);
        routing.reset();
        responses.reset();
        idle.reset();
        caps.reset();
        greeted = false;
        loggingOut = false;
        session = null;
    }

    @Override
    protected CompletableFuture<Void> openSession(SessionContext<ImapEvent> ctx) {
        session = ctx;
        return ImapConnect.open(this, ctx);
    }

    @Override
    protected List<String> logLines(ImapEvent event) {
        return ImapLog.lines(event, decoder);
    }

    @Override
    protected boolean isFailure(ImapEvent event) {
        return event instanceof ImapEvent.Tagged t && t.status() != ImapStatus.OK
                || event instanceof ImapEvent.Malformed;
    }

    @Override
    protected Exchange<ImapEvent, DisconnectResult> goodbye() {
        loggingOut = true;
        return new LogoutCommand(this);
    }

    @Override
    protected boolean intercept(ImapEvent event, SessionContext<ImapEvent> ctx) {
        return greeted && routing.route(event, ctx);
    }

    @Override
    protected void onUnsolicited(ImapEvent event, SessionContext<ImapEvent> ctx) {
        if (event instanceof ImapEvent.Tagged t) {
            note("a tagged reply for no command in flight: " + ImapLog.line(t));
            return;
        }
        super.onUnsolicited(event, ctx);
    }

    @Override
    public void initNew(java.nio.file.Path logFile, ImapCallback callback, java.util.concurrent.Executor executor) {
        super.initNew(logFile, callback, executor);
        responses.defaultHandler(null);
    }

    // ================================================================== the contract's overrides

    @Override
    public CompletableFuture<DisconnectResult> disconnect() {
        loggingOut = true;
        idle.leaveForGoodbye();
        CompletableFuture<DisconnectResult> f = super.disconnect();
        f.whenComplete((r, e) -> mailbox.table.reset());
        return f;
    }

    @Override
    public CompletableFuture<Void> dropConnection() {
        CompletableFuture<Void> f = super.dropConnection();
        mailbox.table.reset();
        return f;
    }

    // ================================================================== IIMAPTransport: local methods

    /** Capability(DWORD*): the IMAP_CAPABILITY_* flags; IXP_E_IMAP_IMPROPER_SVRSTATE when not connected. */
    public int capability() {
        requireInit();
        if (!isState(IsState.CONNECTED)) {
            throw new IxpException(IxpCode.IXP_E_IMAP_IMPROPER_SVRSTATE, "not connected");
        }
        return (hasCapability("IMAP4") ? IMAP_CAPABILITY_IMAP4 : 0)
                | (hasCapability("IMAP4rev1") || hasCapability("IMAP4rev2") ? IMAP_CAPABILITY_IMAP4REV1 : 0)
                | (hasCapability("IDLE") ? IMAP_CAPABILITY_IDLE : 0);
    }

    /** Whether the server announced a capability (case-insensitive), e.g. {@code "AUTH=PLAIN"}, {@code "MOVE"}. */
    public boolean hasCapability(String name) {
        return caps.has(name);
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
        responses.defaultHandler(handler);
    }

    /** MsgSeqNumToUID: the UID of a message; 0 when no UID is known (OLE_E_BLANK); E_FAIL when out of range. */
    public long msgSeqNumToUID(long seq) {
        return mailbox.uid(seq);
    }

    /** GetMsgSeqNumToUIDArray: a copy of the table (index seq-1), 0 where no UID is known. */
    public long[] getMsgSeqNumToUIDArray() {
        return mailbox.table.toArray();
    }

    /** GetHighestMsgSeqNum. */
    public long getHighestMsgSeqNum() {
        return mailbox.table.size();
    }

    /** ResetMsgSeqNumToUID (done automatically on SELECT/EXAMINE and at the end of a connection). */
    public void resetMsgSeqNumToUID() {
        mailbox.table.reset();
    }

    /** RemoveSequenceNum: as an EXPUNGE does; E_FAIL when out of range. */
    public void removeSequenceNum(long seq) {
        mailbox.remove(seq);
    }

    /** ResizeMsgSeqNumTable: as an EXISTS does. */
    public void resizeMsgSeqNumTable(long count) {
        mailbox.resize(count);
    }

    /** UpdateSeqNumToUID: as a FETCH with UID does; E_INVALIDARG if either is 0. */
    public void updateSeqNumToUID(long seq, long uid) {
        mailbox.update(seq, uid);
    }

    /** The UIDVALIDITY of the selected mailbox, or {@code null}. */
    public Long uidValidity() {
        return mailbox.uidValidity();
    }

    /** The selected mailbox's name, or {@code null}. */
    public String selectedMailbox() {
        return mailbox.name();
    }

    // ================================================================== IIMAPTransport2

    /** EnableFetchEx: FETCH responses arrive as UPDATE_MSG_EX (with ENVELOPE) rather than UPDATE_MSG. */
    public void enableFetchEx(boolean enable) {
        requireInit();
        responses.fetchEx(enable);
    }

    /**
     * SetIdleMode: idle whenever no command is outstanding (when the server offers IDLE). Off until turned on (the
     * contract's default is on; see the class comment for why ixp's is not).
     */
    public void setIdleMode(boolean enable) {
        requireInit();
        idle.mode(enable);
    }

    /** How long one IDLE lasts before the transport renews it (RFC 2177: under 29 minutes). */
    public void setIdleRefresh(Duration refresh) {
        idle.refresh(refresh);
    }

    /** Whether an IDLE is in progress (the server has said {@code +}); never once the session has ended. */
    public boolean isIdling() {
        return idle.idling() && isState(IsState.CONNECTED);
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
        return submit(ImapCommand.onMailbox(this, "CREATE", mailbox).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> create(String mailbox) {
        return create(txn(), 0, null, mailbox);
    }

    public CompletableFuture<ImapCompletion> delete(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return submit(ImapCommand.onMailbox(this, "DELETE", mailbox).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> delete(String mailbox) {
        return delete(txn(), 0, null, mailbox);
    }

    public CompletableFuture<ImapCompletion> subscribe(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return submit(ImapCommand.onMailbox(this, "SUBSCRIBE", mailbox).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> unsubscribe(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return submit(ImapCommand.onMailbox(this, "UNSUBSCRIBE", mailbox).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> rename(long wParam, long lParam, ImapCallback cb, String from, String to) {
        return submit(ImapCommand.rename(this, from, to).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> rename(String from, String to) {
        return rename(txn(), 0, null, from, to);
    }

    /** LIST reference pattern: MAILBOX_LISTING for each mailbox; the future has them all. */
    public CompletableFuture<List<ImapEvent.MailboxListing>> list(long wParam, long lParam, ImapCallback cb,
                                                                  String reference, String pattern) {
        return submit(new ListingCommand(this, ImapEvent.ListKind.LIST, reference, pattern).txn(wParam, lParam, cb));
    }

    public CompletableFuture<List<ImapEvent.MailboxListing>> list(String reference, String pattern) {
        return list(txn(), 0, null, reference, pattern);
    }

    /** LSUB reference pattern. */
    public CompletableFuture<List<ImapEvent.MailboxListing>> lsub(long wParam, long lParam, ImapCallback cb,
                                                                  String reference, String pattern) {
        return submit(new ListingCommand(this, ImapEvent.ListKind.LSUB, reference, pattern).txn(wParam, lParam, cb));
    }

    /** STATUS mailbox (items), e.g. {@code "MESSAGES UNSEEN UIDNEXT UIDVALIDITY"}. */
    public CompletableFuture<ImapEvent.MailboxStatus> status(long wParam, long lParam, ImapCallback cb,
                                                             String mailbox, String items) {
        return submit(new StatusCommand(this, mailbox, items).txn(wParam, lParam, cb));
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
        return submit(AppendCommand.inMemory(this, mailbox, flags, date, message).txn(txn(), 0, null));
    }

    /** CLOSE (the contract's {@code Close()}: expunges \Deleted messages and leaves the mailbox). */
    public CompletableFuture<ImapCompletion> closeMailbox(long wParam, long lParam, ImapCallback cb) {
        return submit(new DeselectCommand(this, "CLOSE").txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapCompletion> closeMailbox() {
        return closeMailbox(txn(), 0, null);
    }

    /** EXPUNGE: DELETED_MSG for each message removed. */
    public CompletableFuture<ImapCompletion> expunge(long wParam, long lParam, ImapCallback cb) {
        return submit(ImapCommand.expunge(this).txn(wParam, lParam, cb));
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
        return submit(SearchCommand.of(this, criteria, returnUids, range, uidRange).txn(wParam, lParam, cb));
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
        return submit(RangeCommand.of(this, "FETCH", range, uid, items).txn(wParam, lParam, cb));
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
        return submit(RangeCommand.of(this, "STORE", range, uid, args).txn(wParam, lParam, cb));
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
        return submit(RangeCommand.transfer(this, "COPY", range, uid, mailbox).txn(wParam, lParam, cb));
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
        return submit(new DeselectCommand(this, "UNSELECT").txn(txn(), 0, null));
    }

    /** NAMESPACE (RFC 2342, IMAP4rev2): the personal, other users' and shared namespaces. */
    public CompletableFuture<ImapEvent.Namespace> namespace() {
        return submit(new NamespaceCommand(this).txn(txn(), 0, null));
    }

    /**
     * ID (RFC 2971): sends {@code fields} (null for NIL) and returns the server's (empty for NIL).
     */
    public CompletableFuture<Map<String, String>> id(Map<String, String> fields) {
        return submit(new IdCommand(this, fields).txn(txn(), 0, null));
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
        return submit(EnableCommand.of(this, capabilities).txn(wParam, lParam, cb));
    }

    public CompletableFuture<List<String>> enable(List<String> capabilities) {
        return enable(txn(), 0, null, capabilities);
    }

    /** Whether the server has said {@code * ENABLED} for a capability in this session. */
    public boolean isEnabled(String capability) {
        return caps.isEnabled(capability);
    }

    /**
     * SELECT mailbox (CONDSTORE) (RFC 7162 §3.1.8) when {@code condstore}: the mailbox's HIGHESTMODSEQ in
     * {@link ImapMailbox#highestModSeq()} ({@code null} for a NOMODSEQ mailbox).
     */
    public CompletableFuture<ImapMailbox> select(long wParam, long lParam, ImapCallback cb, String mailbox,
                                                 boolean condstore) {
        return submit(SelectCommand.of(this, "SELECT", mailbox, condstore).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapMailbox> select(String mailbox, boolean condstore) {
        return select(txn(), 0, null, mailbox, condstore);
    }

    /** EXAMINE mailbox (CONDSTORE) when {@code condstore}. */
    public CompletableFuture<ImapMailbox> examine(long wParam, long lParam, ImapCallback cb, String mailbox,
                                                  boolean condstore) {
        return submit(SelectCommand.of(this, "EXAMINE", mailbox, condstore).txn(wParam, lParam, cb));
    }

    /**
     * [UID] FETCH set items (CHANGEDSINCE modseq [VANISHED]) (RFC 7162): only the messages whose mod-sequence is
     * above {@code changedSince}; with {@code vanished} (UID FETCH under an enabled QRESYNC) the server also sends
     * {@code VANISHED (EARLIER)} for the UIDs of the set expunged since, delivered as VANISHED responses.
     */
    public CompletableFuture<ImapCompletion> fetch(long wParam, long lParam, ImapCallback cb, RangeList range,
                                                   boolean uid, String items, long changedSince, boolean vanished) {
        return submit(RangeCommand.changedSince(this, range, uid, items, changedSince, vanished)
                .txn(wParam, lParam, cb));
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
        return submit(RangeCommand.unchangedSince(this, range, uid, args, unchangedSince).txn(wParam, lParam, cb));
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
        return submit(ESearchCommand.of(this, criteria, uid, returnOptions, range, uidRange).txn(wParam, lParam, cb));
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
        return submit(SortCommand.of(this, keys, charset, criteria, uid).txn(wParam, lParam, cb));
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
        return submit(ThreadCommand.of(this, algorithm, charset, criteria, uid).txn(wParam, lParam, cb));
    }

    public CompletableFuture<List<ImapEvent.ThreadNode>> thread(String algorithm, String criteria, boolean uid) {
        return thread(txn(), 0, null, algorithm, "UTF-8", criteria, uid);
    }

    /** GETQUOTA root (RFC 9208): the root's QUOTA ({@code null} if the server sent none). Needs QUOTA. */
    public CompletableFuture<ImapEvent.Quota> getQuota(long wParam, long lParam, ImapCallback cb, String root) {
        return submit(QuotaCommand.getQuota(this, root).txn(wParam, lParam, cb))
                .thenApply(r -> r.quotas().isEmpty() ? null : r.quotas().get(0));
    }

    public CompletableFuture<ImapEvent.Quota> getQuota(String root) {
        return getQuota(txn(), 0, null, root);
    }

    /** GETQUOTAROOT mailbox (RFC 9208): the mailbox's quota roots and their quotas. Needs QUOTA. */
    public CompletableFuture<ImapQuotaRoot> getQuotaRoot(long wParam, long lParam, ImapCallback cb, String mailbox) {
        return submit(QuotaCommand.getQuotaRoot(this, mailbox).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapQuotaRoot> getQuotaRoot(String mailbox) {
        return getQuotaRoot(txn(), 0, null, mailbox);
    }

    /**
     * SETQUOTA root (resource limit …) (RFC 9208 §4.3): sets the limits (an empty map removes them); the future has
     * the QUOTA the server answered with, if any. Needs QUOTASET, or an RFC 2087 server (QUOTA and no QUOTA=RES-*).
     */
    public CompletableFuture<ImapQuotaRoot> setQuota(long wParam, long lParam, ImapCallback cb, String root,
                                                     Map<String, Long> limits) {
        return submit(QuotaCommand.setQuota(this, root, limits).txn(wParam, lParam, cb));
    }

    public CompletableFuture<ImapQuotaRoot> setQuota(String root, Map<String, Long> limits) {
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
        return submit(new AppendCommand(this, Objects.requireNonNull(mailbox, "mailbox"), messages)
                .txn(wParam, lParam, cb));
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
        return submit(ListCommand.extended(this, selection, reference, patterns, returnOptions, statusItems)
                .txn(wParam, lParam, cb));
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
        return submit(RangeCommand.transfer(this, "MOVE", range, uid, mailbox).txn(wParam, lParam, cb));
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
     * As {@link #resync(String, long, long, RangeList, ImapResync.Method)}, read-only when {@code examine}: EXAMINE
     * in place of SELECT, with the same parameters (RFC 7162 allows QRESYNC and CONDSTORE on both), so the session
     * changes nothing in the mailbox, not even \Recent ({@code null} method chooses).
     */
    public CompletableFuture<ImapResync> resync(String mailbox, long uidValidity, long highestModSeq,
                                                RangeList knownUids, ImapResync.Method method, boolean examine) {
        requireReady();
        return Resync.start(this, txn(), 0, null, mailbox, uidValidity, highestModSeq, knownUids, null, null, method,
                examine);
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
                seqMatchUids, method, false);
    }

    // ================================================================== for the commands (package-private)

    /** Runs a command: DONE first if idling; queued behind a barrier in flight; never IXP_E_BUSY. */
    <R> CompletableFuture<R> submit(ImapCommand<R> c) {
        readySession();
        if (!ANY_STATE.contains(c.verb) && !isState(IsState.AUTHENTICATED)) {
            throw new IxpException(IxpCode.IXP_E_IMAP_IMPROPER_SVRSTATE, c.verb
                    + " needs an authenticated session (connect with authenticate, or a PREAUTH greeting)");
        }
        Long validity = REQUIRED_VALIDITY.get();
        if (validity != null) {
            c.requireValidity(validity);
        }
        idle.submitted(c.future());
        try {
            return operation(ctx -> {
                idle.leave();
                return ctx.send(c);
            }, false);
        } catch (RuntimeException e) {
            idle.refused();
            throw e;
        }
    }

    /** Runs {@code op}; every command it submits carries {@code validity}, checked as the command goes out. */
    private <R> CompletableFuture<R> checked(long validity, Supplier<CompletableFuture<R>> op) {
        REQUIRED_VALIDITY.set(validity);
        try {
            return op.get();
        } finally {
            REQUIRED_VALIDITY.remove();
        }
    }

    private long txn() {
        return txnIds.incrementAndGet();
    }

    /** IXP_E_IMAP_NOT_SUPPORTED (after the usual not-initialised / not-connected checks) unless offered. */
    void requireCapability(String capability, String what) {
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

    /** Throws IXP_E_NOT_INIT before initNew. */
    void requireInitialised() {
        requireInit();
    }

    /** Runs {@code task} on the connection's I/O thread (IXP_E_NOT_CONNECTED, thrown, when there is none). */
    void onIoThread(Runnable task) {
        operation(c -> {
            task.run();
            return CompletableFuture.completedFuture(null);
        }, false);
    }

    /** Delivers to the callback executor, in order with the status events. */
    void post(Consumer<ImapCallback> event) {
        dispatch(event);
    }

    /** The octets {@code e} took on the wire if it is the response decoded last (I/O thread), else 0. */
    long framedBytes(ImapEvent e) {
        ImapDecoder d = decoder;
        return d == null ? 0 : d.framedBytes(e);
    }

    /** Delivers body data to the callback executor with read backpressure. */
    void postData(long bytes, Consumer<ImapCallback> event) {
        dispatchData(bytes, event);
    }

    UntaggedRouting routing() {
        return routing;
    }

    ContractResponses responses() {
        return responses;
    }

    SessionContext<ImapEvent> session() {
        return session;
    }

    SelectedMailbox mailbox() {
        return mailbox;
    }

    boolean loggingOut() {
        return loggingOut;
    }

    String nextTag() {
        return "a" + tags.incrementAndGet();
    }

    /** Mailbox names travel as UTF-8 from now on (IMAP4rev2 or UTF8=ACCEPT enabled). */
    void utf8(boolean on) {
        caps.utf8(on);
        ImapDecoder d = decoder;
        if (d != null) {
            d.utf8Names(on);
        }
    }

    /** The name as it goes on the wire: UTF-8 when enabled, as given when translation is off, else modified UTF-7. */
    String wireName(String name) {
        Objects.requireNonNull(name, "mailbox");
        if ((translate & IMAP_MBOXXLATE_DISABLE) != 0 || name.isEmpty()) {
            return name;
        }
        return ImapQuoting.mailboxName(name, caps.utf8());
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
        caps.offered(list);
        capabilities(caps.offered()); // the shared list: one copy for every session to this server
    }

    ImapCapabilities caps() {
        return caps;
    }
}
