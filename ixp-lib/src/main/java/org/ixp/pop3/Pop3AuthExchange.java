package org.ixp.pop3;

import java.util.Base64;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;
import org.ixp.sasl.SaslMechanism;

/**
 * AUTH (RFC 5034): {@code AUTH MECH [initial-response]}, then one base64 line per {@code +} challenge, until the
 * final status line. The initial response goes with the command unless that would make the line longer than 255
 * octets (RFC 5034 §4); then it answers the server's first, empty challenge. Every client line carrying the
 * mechanism's data is logged as {@code ****}. A challenge the mechanism rejects (a forged SCRAM server signature)
 * is answered with {@code *} to cancel, and the exchange fails with the mechanism's error. {@code +OK} from a
 * mechanism that has not completed (SCRAM without the server's proof) fails with IXP_E_AUTH_FAILED. Otherwise it
 * succeeds with the final status line; the caller judges {@code -ERR}.
 */
final class Pop3AuthExchange extends Exchange<Pop3Event, Pop3Reply> {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final int MAX_COMMAND = 255;
    private final Pop3Link link;
    private final SaslMechanism mechanism;
    private final java.util.function.Consumer<Pop3Reply> onSuccess;
    private Wire wire;
    private byte[] pendingInitial;
    private IxpException clientError;

    Pop3AuthExchange(Pop3Link link, SaslMechanism mechanism) {
        this(link, mechanism, null);
    }

    /** @param onSuccess run on the I/O thread for a successful {@code +OK}, before the future completes */
    Pop3AuthExchange(Pop3Link link, SaslMechanism mechanism, java.util.function.Consumer<Pop3Reply> onSuccess) {
        this.link = link;
        this.mechanism = mechanism;
        this.onSuccess = onSuccess;
    }

    SaslMechanism mechanism() {
        return mechanism;
    }

    @Override
    protected void start(Wire wire) {
        this.wire = wire;
        String name = mechanism.name();
        if (mechanism.hasInitialResponse()) {
            byte[] initial = mechanism.initialResponse();
            String ir = B64.encodeToString(initial == null ? new byte[0] : initial);
            String line = Pop3Commands.auth(name, ir);
            if (line.length() + 2 <= MAX_COMMAND) {
                wire.line(line, "AUTH " + name + " ****");
            } else {
                pendingInitial = initial == null ? new byte[0] : initial;
                wire.line(Pop3Commands.auth(name, null));
            }
        } else {
            wire.line(Pop3Commands.auth(name, null));
        }
        link.expect(Pop3Decoder.Response.SASL);
    }

    @Override
    protected boolean onEvent(Pop3Event event) {
        if (event instanceof Pop3Reply reply) {
            if (clientError != null) {
                fail(clientError);
            } else if (reply.ok() && !mechanism.isComplete()) {
                fail(new IxpException(Pop3Results.failure(reply, IxpCode.IXP_E_AUTH_FAILED,
                        mechanism.name() + " ended before the server proved itself")));
            } else {
                if (reply.ok() && onSuccess != null) {
                    onSuccess.accept(reply);
                }
                succeed(reply);
            }
            return true;
        }
        if (clientError != null) {
            return false;
        }
        String text = ((Pop3Event.Continuation) event).base64();
        if (pendingInitial != null) {
            byte[] initial = pendingInitial;
            pendingInitial = null;
            wire.line(B64.encodeToString(initial), "****");
            return false;
        }
        try {
            wire.line(org.ixp.sasl.SaslLineStep.answer(mechanism, text, "AUTH"), "****");
        } catch (IxpException e) {
            return cancel(e);
        }
        return false;
    }

    private boolean cancel(IxpException e) {
        clientError = e;
        wire.line("*");
        return false;
    }

    @Override
    public String toString() {
        return "AUTH " + mechanism.name();
    }
}
