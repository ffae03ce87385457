package org.ixp.sasl;

import java.nio.charset.StandardCharsets;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/** The failures mechanisms raise. Callers pass only names and server text here, never a secret. */
final class SaslErrors {
    private SaslErrors() {
    }

    /** The server sent a challenge this mechanism cannot accept. */
    static IxpException protocol(String mechanism, String problem) {
        return new IxpException(IxpCode.IXP_E_PROTOCOL_ERROR, mechanism + ": " + problem);
    }

    static IxpException protocol(String mechanism, String problem, Throwable cause) {
        return new IxpException(IxpResult.of(IxpCode.IXP_E_PROTOCOL_ERROR, mechanism + ": " + problem), cause);
    }

    /** The server failed to prove itself, or reported a failure inside the exchange. */
    static IxpException authFailed(String mechanism, String problem) {
        return new IxpException(IxpCode.IXP_E_AUTH_FAILED, mechanism + ": " + problem);
    }

    /** The caller used the mechanism out of order. */
    static IxpException invalidState(String mechanism, String problem) {
        return new IxpException(IxpCode.IXP_E_INVALID_STATE, mechanism + ": " + problem);
    }

    /** A credential is missing or unusable. */
    static IxpException invalidArg(String mechanism, String problem) {
        return new IxpException(IxpCode.E_INVALIDARG, mechanism + ": " + problem);
    }

    /** A challenge arrived after the client had finished. */
    static IxpException afterCompletion(String mechanism) {
        return protocol(mechanism, "the server sent another challenge after the exchange had ended");
    }

    static byte[] nonNull(byte[] challenge) {
        return challenge == null ? new byte[0] : challenge;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
