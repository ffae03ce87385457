package org.ixp.smtp;

import java.util.Base64;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;
import org.ixp.sasl.SaslLineStep;
import org.ixp.sasl.SaslMechanism;

/**
 * AUTH (RFC 4954): {@code AUTH MECH [initial-response]}, then one base64 response per 334 challenge, until the
 * final reply. Every client line is logged as {@code ****}. A challenge the mechanism rejects (e.g. a forged SCRAM
 * server signature) is answered with {@code *} to cancel, and the exchange fails with the mechanism's error.
 * Succeeds with the final reply; the caller judges 235 against the rest.
 */
final class SmtpAuthExchange extends Exchange<SmtpReply, SmtpReply> {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private final SaslMechanism mechanism;
    private Wire wire;
    private IxpException clientError;

    SmtpAuthExchange(SaslMechanism mechanism) {
        this.mechanism = mechanism;
    }

    SaslMechanism mechanism() {
        return mechanism;
    }

    @Override
    protected void start(Wire wire) {
        this.wire = wire;
        if (mechanism.hasInitialResponse()) {
            String ir = B64.encodeToString(mechanism.initialResponse());
            wire.line(SmtpCommands.auth(mechanism.name(), ir), "AUTH " + mechanism.name() + " ****");
        } else {
            wire.line(SmtpCommands.auth(mechanism.name(), null));
        }
    }

    @Override
    protected boolean onEvent(SmtpReply reply) {
        if (reply.code() != 334) {
            if (clientError != null) {
                fail(clientError);
            } else if (reply.code() == 235 && !mechanism.isComplete()) {
                // SCRAM: a server that accepts without proving it knows the password is not the real server.
                fail(new IxpException(SmtpReplyCodes.result(IxpCode.IXP_E_AUTH_FAILED, reply,
                        mechanism.name() + " ended before the server proved itself")));
            } else {
                succeed(reply);
            }
            return true;
        }
        if (clientError != null) {
            return false;
        }
        String text = reply.lines().isEmpty() ? "" : reply.lines().get(0).trim();
        try {
            wire.line(SaslLineStep.answer(mechanism, text, "AUTH"), "****");
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
