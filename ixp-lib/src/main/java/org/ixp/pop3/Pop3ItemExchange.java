package org.ixp.pop3;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.LongFunction;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * {@code LIST n}, {@code UIDL n} or {@code DELE n} for each selected message: one-line replies, one response each
 * with its data ({@link Pop3Response.ListInfo}, {@link Pop3Response.UidlInfo}, {@link Pop3Response.DeleInfo}).
 * Succeeds with the data of every message.
 */
final class Pop3ItemExchange extends Pop3BatchExchange<List<Pop3Response.Info>> {
    private final Pop3Command command;
    private final LongFunction<String> line;
    private final List<Pop3Response.Info> items = new ArrayList<>();

    private Pop3ItemExchange(Pop3Link link, Pop3Command command, LongFunction<String> line,
                             PrimitiveIterator.OfLong ids, int window) {
        super(link, ids, window, Pop3Decoder.Response.SINGLE);
        this.command = command;
        this.line = line;
    }

    static Pop3ItemExchange list(Pop3Link link, PrimitiveIterator.OfLong ids, int window) {
        return new Pop3ItemExchange(link, Pop3Command.LIST, Pop3Commands::list, ids, window);
    }

    static Pop3ItemExchange uidl(Pop3Link link, PrimitiveIterator.OfLong ids, int window) {
        return new Pop3ItemExchange(link, Pop3Command.UIDL, Pop3Commands::uidl, ids, window);
    }

    static Pop3ItemExchange dele(Pop3Link link, PrimitiveIterator.OfLong ids, int window) {
        return new Pop3ItemExchange(link, Pop3Command.DELE, Pop3Commands::dele, ids, window);
    }

    @Override
    protected String line(long popId) {
        return line.apply(popId);
    }

    @Override
    protected void ok(long popId, Pop3Reply reply, boolean last) {
        Pop3Response.Info info;
        try {
            info = parse(popId, reply);
        } catch (IxpException e) {
            failed(e, reply);
            return;
        }
        if (command == Pop3Command.DELE) {
            link.session().deleted(popId);
        }
        items.add(info);
        link.respond(new Pop3Response(command, last, Pop3Results.ok(reply), reply, info));
    }

    private Pop3Response.Info parse(long popId, Pop3Reply reply) {
        Pop3Response.Info info;
        long id;
        switch (command) {
            case LIST -> {
                Pop3Response.ListInfo l = Pop3Parse.list(reply.text());
                info = l;
                id = l.popId();
            }
            case UIDL -> {
                Pop3Response.UidlInfo u = Pop3Parse.uidl(reply.text());
                info = u;
                id = u.popId();
            }
            default -> {
                return new Pop3Response.DeleInfo(popId);
            }
        }
        if (id != popId) {
            throw Pop3Parse.failure(reply.text(), command + " " + popId + " was answered for message " + id);
        }
        return info;
    }

    @Override
    protected IxpException err(long popId, Pop3Reply reply) {
        return Pop3Results.error(reply, IxpCode.IXP_E_POP3_RESPONSE_ERROR, command + " " + popId + " refused");
    }

    @Override
    protected void doneFailing(IxpException failure, Pop3Reply reply) {
        link.respond(new Pop3Response(command, true, failure.result(), reply, null));
    }

    @Override
    protected List<Pop3Response.Info> result() {
        return items;
    }

    @Override
    public String toString() {
        return command.name();
    }
}
