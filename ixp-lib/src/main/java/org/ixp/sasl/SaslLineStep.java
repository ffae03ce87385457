package org.ixp.sasl;

import java.util.Base64;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * One SASL step on a line protocol (SMTP 334, POP3 {@code +}, IMAP {@code +}, NNTP 383): the server's base64
 * challenge in, the base64 response out. The protocols differ only in how they frame the line; this is the part
 * they share.
 */
public final class SaslLineStep {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private SaslLineStep() {
    }

    /**
     * The mechanism's answer to a challenge, base64-encoded ({@code ""} for an empty response).
     *
     * @param base64Challenge the challenge text as the server sent it ({@code "="} or empty: an empty challenge)
     * @param command         the command's name, for the error message
     * @throws IxpException IXP_E_PROTOCOL_ERROR for a challenge that is not base64, or the mechanism's own error
     *                      (e.g. IXP_E_AUTH_FAILED for a SCRAM server signature that does not verify); the caller
     *                      then cancels the exchange ({@code *})
     */
    public static String answer(SaslMechanism mechanism, String base64Challenge, String command) {
        byte[] response = mechanism.evaluateChallenge(challenge(base64Challenge, command));
        return response == null || response.length == 0 ? "" : B64.encodeToString(response);
    }

    /** The raw bytes of a base64 challenge. */
    public static byte[] challenge(String base64, String command) {
        String t = base64 == null ? "" : base64.trim();
        if (t.isEmpty() || t.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getMimeDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new IxpException(IxpCode.IXP_E_PROTOCOL_ERROR, command + " challenge is not base64");
        }
    }
}
