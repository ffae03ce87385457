package org.ixp.nntp;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpType;
import org.ixp.Security;
import org.ixp.engine.AbstractTransport;
import org.ixp.engine.EngineResources;
import org.ixp.engine.Exchange;
import org.ixp.engine.ProtocolDecoder;
import org.ixp.engine.SessionContext;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * INNTPTransport / INNTPTransport2: NNTP (RFC 3977) on the ixp engine. Connect reads the greeting (200 posting
 * allowed, 201 not), CAPABILITIES (with fallbacks for older servers), upgrades with STARTTLS (RFC 4642; required by
 * default) or uses implicit TLS (port 563), says MODE READER to a mode-switching server and, when asked,
 * authenticates with AUTHINFO SASL or USER/PASS (RFC 4643). A 480 to any later command is answered by one logon
 * with the known credentials and one retry of the command. Disconnect says QUIT and waits for 205.
 *
 * <p>Commands run one at a time (IXP_E_BUSY otherwise). Each reports its data through
 * {@link NntpCallback#onResponse} (parts with {@code done == false}, then one final response) and its outcome
 * through the returned future, which completes after that final onResponse has run. Long answers (ARTICLE, OVER,
 * LIST, LISTGROUP, HDR, NEWGROUPS, NEWNEWS) stream in bounded parts with flow control: memory stays constant however
 * large the group. The {@code article(id, OutputStream)}, {@code over(range, perHeader, perProblem)} and similar
 * forms deliver into the caller's consumer, on the callback executor, in order.
 */
public class NntpTransport extends AbstractTransport<NntpEvent, NntpCallback> {
    private final Set<Completion<?>> outstanding = ConcurrentHashMap.newKeySet();
    private volatile NntpDecoder decoder;
    private volatile SessionContext<NntpEvent> session;
    private volatile NntpCapabilities capabilities = NntpCapabilities.LEGACY;
    private volatile boolean postingAllowed;
    private volatile OverviewFormat overviewFormat;
    private volatile boolean handedOff;
    private volatile NntpAuthInfo explicitAuth;

    @Override
    public IxpType getIXPType() {
        return IxpType.NNTP;
    }

    /** The capabilities of the current connection ({@link NntpCapabilities#LEGACY} when unknown). */
    public NntpCapabilities nntpCapabilities() {
        return capabilities;
    }

    /** Whether the server said posting is allowed (greeting or MODE READER 200, or POST announced). */
    public boolean postingAllowed() {
        return postingAllowed || capabilities.post();
    }

    /** The server's overview format once getHeaders has asked for it, else {@code null}. */
    public OverviewFormat overviewFormat() {
        return overviewFormat;
    }

    // ================================================================== engine SPI

    @Override
    protected int defaultPort(Security security) {
        return security == Security.IMPLICIT_TLS ? 563 : 119;
    }

    @Override
    protected ProtocolDecoder<NntpEvent> newDecoder(InetServer server) {
        NntpDecoder d = new NntpDecoder(server.limits());
        decoder = d;
        return d;
    }

    @Override
    protected void sessionStarting(InetServer server) {
        capabilities = NntpCapabilities.LEGACY;
        postingAllowed = false;
        overviewFormat = null;
        session = null;
        explicitAuth = null;
    }

    @Override
    protected CompletableFuture<Void> openSession(SessionContext<NntpEvent> ctx) {
        session = ctx;
        return NntpSessionFlow.open(this, ctx);
    }

    @Override
    protected List<String> logLines(NntpEvent event) {
        return event instanceof NntpReply r ? List.of(r.line()) : List.of();
    }

    @Override
    protected boolean isFailure(NntpEvent event) {
        return event instanceof NntpReply r && r.code() >= 400;
    }

    @Override
    protected Exchange<NntpEvent, DisconnectResult> goodbye() {
        return new NntpExchange<>(this, NntpState.QUIT) {
            @Override
            void begin() {
                send(NntpCommands.quit(), Expect.SINGLE);
            }

            @Override
            boolean retryAllowed() {
                return false;
            }

            @Override
            boolean handle(NntpEvent event) {
                NntpReply r = (NntpReply) event;
                respond(NntpState.QUIT, true, NntpCodes.result(r), null);
                succeed(new DisconnectResult(r.code() == 205 ? DisconnectResult.Ending.ACKNOWLEDGED
                        : DisconnectResult.Ending.REFUSED, r.line()));
                return true;
            }
        };
    }

    @Override
    protected void onUnsolicited(NntpEvent event, SessionContext<NntpEvent> ctx) {
        // RFC 3977 §3.2.1: 400 may be sent at any time when the server is ending the session.
        if (event instanceof NntpReply r && r.code() == 400) {
            ctx.fail(new IxpException(NntpCodes.result(IxpCode.IXP_E_NNTP_SERVICE_DISCONTINUED, r,
                    "the server is ending the session")));
            return;
        }
        super.onUnsolicited(event, ctx);
    }

    @Override
    public boolean handsOffCallback() {
        boolean had = super.handsOffCallback();
        releaseOutstanding();
        return had;
    }

    @Override
    public void initNew(Path logFile, NntpCallback callback, Executor callbackExecutor) {
        super.initNew(logFile, callback, callbackExecutor);
        releaseOutstanding();
        handedOff = false;
    }

    // ================================================================== INNTPTransport

    /**
     * CommandAUTHINFO: log on now (USER/PASS, SASL or SIMPLE). Once accepted, these credentials also answer later
     * 480s of this session. Password-revealing forms need TLS unless plaintext logon is allowed.
     */
    public CompletableFuture<NntpReply> commandAUTHINFO(NntpAuthInfo authInfo) {
        Objects.requireNonNull(authInfo, "authInfo");
        InetServer s = getServerInfo();
        SessionContext<NntpEvent> ctx = session;
        if (s == null || ctx == null) {
            throw new IxpException(IxpCode.IXP_E_NOT_CONNECTED, "not connected");
        }
        LoginExchange ex = new LoginExchange(this, NntpLogin.of(authInfo, capabilities, s, ctx.encrypted()), () -> {
            explicitAuth = authInfo;
            ctx.authenticated();
        });
        return run(ex, r -> null, null);
    }

    /** CommandGROUP: select a group; 211 with its numbers. */
    public CompletableFuture<NntpGroup> commandGROUP(String group) {
        return run(new ReplyExchange<>(this, NntpState.GROUP, NntpCommands.group(group), Set.of(211),
                NntpParse::group), g -> g, null);
    }

    /** CommandLAST: the previous article of the current group. */
    public CompletableFuture<NntpNext> commandLAST() {
        return pointer(NntpState.LAST, NntpCommands.last());
    }

    /** CommandNEXT: the next article of the current group. */
    public CompletableFuture<NntpNext> commandNEXT() {
        return pointer(NntpState.NEXT, NntpCommands.next());
    }

    /** CommandSTAT: whether an article exists; by number it moves the current article, by message-id not. */
    public CompletableFuture<NntpNext> commandSTAT(ArticleId id) {
        return pointer(NntpState.STAT, NntpCommands.retrieve("STAT", id == null ? ArticleId.current() : id));
    }

    private CompletableFuture<NntpNext> pointer(NntpState state, String line) {
        return run(new ReplyExchange<>(this, state, line, Set.of(223), NntpParse::pointer), n -> n, null);
    }

    /** CommandARTICLE: the article streams as {@link NntpArticle} parts. */
    public CompletableFuture<NntpArticleInfo> commandARTICLE(ArticleId id) {
        return retrieve(NntpState.ARTICLE, id, null);
    }

    /** CommandHEAD: the header streams as {@link NntpArticle} parts. */
    public CompletableFuture<NntpArticleInfo> commandHEAD(ArticleId id) {
        return retrieve(NntpState.HEAD, id, null);
    }

    /** CommandBODY: the body streams as {@link NntpArticle} parts. */
    public CompletableFuture<NntpArticleInfo> commandBODY(ArticleId id) {
        return retrieve(NntpState.BODY, id, null);
    }

    /** ARTICLE into {@code out} (not closed), in constant memory; the future completes after the last write. */
    public CompletableFuture<NntpArticleInfo> article(ArticleId id, OutputStream out) {
        return retrieve(NntpState.ARTICLE, id, Objects.requireNonNull(out, "out"));
    }

    /** HEAD into {@code out}. */
    public CompletableFuture<NntpArticleInfo> head(ArticleId id, OutputStream out) {
        return retrieve(NntpState.HEAD, id, Objects.requireNonNull(out, "out"));
    }

    /** BODY into {@code out}. */
    public CompletableFuture<NntpArticleInfo> body(ArticleId id, OutputStream out) {
        return retrieve(NntpState.BODY, id, Objects.requireNonNull(out, "out"));
    }

    private CompletableFuture<NntpArticleInfo> retrieve(NntpState state, ArticleId id, OutputStream out) {
        Sink sink = out == null ? null : new Sink();
        ArticleId a = id == null ? ArticleId.current() : id;
        return run(new ArticleExchange(this, state, a, sink, out),
                i -> new NntpArticle(i.articleNumber(), i.messageId(), new byte[0], 0), sink);
    }

    /**
     * CommandPOST: 340, the article (line ends normalised to CRLF, dot-stuffed), 240. The article is read now, on
     * the calling thread. If the connection is lost after the article was sent, the future fails with
     * IXP_E_OUTCOME_UNKNOWN: the article may or may not have been posted.
     */
    public CompletableFuture<NntpReply> commandPOST(NntpMessage message) {
        Objects.requireNonNull(message, "message");
        ArticleEncoder a = ArticleEncoder.encode(message, limitFor());
        return run(new PostExchange(this, a, null), r -> null, null);
    }

    /** IHAVE (RFC 3977 §6.3.2): offer an article to a server that takes transfers (335, article, 235). */
    public CompletableFuture<NntpReply> commandIHAVE(String messageId, NntpMessage message) {
        NntpCommands.checkMessageId(messageId);
        Objects.requireNonNull(message, "message");
        ArticleEncoder a = ArticleEncoder.encode(message, limitFor());
        return run(new PostExchange(this, a, messageId), r -> null, null);
    }

    /** CommandLIST: {@code null} for LIST ACTIVE; else e.g. "NEWSGROUPS", "OVERVIEW.FMT", "ACTIVE local.*". */
    public CompletableFuture<Long> commandLIST(String arguments) {
        return list(arguments, null);
    }

    /** LIST with each line handed to {@code perLine}; completes with the number of lines. */
    public CompletableFuture<Long> list(String arguments, Consumer<String> perLine) {
        Sink sink = perLine == null ? null : new Sink();
        return run(new ListExchange(this, NntpState.LIST, NntpCommands.list(arguments), 215, null, sink, perLine),
                n -> null, sink);
    }

    /** CommandLISTGROUP: the article numbers of the current group. */
    public CompletableFuture<NntpGroup> commandLISTGROUP(String group) {
        return listGroup(group, null, null);
    }

    /** LISTGROUP group range (RFC 3977): the numbers in a range; {@code perArticle} may be null. */
    public CompletableFuture<NntpGroup> listGroup(String group, NntpRange range, LongConsumer perArticle) {
        Sink sink = perArticle == null ? null : new Sink();
        return run(new ListGroupExchange(this, group, range, sink, perArticle), g -> g, sink);
    }

    /**
     * CommandNEWGROUPS: groups created since {@code since}. {@code distributions} ("alt.tv,comp", or null) keeps
     * only groups whose names begin with one of them, as the original documents; RFC 3977 has no distributions, so
     * the filter runs here.
     */
    public CompletableFuture<Long> commandNEWGROUPS(Instant since, String distributions) {
        return newGroups(since, distributions, null);
    }

    /** NEWGROUPS with each line ({@code name high low status}) handed to {@code perLine}. */
    public CompletableFuture<Long> newGroups(Instant since, String distributions, Consumer<String> perLine) {
        Objects.requireNonNull(since, "since");
        Predicate<String> keep = distributionFilter(distributions);
        Sink sink = perLine == null ? null : new Sink();
        return run(new ListExchange(this, NntpState.NEWGROUPS, NntpCommands.newGroups(since.atZone(ZoneOffset.UTC)),
                231, keep, sink, perLine), n -> null, sink);
    }

    /** NEWNEWS (RFC 3977 §7.4): message-ids of articles in groups matching {@code wildmat} since {@code since}. */
    public CompletableFuture<Long> newNews(String wildmat, Instant since, Consumer<String> perMessageId) {
        Objects.requireNonNull(since, "since");
        Sink sink = perMessageId == null ? null : new Sink();
        return run(new ListExchange(this, NntpState.NEWNEWS, NntpCommands.newNews(wildmat,
                since.atZone(ZoneOffset.UTC)), 230, null, sink, perMessageId), n -> null, sink);
    }

    /** CommandDATE: the server's clock (111 yyyymmddhhmmss, UTC). */
    public CompletableFuture<Instant> commandDATE() {
        return run(new ReplyExchange<>(this, NntpState.DATE, NntpCommands.date(), Set.of(111), NntpParse::date),
                d -> d, null).thenApply(NntpDate::time);
    }

    /** CommandMODE: "READER" (or "MODE READER"); 200/201 update {@link #postingAllowed()}. */
    public CompletableFuture<NntpReply> commandMODE(String mode) {
        String m = mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT);
        if (!m.equals("READER") && !m.equals("MODE READER")) {
            throw new IxpException(IxpCode.E_INVALIDARG, "MODE takes READER: " + mode);
        }
        return run(new ReplyExchange<>(this, NntpState.MODE, NntpCommands.modeReader(), Set.of(200, 201), r -> {
            postingAllowed = r.code() == 200;
            return r;
        }), r -> null, null);
    }

    /** CAPABILITIES again (e.g. after commandAUTHINFO); updates {@link #nntpCapabilities()}. */
    public CompletableFuture<NntpCapabilities> commandCAPABILITIES() {
        InetServer s = getServerInfo();
        int max = s == null ? 1000 : s.limits().maxReplyLines();
        CapabilitiesExchange ex = new CapabilitiesExchange(this, max);
        ex.future().thenAccept(this::recordCapabilities);
        return run(ex, c -> null, null);
    }

    /**
     * CommandXHDR: one header of a range, of an article by message-id, or (both null) of the current article.
     * Uses HDR (RFC 3977) when announced, else XHDR.
     */
    public CompletableFuture<Long> commandXHDR(String header, NntpRange range, String messageId) {
        return hdr(header, range, messageId, null);
    }

    /** HDR/XHDR with each line handed to {@code perLine}. */
    public CompletableFuture<Long> hdr(String header, NntpRange range, String messageId,
                                      Consumer<NntpXhdr> perLine) {
        Sink sink = perLine == null ? null : new Sink();
        return run(new XhdrExchange(this, !capabilities.hdr(), header, range, messageId, sink, perLine), n -> null,
                sink);
    }

    /**
     * GetHeaders: the overview of a range (OVER, or XOVER for servers without it), mapped by the server's
     * OVERVIEW.FMT, as {@link NntpHeaderResp} parts. Needs GROUP first.
     */
    public CompletableFuture<OverviewSummary> getHeaders(NntpRange range) {
        return over(Objects.requireNonNull(range, "range"), null, null);
    }

    /** getHeaders with each entry handed to {@code perHeader} and each malformed line to {@code perProblem}. */
    public CompletableFuture<OverviewSummary> over(NntpRange range, Consumer<NntpHeader> perHeader,
                                                   Consumer<OverviewProblem> perProblem) {
        Sink sink = perHeader == null && perProblem == null ? null : new Sink();
        InetServer s = getServerInfo();
        int max = s == null ? 1000 : s.limits().maxReplyLines();
        return run(new OverExchange(this, Objects.requireNonNull(range, "range"), null, sink, perHeader, perProblem,
                max), x -> null, sink);
    }

    /** CommandQUIT: "issues QUIT and terminates the connection": the same as {@link #disconnect()}. */
    public CompletableFuture<DisconnectResult> commandQUIT() {
        return disconnect();
    }

    /** ReleaseResponse: nothing to free (responses are ordinary objects); E_INVALIDARG for null. */
    public void releaseResponse(NntpResponse response) {
        if (response == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "response is null");
        }
    }

    /** INNTPTransport2::SetWindow: there is no window; callbacks run on the executor given to initNew. */
    public void setWindow() {
        requireInit();
    }

    /** INNTPTransport2::ResetWindow: there is no window; nothing to do. */
    public void resetWindow() {
        requireInit();
    }

    // ================================================================== for exchanges and the flow

    NntpDecoder decoder() {
        return decoder;
    }

    /** The credentials commandAUTHINFO established in this session, or {@code null}. */
    NntpAuthInfo explicitAuth() {
        return explicitAuth;
    }

    void overviewFormat(OverviewFormat f) {
        overviewFormat = f;
    }

    void postingAllowed(boolean allowed) {
        postingAllowed = allowed;
    }

    void recordGreeting(String line) {
        greeting(line);
    }

    void recordCapabilities(NntpCapabilities c) {
        capabilities = c;
        capabilities(c.lines());
    }

    void note(String text) {
        SessionContext<NntpEvent> s = session;
        if (s != null) {
            s.note(text);
        }
    }

    /** A 480 mid-session was answered by a successful logon: the session is authenticated now. */
    void loggedOnMidSession() {
        SessionContext<NntpEvent> s = session;
        if (s != null) {
            s.authenticated();
        }
        note("logged on after a 480");
    }

    /** One response (connect flow, goodbye), in order with the status events. */
    void respond(NntpState state, boolean done, IxpResult result, NntpData data) {
        if (!wantsResponses()) {
            return;
        }
        NntpResponse r = new NntpResponse(state, done, result, data);
        dispatch(cb -> cb.onResponse(r, this));
    }

    /** Whether the callback implements onResponse: parts nobody receives are not posted (a thread hop each). */
    private boolean wantsResponses() {
        return callbackWants("onResponse", NntpResponse.class, NntpTransport.class);
    }

    /** A data part of a command, with flow control; then the sink's task for it, if any (I/O thread). */
    void part(NntpExchange<?> ex, NntpData data, IxpResult result, long bytes, Sink sink,
              Sink.ThrowingRunnable task) {
        boolean wants = wantsResponses();
        boolean toSink = sink != null && task != null;
        if (!wants && !toSink) {
            return;
        }
        NntpResponse r = wants ? new NntpResponse(ex.state, false, result, data) : null;
        if (toSink) {
            sink.queued();
        }
        dispatchData(bytes, cb -> {
            try {
                if (r != null) {
                    cb.onResponse(r, this);
                }
            } finally {
                if (sink != null && task != null) {
                    sink.run(task);
                }
            }
        });
    }

    /**
     * Runs a user command: preconditions thrown at once; the final onResponse (done, with the outcome) and then
     * the returned future, in order on the callback executor.
     */
    private <R> CompletableFuture<R> run(NntpExchange<R> ex, java.util.function.Function<R, NntpData> finalData,
                                         Sink sink) {
        Completion<R> c = new Completion<>(sink);
        outstanding.add(c);
        // Registered before command() adds its IXP_E_BUSY release: dependents run last-registered first, so the
        // release has happened when the caller sees this command complete and issues the next one.
        ex.future().whenComplete((v, e) -> settle(ex, c, finalData, v, e));
        try {
            command(ex, true);
        } catch (RuntimeException e) {
            outstanding.remove(c);
            throw e;
        }
        c.future.whenComplete((v, e) -> outstanding.remove(c));
        return c.future;
    }

    private <R> void settle(NntpExchange<R> ex, Completion<R> c, java.util.function.Function<R, NntpData> finalData,
                            R v, Throwable e) {
        IxpResult result;
        NntpData data = null;
        if (e == null) {
            result = ex.successResult(v);
            data = finalData.apply(v);
        } else {
            result = IxpException.unwrap(e).result();
        }
        c.settle(v, e);
        NntpResponse last = new NntpResponse(ex.state, true, result, data);
        if (c.sink == null) {
            // Not bound to the callback executor: join() inside a callback cannot deadlock.
            if (wantsResponses()) {
                dispatch(cb -> cb.onResponse(last, this));
            }
            handOff(c::complete);
        } else if (handedOff) {
            handOff(c::complete);
        } else {
            boolean wants = wantsResponses();
            dispatch(cb -> {
                try {
                    if (wants) {
                        cb.onResponse(last, this);
                    }
                } finally {
                    handOff(c::complete);
                }
            });
        }
    }

    private static void handOff(Runnable r) {
        try {
            EngineResources.get().workers().execute(r);
        } catch (RuntimeException rejected) {
            r.run();
        }
    }

    /** After handsOffCallback (or a new initNew) nothing more runs on the old callback executor. */
    private void releaseOutstanding() {
        handedOff = true;
        for (Completion<?> c : outstanding) {
            if (c.sink != null && c.settled()) {
                handOff(c::complete);
            }
        }
    }

    private long limitFor() {
        InetServer s = getServerInfo();
        return s == null ? Integer.MAX_VALUE - 64 : Math.min(s.limits().maxLiteralSize(), Integer.MAX_VALUE - 64);
    }

    private static Predicate<String> distributionFilter(String distributions) {
        if (distributions == null || distributions.isBlank()) {
            return null;
        }
        List<String> prefixes = java.util.Arrays.stream(distributions.split(","))
                .map(String::trim).filter(p -> !p.isEmpty()).map(p -> p.toLowerCase(Locale.ROOT)).toList();
        return line -> {
            String name = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            return prefixes.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + ".")
                    || name.startsWith(p));
        };
    }
}
