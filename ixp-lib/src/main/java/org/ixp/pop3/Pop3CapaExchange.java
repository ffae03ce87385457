package org.ixp.pop3;

import java.util.ArrayList;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/**
 * CAPA (RFC 2449): the capability lines, at most {@code maxLines} of them. A {@code -ERR} (a server without CAPA)
 * gives {@link Pop3Capabilities#UNKNOWN}.
 */
final class Pop3CapaExchange extends Exchange<Pop3Event, Pop3Capabilities> {
    private final Pop3Link link;
    private final int maxLines;
    private final List<String> lines = new ArrayList<>();
    private boolean overflow;
    private Pop3Reply reply;

    Pop3CapaExchange(Pop3Link link, int maxLines) {
        this.link = link;
        this.maxLines = maxLines;
    }

    @Override
    protected void start(Wire wire) {
        wire.line(Pop3Commands.capa());
        link.expect(Pop3Decoder.Response.LINES);
    }

    @Override
    protected boolean onEvent(Pop3Event event) {
        if (event instanceof Pop3Reply r) {
            reply = r;
            if (!r.ok()) {
                respond(r);
                succeed(Pop3Capabilities.UNKNOWN);
                return true;
            }
            return false;
        }
        if (event instanceof Pop3Event.Line l) {
            if (lines.size() < maxLines) {
                lines.add(l.text());
            } else {
                overflow = true;
            }
            return false;
        }
        // End
        if (overflow) {
            fail(new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "CAPA reply of more than " + maxLines
                    + " lines"));
        } else {
            respond(reply);
            succeed(Pop3Capabilities.fromCapa(lines));
        }
        return true;
    }

    private void respond(Pop3Reply r) {
        link.respond(new Pop3Response(Pop3Command.CAPA, true, r.ok() ? Pop3Results.ok(r)
                : Pop3Results.failure(r, IxpCode.IXP_E_POP3_RESPONSE_ERROR, "the server has no CAPA"), r, null));
    }

    @Override
    public String toString() {
        return "CAPA";
    }
}
