package org.ixp.smtp;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.engine.Exchange;
import org.ixp.engine.SessionContext;
import org.ixp.smtp.SmtpResponse.SmtpStream;

/**
 * One mail transaction (RFC 5321 §3.3), run on the connection's I/O thread: local checks first (SMTPUTF8, SIZE,
 * REQUIRETLS) so nothing is sent for a message the server cannot take; then MAIL, every RCPT and DATA — in one
 * flight with PIPELINING, every reply checked — then the body (DATA with dot-stuffing, or BDAT chunks with
 * CHUNKING). A message is reported sent only on the final 2xx. When no recipient is accepted no body is sent.
 * After a failure inside the transaction, RSET leaves the session ready for the next message.
 */
final class SmtpTransaction {
    /** BDAT is used for messages of unknown size or above this, when the server offers CHUNKING. */
    static final long CHUNKING_ABOVE = 1L << 20;
    static final int BDAT_CHUNK = 256 * 1024;
    private static final long PROGRESS_EVERY = 64 * 1024;

    private final SmtpTransport transport;
    private final SessionContext<SmtpReply> ctx;
    private final SmtpMessage msg;
    private final SmtpCapabilities caps;
    private final List<String> accepted = new ArrayList<>();
    private final List<RecipientFailure> rejected = new ArrayList<>();
    private final Runnable bodyQueued;
    private long consumed;
    private long reported;

    SmtpTransaction(SmtpTransport transport, SessionContext<SmtpReply> ctx, SmtpMessage msg, SmtpCapabilities caps) {
        this(transport, ctx, msg, caps, null);
    }

    /**
     * @param bodyQueued with PIPELINING, run once this message's data (ending with {@code .CRLF}) is queued on the
     *                   connection, before its final reply: the next transaction may start behind it, in the same
     *                   flight (RFC 2920 §3.1: message content may begin a group). Null: nothing waits for that.
     */
    SmtpTransaction(SmtpTransport transport, SessionContext<SmtpReply> ctx, SmtpMessage msg, SmtpCapabilities caps,
                    Runnable bodyQueued) {
        this.transport = transport;
        this.ctx = ctx;
        this.msg = msg;
        this.caps = caps;
        this.bodyQueued = bodyQueued;
    }

    CompletableFuture<SendResult> run() {
        checkLocally();
        boolean pipelining = caps.has("PIPELINING");
        boolean chunking = caps.has("CHUNKING") && (msg.size() < 0 || msg.size() > CHUNKING_ABOVE);
        SmtpReplyExchange mail = new SmtpReplyExchange(SmtpCommands.mail(msg.sender().email(), mailParameters()),
                !pipelining, false);
        List<SmtpReplyExchange> rcpts = new ArrayList<>();
        for (InetAddr r : msg.recipients()) {
            rcpts.add(new SmtpReplyExchange(SmtpCommands.rcpt(r.email(), rcptParameters(r)), !pipelining, false));
        }
        SmtpReplyExchange data = chunking ? null : new SmtpReplyExchange(SmtpCommands.data());
        boolean dataInFlight = pipelining && data != null;
        // One result, completed by the steps below as each reply comes (whenComplete on the exchanges' futures):
        // fewer future stages per message than a thenCompose chain, less for the JIT and the allocator.
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        if (pipelining) {
            List<Exchange<SmtpReply, ?>> flight = new ArrayList<>(rcpts.size() + 2);
            flight.add(mail);
            flight.addAll(rcpts);
            if (data != null) {
                flight.add(data);
            }
            ctx.sendAll(flight);
            // Replies come in order, and a lost connection fails every exchange in flight: when the last one of the
            // flight is complete, all are.
            flight.get(flight.size() - 1).future().whenComplete((x, e) ->
                    afterEnvelope(mail, rcpts, data, dataInFlight, e, result));
        } else {
            CompletableFuture<?> envelope = ctx.send(mail).thenCompose(m -> {
                CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
                if (m.isPositive()) {
                    for (SmtpReplyExchange r : rcpts) {
                        chain = chain.thenCompose(x -> ctx.send(r));
                    }
                }
                return chain;
            });
            envelope.whenComplete((x, e) -> afterEnvelope(mail, rcpts, data, dataInFlight, e, result));
        }
        return result;
    }

