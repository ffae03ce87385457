package org.ixp.smtp;

import org.ixp.IxpCode;
import org.ixp.IxpResult;

/** The contract's mapping of SMTP reply codes to {@link IxpCode}s. */
public final class SmtpReplyCodes {
    private SmtpReplyCodes() {
    }

    public static IxpCode toIxpCode(int code) {
        switch (code) {
            case 211: return IxpCode.IXP_E_SMTP_211_SYSTEM_STATUS;
            case 214: return IxpCode.IXP_E_SMTP_214_HELP_MESSAGE;
            case 220: return IxpCode.IXP_E_SMTP_220_READY;
            case 221: return IxpCode.IXP_E_SMTP_221_CLOSING;
            case 235: return IxpCode.IXP_E_SMTP_245_AUTH_SUCCESS;
            case 250: return IxpCode.IXP_E_SMTP_250_MAIL_ACTION_OKAY;
            case 251: return IxpCode.IXP_E_SMTP_251_FORWARDING_MAIL;
            case 334: return IxpCode.IXP_E_SMTP_334_AUTH_READY_RESPONSE;
            case 354: return IxpCode.IXP_E_SMTP_354_START_MAIL_INPUT;
            case 421: return IxpCode.IXP_E_SMTP_421_NOT_AVAILABLE;
            case 450: return IxpCode.IXP_E_SMTP_450_MAILBOX_BUSY;
            case 451: return IxpCode.IXP_E_SMTP_451_ERROR_PROCESSING;
            case 452: return IxpCode.IXP_E_SMTP_452_NO_SYSTEM_STORAGE;
            case 500: return IxpCode.IXP_E_SMTP_500_SYNTAX_ERROR;
            case 501: return IxpCode.IXP_E_SMTP_501_PARAM_SYNTAX;
            case 502: return IxpCode.IXP_E_SMTP_502_COMMAND_NOTIMPL;
            case 503: return IxpCode.IXP_E_SMTP_503_COMMAND_SEQ;
            case 504: return IxpCode.IXP_E_SMTP_504_COMMAND_PARAM_NOTIMPL;
            case 530: return IxpCode.IXP_E_SMTP_530_STARTTLS_REQUIRED;
            case 535: return IxpCode.IXP_E_AUTH_FAILED;
            case 550: return IxpCode.IXP_E_SMTP_550_MAILBOX_NOT_FOUND;
            case 551: return IxpCode.IXP_E_SMTP_551_USER_NOT_LOCAL;
            case 552: return IxpCode.IXP_E_SMTP_552_STORAGE_OVERFLOW;
            case 553: return IxpCode.IXP_E_SMTP_553_MAILBOX_NAME_SYNTAX;
            case 554: return IxpCode.IXP_E_SMTP_554_TRANSACT_FAILED;
            default:
                if (code >= 200 && code < 400) {
                    return IxpCode.IXP_E_SMTP_250_MAIL_ACTION_OKAY;
                }
                return code >= 400 && code < 600 ? IxpCode.IXP_E_SMTP_RESPONSE_ERROR
                        : IxpCode.IXP_E_SMTP_UNKNOWN_RESPONSE_CODE;
        }
    }

    /** The IXPRESULT of a reply: code, the reply on one line, the numeric code. */
    public static IxpResult result(SmtpReply reply) {
        return IxpResult.ofResponse(toIxpCode(reply.code()), reply.oneLine(), reply.code(), null);
    }

    /** The IXPRESULT of a reply with an explicit code (e.g. IXP_E_SMTP_454_STARTTLS_FAILED) and explanation. */
    public static IxpResult result(IxpCode code, SmtpReply reply, String problem) {
        return IxpResult.ofResponse(code, reply.oneLine(), reply.code(), problem);
    }
}
