package org.ixp.pop3;

import java.util.ArrayDeque;
import java.util.PrimitiveIterator;
import org.ixp.IxpException;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * One contract command over one or more messages (GET_POPID, GET_MARKED, GET_ALL): one POP3 command per message, with
 * up to {@code window} of them on the wire at once (1 unless the server offers PIPELINING). The replies come back in
 * order; each is handed to the subclass with the message number it answers and whether it is the command's last.
 *
 * <p>The first failure (a {@code -ERR}, or a local one through {@link #failed}) stops new commands; the replies to the
 * commands already sent are still read to their end (and reported, none of them done), so the session stays in step;
 * then the failure is reported as the command's done response ({@link #doneFailing}) and the exchange fails with
 * it.
 *
 * @param <R> the result once every message is done
 */
abstract class Pop3BatchExchange<R> extends Exchange<Pop3Event, R> {
    protected final Pop3Link link;
    private final PrimitiveIterator.OfLong ids;
    private final int window;
    private final Pop3Decoder.Response response;
    private final ArrayDeque<Long> waiting = new ArrayDeque<>();
    private Wire wire;
    private boolean inBody;
    private IxpException failure;
    private Pop3Reply failureReply;

    Pop3BatchExchange(Pop3Link link, PrimitiveIterator.OfLong ids, int window, Pop3Decoder.Response response) {
        this.link = link;
        this.ids = ids;
        this.window = Math.max(1, window);
        this.response = response;
    }

    /** The command line for one message. */
    protected abstract String line(long popId);

    /**
     * {@code +OK}: for a one-line command the whole answer; for RETR/TOP the body follows ({@code last} is then
     * false, and {@link #end} says it).
     *
     * @param last the command's last response: report it done
     */
    protected abstract void ok(long popId, Pop3Reply reply, boolean last);

    /** The failure a {@code -ERR} to this message's command stands for (reported later, by {@link #doneFailing}). */
    protected abstract IxpException err(long popId, Pop3Reply reply);

    /** Reports the command's done response for its first failure. */
    protected abstract void doneFailing(IxpException failure, Pop3Reply reply);

    /** A chunk of the body (RETR/TOP). */
    protected void chunk(long popId, byte[] bytes) {
    }

    /** The end of the body (RETR/TOP). */
    protected void end(long popId, boolean last) {
    }

    /** The result when every message succeeded. */
    protected abstract R result();

    /** A local failure (unparsable reply, a sink that failed): stops new commands like a {@code -ERR}. */
    protected final void failed(IxpException e, Pop3Reply reply) {
        if (failure == null) {
            failure = e;
            failureReply = reply;
        }
    }

    protected final boolean failing() {
        return failure != null;
    }

    @Override
    protected void start(Wire wire) {
        this.wire = wire;
        fill();
    }

    private void fill() {
        while (failure == null && waiting.size() < window && ids.hasNext()) {
            long id = ids.nextLong();
            wire.line(line(id));
            link.expect(response);
            waiting.addLast(id);
        }
    }

    @Override
    protected boolean onEvent(Pop3Event event) {
        if (inBody) {
            if (event instanceof Pop3Event.Chunk c) {
                chunk(waiting.peekFirst(), c.bytes());
                return false;
            }
            inBody = false; // End: the decoder gives nothing else inside a body
            long id = waiting.pollFirst();
            end(id, last());
            return advance();
        }
        Pop3Reply reply = (Pop3Reply) event;
        if (reply.ok() && response != Pop3Decoder.Response.SINGLE) {
            inBody = true;
            ok(waiting.peekFirst(), reply, false);
            return false;
        }
        long id = waiting.pollFirst();
        if (reply.ok()) {
            ok(id, reply, last());
        } else if (failure == null) {
            failed(err(id, reply), reply);
        }
        return advance();
    }

    /** Whether the reply just taken ends the command successfully: nothing in flight, nothing failed or left. */
    private boolean last() {
        return waiting.isEmpty() && failure == null && !ids.hasNext();
    }

    @Override
    protected IxpException whenLost(IxpException cause) {
        doneFailing(cause, null);
        return cause;
    }

    private boolean advance() {
        fill();
        if (!waiting.isEmpty()) {
            return false;
        }
        if (failure != null) {
            doneFailing(failure, failureReply);
            fail(failure);
        } else {
            succeed(result());
        }
        return true;
    }
}