    /** The envelope's replies have come (or the connection was lost): judge them, then DATA and the body. */
    private void afterEnvelope(SmtpReplyExchange mail, List<SmtpReplyExchange> rcpts, SmtpReplyExchange data,
                               boolean dataInFlight, Throwable failure, CompletableFuture<SendResult> result) {
        try {
            Throwable lost = firstFailure(mail, rcpts, dataInFlight ? data : null);
            if (lost != null || failure != null) {
                result.completeExceptionally(IxpException.unwrap(lost != null ? lost : failure));
                return;
            }
            IxpResult refused = judgeEnvelope(mail, rcpts);
            if (refused != null) {
                pipe(abort(data, dataInFlight, refused), result);
            } else if (data == null) {
                pipe(sendChunks(), result);
            } else if (dataInFlight) {
                dataReplied(data.future().join(), result);
            } else {
                ctx.send(data).whenComplete((reply, e) -> {
                    if (e != null) {
                        result.completeExceptionally(IxpException.unwrap(e));
                    } else {
                        dataReplied(reply, result);
                    }
                });
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(IxpException.unwrap(e));
        }
    }

    /** The failure of the first exchange that failed (the connection was lost), in command order, or null. */
    private static Throwable firstFailure(SmtpReplyExchange mail, List<SmtpReplyExchange> rcpts,
                                          SmtpReplyExchange data) {
        Throwable t = failureOf(mail);
        for (int i = 0; t == null && i < rcpts.size(); i++) {
            t = failureOf(rcpts.get(i));
        }
        return t != null || data == null ? t : failureOf(data);
    }

    private static Throwable failureOf(SmtpReplyExchange ex) {
        CompletableFuture<SmtpReply> f = ex.future();
        if (!f.isCompletedExceptionally()) {
            return null;
        }
        try {
            f.join();
            return null;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    private void dataReplied(SmtpReply reply, CompletableFuture<SendResult> result) {
        transport.respondReply(SmtpCommand.DATA, reply);
        if (reply.code() == 354) {
            sendData(result);
        } else {
            pipe(resetThenFail(SmtpReplyCodes.result(reply)), result);
        }
    }

    private static <T> void pipe(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((v, e) -> {
            if (e != null) {
                to.completeExceptionally(IxpException.unwrap(e));
            } else {
                to.complete(v);
            }
        });
    }

    // ------------------------------------------------------------------ local checks and parameters

    private void checkLocally() {
        if (msg.needsUtf8() && !caps.has("SMTPUTF8")) {
            throw new IxpException(IxpCode.IXP_E_INVALID_ADDRESS, "an address is not ASCII and the server does not"
                    + " offer SMTPUTF8: refused before MAIL FROM");
        }
        long max = caps.maxSize();
        if (msg.size() >= 0 && max > 0 && msg.size() > max) {
            throw new IxpException(IxpResult.of(IxpCode.IXP_E_SMTP_552_STORAGE_OVERFLOW, "the message ("
                    + msg.size() + " bytes) exceeds the server's SIZE limit of " + max + " bytes: not sent"));
        }
        if (msg.requireTls() && (!ctx.encrypted() || !caps.has("REQUIRETLS"))) {
            throw new IxpException(IxpCode.IXP_E_INVALID_STATE, "REQUIRETLS needs a TLS connection to a server that"
                    + " offers REQUIRETLS: not sent");
        }
    }

    private List<String> mailParameters() {
        List<String> p = new ArrayList<>();
        if (msg.size() >= 0 && caps.has("SIZE")) {
            p.add("SIZE=" + msg.size());
        }
        if (caps.has("8BITMIME")) {
            p.add("BODY=8BITMIME");
        }
        if (msg.needsUtf8()) {
            p.add("SMTPUTF8");
        }
        if (caps.has("DSN")) {
            if (msg.dsnRet() != DsnRet.DEFAULT) {
                p.add("RET=" + msg.dsnRet().name());
            }
            if (msg.dsnEnvid() != null) {
                p.add("ENVID=" + SmtpCommands.xtext(msg.dsnEnvid()));
            }
        }
        if (msg.requireTls()) {
            p.add("REQUIRETLS");
        }
        return p;
    }

    private List<String> rcptParameters(InetAddr r) {
        return caps.has("DSN") && !r.dsn().isEmpty() ? List.of("NOTIFY=" + Dsn.notifyParameter(r.dsn())) : List.of();
    }

    boolean dsnUnsupported() {
        return msg.wantsDsn() && !caps.has("DSN");
    }

    // ------------------------------------------------------------------ envelope

    /** Reports MAIL and RCPT replies; the reason nothing can be sent, or null when some recipient was accepted. */
    private IxpResult judgeEnvelope(SmtpReplyExchange mail, List<SmtpReplyExchange> rcpts) {
        SmtpReply m = mail.future().join();
        transport.respondReply(SmtpCommand.MAIL, m);
        if (!m.isPositive()) {
            return SmtpReplyCodes.result(IxpCode.IXP_E_SMTP_REJECTED_SENDER, m, "the sender was refused; nothing was sent");
        }
        for (int i = 0; i < rcpts.size(); i++) {
            SmtpReply rr = rcpts.get(i).future().join();
            String email = msg.recipients().get(i).email();
            transport.respondReply(SmtpCommand.RCPT, rr);
            if (rr.isPositive()) {
                accepted.add(email);
            } else {
                rejected.add(new RecipientFailure(email, rr.code(), rr.enhancedCode(), String.join(" ", rr.lines())));
            }
        }
        if (accepted.isEmpty()) {
            return IxpResult.ofResponse(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS, rejected.toString(),
                    rejected.get(0).code(), "every recipient was refused; nothing was sent");
        }
        return null;
    }

    /** Ends a refused transaction: a lone "." if a pipelined DATA was nevertheless accepted, then RSET. */
    private <T> CompletableFuture<T> abort(SmtpReplyExchange data, boolean dataInFlight, IxpResult why) {
        if (dataInFlight) {
            SmtpReply d = data.future().join();
            transport.respondReply(SmtpCommand.DATA, d);
        }
        if (dataInFlight && data.future().join().code() == 354) {
            // RFC 2920 §3.1: the DATA went out in the flight and was accepted; end it with an empty message.
            SmtpBodyExchange dot = new SmtpBodyExchange(
                    io.netty.buffer.Unpooled.wrappedBuffer(".\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    null, ".", false);
            return ctx.send(dot).handle((r, e) -> null).thenCompose(x -> resetThenFail(why));
        }
        return resetThenFail(why);
    }

    private <T> CompletableFuture<T> resetThenFail(IxpResult why) {
        return ctx.send(new SmtpReplyExchange(SmtpCommands.rset()))
                .handle((r, e) -> CompletableFuture.<T>failedFuture(new IxpException(why)))
                .thenCompose(f -> f);
    }

    // ------------------------------------------------------------------ body

    private void sendData(CompletableFuture<SendResult> result) {
        DotStuffingInput input = new DotStuffingInput(msg.stream(), true, this::progress,
                org.ixp.engine.EngineResources.get().workers());
        boolean pipelined = bodyQueued != null && caps.has("PIPELINING");
        SmtpBodyExchange body = new SmtpBodyExchange(input, null, "<message data>", true, pipelined);
        ctx.send(body).whenComplete((reply, e) -> {
            if (e != null) {
                result.completeExceptionally(IxpException.unwrap(e));
                return;
            }
            try {
                pipe(finalReply(reply), result);
            } catch (RuntimeException x) {
                result.completeExceptionally(IxpException.unwrap(x));
            }
        });
        if (pipelined) {
            bodyQueued.run();
        }
    }

    /**
     * The next BDAT chunk: read from the message stream where it cannot hold up the connection's I/O thread (inline
     * only for a stream that never waits, else on a worker), then sent; the next one after its 250.
     */
    private CompletableFuture<SendResult> sendChunks() {
        InputStream in = msg.stream();
        if (DotStuffingInput.neverWaits(in)) {
            return sendChunk(readChunk(in));
        }
        CompletableFuture<BdatChunk> read = new CompletableFuture<>();
        reading = read;
        if (!watchingEnd) { // one listener per transaction, however many chunks
            watchingEnd = true;
            ctx.ended().thenRun(() -> reading.completeExceptionally(new IxpException(IxpCode.IXP_E_CONNECTION_DROPPED,
                    "the connection ended while the message stream was being read; the message was not sent")));
        }
        org.ixp.engine.EngineResources.get().workers().execute(() -> {
            BdatChunk c = readChunk(in);
            if (!read.complete(c) && c.bytes() != null) {
                c.bytes().release(); // the session ended while the stream was being read
            }
        });
        return read.thenCompose(this::sendChunk);
    }

    /** The BDAT chunk being read on a worker; failed if the session ends first (a waiting stream holds nothing up). */
    private volatile CompletableFuture<BdatChunk> reading = CompletableFuture.completedFuture(null);
    private boolean watchingEnd;

    /** A BDAT chunk read, normalised (line ends), or the read's failure. */
    private record BdatChunk(ByteBuf bytes, boolean last, IOException failure) {
    }

    private BdatChunk readChunk(InputStream in) {
        DotStuffer normaliser = new DotStuffer(false);
        byte[] buffer = new byte[16 * 1024];
        ByteBuf chunk = org.ixp.engine.EngineResources.get().allocator().buffer(BDAT_CHUNK + 64);
        try {
            while (true) {
                int n = org.ixp.engine.Blocking.call(() -> in.read(buffer, 0, Math.min(buffer.length, BDAT_CHUNK / 2)));
                if (n < 0) {
                    normaliser.finish(chunk);
                    return new BdatChunk(chunk, true, null);
                }
                normaliser.encode(buffer, 0, n, chunk);
                progress(consumed + n);
                if (chunk.readableBytes() >= BDAT_CHUNK / 2) {
                    return new BdatChunk(chunk, false, null);
                }
            }
        } catch (IOException e) {
            chunk.release();
            return new BdatChunk(null, false, e);
        }
    }

    private CompletableFuture<SendResult> sendChunk(BdatChunk read) {
        if (read.failure() != null) {
            return resetThenFail(IxpResult.of(IxpCode.E_FAIL, "reading the message failed: "
                    + read.failure().getMessage()));
        }
        boolean last = read.last();
        int size = read.bytes().readableBytes();
        SmtpBodyExchange bdat = new SmtpBodyExchange(read.bytes(), SmtpCommands.bdat(size, last), "<" + size
                + " bytes>", last);
        return ctx.send(bdat).thenCompose(reply -> {
            if (!last && reply.isPositive()) {
                return sendChunks();
            }
            if (!reply.isPositive() && !last) {
                return resetThenFail(SmtpReplyCodes.result(reply));
            }
            return finalReply(reply);
        });
    }

    private CompletableFuture<SendResult> finalReply(SmtpReply reply) {
        progress(consumed);
        transport.respondReply(SmtpCommand.DOT, reply);
        if (!reply.isPositive()) {
            return CompletableFuture.failedFuture(new IxpException(SmtpReplyCodes.result(SmtpReplyCodes.toIxpCode(
                    reply.code()), reply, "the server refused the message")));
        }
        return CompletableFuture.completedFuture(new SendResult(accepted, rejected, reply, consumed, dsnUnsupported()));
    }

    private void progress(long total) {
        long increment = total - reported;
        consumed = total;
        if (increment >= PROGRESS_EVERY || (increment > 0 && msg.size() >= 0 && total >= msg.size())) {
            reported = total;
            if (transport.wantsResponses()) {
                transport.respond(SmtpCommand.SEND_STREAM, false, IxpResult.ok(), null,
                        new SmtpStream(increment, total, msg.size()));
            }
        }
    }
}
