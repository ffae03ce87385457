package org.ixp.pop3;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * {@code LIST} or {@code UIDL} without an argument (GET_ALL): one multi-line reply, one response per line, the last
 * one done (a line is reported when the next arrives, so the last can be marked). At most {@code maxItems} lines are
 * accepted — the number of messages in the session, which no listing can exceed — so a server cannot grow the
 * result without bound. Succeeds with every line's data.
 */
final class Pop3ListingExchange extends Exchange<Pop3Event, List<Pop3Response.Info>> {
    private final Pop3Link link;
    private final Pop3Command command;
    private final Function<String, Pop3Response.Info> parse;
    private final long maxItems;
    private final List<Pop3Response.Info> items = new ArrayList<>();
    private Pop3Reply reply;
    private Pop3Response.Info held;
    private IxpException failure;

    private Pop3ListingExchange(Pop3Link link, Pop3Command command, Function<String, Pop3Response.Info> parse,
                                long maxItems) {
        this.link = link;
        this.command = command;
        this.parse = parse;
        this.maxItems = maxItems;
    }

    static Pop3ListingExchange list(Pop3Link link, long maxItems) {
        return new Pop3ListingExchange(link, Pop3Command.LIST, Pop3Parse::list, maxItems);
    }

    static Pop3ListingExchange uidl(Pop3Link link, long maxItems) {
        return new Pop3ListingExchange(link, Pop3Command.UIDL, Pop3Parse::uidl, maxItems);
    }

    @Override
    protected void start(Wire wire) {
        wire.line(command == Pop3Command.LIST ? Pop3Commands.list(0) : Pop3Commands.uidl(0));
        link.expect(Pop3Decoder.Response.LINES);
    }

    @Override
    protected boolean onEvent(Pop3Event event) {
        if (event instanceof Pop3Reply r) {
            reply = r;
            if (r.ok()) {
                return false;
            }
            failure = Pop3Results.error(r, IxpCode.IXP_E_POP3_RESPONSE_ERROR, command + " refused");
            return finish();
        }
        if (event instanceof Pop3Event.Line line) {
            if (failure != null) {
                return false;
            }
            if (items.size() >= maxItems) {
                failure = Pop3Parse.failure(line.text(), command + " listed more than the " + maxItems
                        + " messages of the session");
                return false;
            }
            Pop3Response.Info info;
            try {
                info = parse.apply(line.text());
            } catch (IxpException e) {
                failure = e;
                return false;
            }
            if (held != null) {
                link.respond(new Pop3Response(command, false, Pop3Results.ok(reply), reply, held));
            }
            held = info;
            items.add(info);
            return false;
        }
        return finish(); // End
    }

    private boolean finish() {
        if (failure != null) {
            if (held != null) {
                link.respond(new Pop3Response(command, false, Pop3Results.ok(reply), reply, held));
            }
            link.respond(new Pop3Response(command, true, failure.result(), reply, null));
            fail(failure);
        } else {
            link.respond(new Pop3Response(command, true, Pop3Results.ok(reply), reply, held));
            succeed(items);
        }
        return true;
    }

    @Override
    protected IxpException whenLost(IxpException cause) {
        link.respond(new Pop3Response(command, true, cause.result(), null, null));
        return cause;
    }

    @Override
    public String toString() {
        return command.name();
    }
}
