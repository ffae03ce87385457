package org.ixp.nntp;

import org.ixp.IxpCode;
import org.ixp.IxpResult;

/**
 * NNTP status codes (RFC 3977 §3.2, RFC 4643, RFC 4642) to {@link IxpCode}s, and replies to {@link IxpResult}s
 * carrying the server's status line and code.
 */
final class NntpCodes {
    private NntpCodes() {
    }

    /** The code a reply maps to: S_OK for 1xx–3xx. */
    static IxpCode toIxpCode(int code) {
        if (code < 400) {
            return IxpCode.S_OK;
        }
        return switch (code) {
            case 400 -> IxpCode.IXP_E_NNTP_SERVICE_DISCONTINUED;
            case 411 -> IxpCode.IXP_E_NNTP_NO_SUCH_GROUP;
            case 412 -> IxpCode.IXP_E_NNTP_NO_GROUP_SELECTED;
            case 420, 421, 422, 423, 430 -> IxpCode.IXP_E_NNTP_NO_SUCH_ARTICLE;
            case 435, 437 -> IxpCode.IXP_E_NNTP_TRANSFER_NOT_WANTED;
            case 436 -> IxpCode.IXP_E_NNTP_TRANSFER_FAILED;
            case 440, 502 -> IxpCode.IXP_E_NNTP_NOT_PERMITTED;
            case 441 -> IxpCode.IXP_E_NNTP_POST_FAILED;
            case 480 -> IxpCode.IXP_E_NNTP_AUTH_REQUIRED;
            case 481 -> IxpCode.IXP_E_AUTH_FAILED;
            case 483 -> IxpCode.IXP_E_NNTP_ENCRYPTION_REQUIRED;
            case 500, 503 -> IxpCode.IXP_E_NNTP_NOT_SUPPORTED;
            default -> IxpCode.IXP_E_NNTP_RESPONSE_ERROR;
        };
    }

    /** The reply as a result: its own code. */
    static IxpResult result(NntpReply reply) {
        return IxpResult.ofResponse(toIxpCode(reply.code()), reply.line(), reply.code(), null);
    }

    /** The reply as a result with a chosen code and explanation. */
    static IxpResult result(IxpCode code, NntpReply reply, String problem) {
        return IxpResult.ofResponse(code, reply.line(), reply.code(), problem);
    }
}
