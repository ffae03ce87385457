package org.ixp.imap;

import java.util.Base64;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.engine.Wire;
import org.ixp.sasl.SaslMechanism;

/**
 * AUTHENTICATE (RFC 9051 §6.2.2) with SASL-IR (RFC 4959) when offered: {@code AUTHENTICATE MECH ir} (an empty
 * initial response is {@code =}), then one base64 line per {@code +} challenge. Every line carrying the
 * mechanism's data is logged as {@code ****}. A challenge the mechanism rejects is answered {@code *} (cancel).
 * A tagged OK before the mechanism is complete (SCRAM without the server's proof) fails with IXP_E_AUTH_FAILED,
 * as does NO. The OK's CAPABILITY code, if any, is kept.
 */
final class AuthenticateCommand extends ImapCommand<ImapCompletion> {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private final SaslMechanism mechanism;
    private final boolean saslIr;
    private byte[] pendingInitial;
    private IxpException clientError;

    AuthenticateCommand(ImapTransport t, SaslMechanism mechanism, boolean saslIr) {
        super(t, "AUTHENTICATE");
        this.mechanism = mechanism;
        this.saslIr = saslIr;
    }

    @Override
    protected boolean isBarrier() {
        return true;
    }

    @Override
    protected void start(Wire wire) {
        String name = mechanism.name();
        if (mechanism.hasInitialResponse()) {
            byte[] initial = mechanism.initialResponse();
            initial = initial == null ? new byte[0] : initial;
            if (saslIr) {
                String ir = initial.length == 0 ? "=" : B64.encodeToString(initial);
                text("AUTHENTICATE " + name + " ");
                secretText(ir);
            } else {
                pendingInitial = initial;
                text("AUTHENTICATE " + name);
            }
        } else {
            text("AUTHENTICATE " + name);
        }
        super.start(wire);
        t.routing().awaitContinuation(this);
    }

    @Override
    void continued(String text) {
        if (clientError != null) {
            return;
        }
        if (pendingInitial != null) {
            byte[] initial = pendingInitial;
            pendingInitial = null;
            wire().line(B64.encodeToString(initial), "****");
            return;
        }
        try {
            wire().line(org.ixp.sasl.SaslLineStep.answer(mechanism, text, "AUTHENTICATE"), "****");
        } catch (IxpException e) {
            cancel(e);
        }
    }

    private void cancel(IxpException e) {
        clientError = e;
        wire().line("*");
    }

    @Override
    void complete(ImapEvent.Tagged tg) {
        if (clientError != null) {
            fail(clientError);
        } else if (tg.status() == ImapStatus.OK && !mechanism.isComplete()) {
            fail(new IxpException(IxpResult.ofResponse(IxpCode.IXP_E_AUTH_FAILED, ImapLog.line(tg), 0,
                    mechanism.name() + " ended before the server proved itself")));
        } else if (tg.status() == ImapStatus.OK) {
            succeed(result(tg));
        } else {
            fail(rejected(tg));
        }
    }

    static IxpException rejected(ImapEvent.Tagged tg) {
        IxpCode code = tg.status() == ImapStatus.BAD ? IxpCode.IXP_E_PROTOCOL_ERROR : IxpCode.IXP_E_AUTH_FAILED;
        return new IxpException(IxpResult.ofResponse(code, ImapLog.line(tg), 0, "the server rejected the logon: "
                + tg.text()));
    }
}
