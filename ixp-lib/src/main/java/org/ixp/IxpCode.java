package org.ixp;

/**
 * Every result code of the Internet Transport contract, with its HRESULT value.
 *
 * <p>Values come from the contract digest (Wine {@code imnxport.idl}, {@code HR_E(n) = 0x800C0000|n},
 * {@code HR_S(n) = 0x000C0000|n}). Codes the original documentation names without a value (POP3, IMAP,
 * the {@code IXP_S_*} success codes) and the codes ixp adds are assigned here and listed in
 * {@code docs/CONTRACT-MAPPING.md}. Compare codes, never {@code HRESULT_CODE()}: {@code 0xCC78}
 * and {@code 0xCC79} are each used by one success and one error code.
 */
public enum IxpCode {
    // --- standard HRESULTs used by the pages
    S_OK(0x00000000, "success"),
    S_FALSE(0x00000001, "success, false"),
    E_FAIL(0x80004005, "unspecified failure"),
    E_INVALIDARG(0x80070057, "invalid argument"),
    E_OUTOFMEMORY(0x8007000E, "out of memory"),
    E_UNEXPECTED(0x8000FFFF, "unexpected failure"),
    OLE_E_BLANK(0x80040007, "no value recorded"),

    // --- base transport codes (Wine idl)
    IXP_E_LOAD_SICILY_FAILED(0x800CCC00, "the SPA (NTLM) security package could not be used"),
    IXP_E_INVALID_CERT_CN(0x800CCC01, "the server certificate does not match the host name"),
    IXP_E_INVALID_CERT_DATE(0x800CCC02, "the server certificate has expired or is not yet valid"),
    IXP_E_ALREADY_CONNECTED(0x800CCC03, "already connected"),
    IXP_E_CONN(0x800CCC04, "connection failure"),
    IXP_E_NOT_CONNECTED(0x800CCC05, "not connected"),
    IXP_E_CONN_SEND(0x800CCC06, "sending on the connection failed"),
    IXP_E_WOULD_BLOCK(0x800CCC07, "the operation would block"),
    IXP_E_INVALID_STATE(0x800CCC08, "not valid in the current state"),
    IXP_E_CONN_RECV(0x800CCC09, "receiving on the connection failed"),
    IXP_E_INCOMPLETE(0x800CCC0A, "the data or response is incomplete"),
    IXP_E_BUSY(0x800CCC0B, "a command is still in progress"),
    IXP_E_NOT_INIT(0x800CCC0C, "initNew has not been called"),
    IXP_E_CANT_FIND_HOST(0x800CCC0D, "the host name could not be resolved"),
    IXP_E_FAILED_TO_CONNECT(0x800CCC0E, "the TCP connection failed"),
    IXP_E_CONNECTION_DROPPED(0x800CCC0F, "the connection was dropped"),
    IXP_E_INVALID_ADDRESS(0x800CCC10, "malformed address"),
    IXP_E_INVALID_ADDRESS_LIST(0x800CCC11, "the address list has invalid entries"),
    IXP_E_SOCKET_READ_ERROR(0x800CCC12, "socket read error"),
    IXP_E_SOCKET_WRITE_ERROR(0x800CCC13, "socket write error"),
    /** Spelled {@code IXP_E_SCOKET_INIT_ERROR} in the Wine idl. */
    IXP_E_SOCKET_INIT_ERROR(0x800CCC14, "the socket could not be initialised"),
    IXP_E_SOCKET_CONNECT_ERROR(0x800CCC15, "the socket connection failed"),
    IXP_E_INVALID_ACCOUNT(0x800CCC16, "account not found"),
    IXP_E_USER_CANCEL(0x800CCC17, "cancelled by the user"),
    IXP_E_SICILY_LOGON_FAILED(0x800CCC18, "SPA (NTLM) logon was rejected"),
    IXP_E_TIMEOUT(0x800CCC19, "the operation timed out"),
    IXP_E_SECURE_CONNECT_FAILED(0x800CCC1A, "TLS negotiation failed"),

    // --- codes ixp adds (0xCC30 block; see docs/CONTRACT-MAPPING.md)
    /** The request (end of DATA, POST, APPEND) was sent but the connection ended before the server's verdict. */
    IXP_E_OUTCOME_UNKNOWN(0x800CCC30, "the request was sent but its outcome is unknown"),
    /** The server broke the protocol's grammar (also: plaintext injected after a STARTTLS go-ahead). */
    IXP_E_PROTOCOL_ERROR(0x800CCC31, "the server broke the protocol"),
    /** A line, literal or response exceeded the configured bound. */
    IXP_E_RESPONSE_TOO_LARGE(0x800CCC32, "the server's response exceeded the configured limit"),
    /** TLS is required (the default) but the server does not offer STARTTLS (POP3, IMAP, NNTP). */
    IXP_E_STARTTLS_NOT_OFFERED(0x800CCC33, "TLS is required but the server does not offer it"),
    /** A password would travel unencrypted and the user did not allow that. */
    IXP_E_PLAINTEXT_AUTH_REFUSED(0x800CCC34, "refusing to send a password over an unencrypted connection"),
    /** No authentication mechanism both sides allow. */
    IXP_E_NO_AUTH_MECHANISM(0x800CCC35, "no authentication mechanism both sides allow"),
    /** The server rejected the credentials. */
    IXP_E_AUTH_FAILED(0x800CCC36, "the server rejected the credentials"),
    /** The server certificate's chain is not trusted. */
    IXP_E_INVALID_CERT_UNTRUSTED(0x800CCC37, "the server certificate is not trusted"),
    /** The server refused the connection in its greeting (SMTP 554, POP3 -ERR, IMAP BYE, NNTP 400/502). */
    IXP_E_GREETING_REFUSED(0x800CCC38, "the server refused the session in its greeting"),

    // --- SMTP (Wine idl)
    IXP_E_SMTP_RESPONSE_ERROR(0x800CCC60, "SMTP error reply"),
    IXP_E_SMTP_UNKNOWN_RESPONSE_CODE(0x800CCC61, "unknown SMTP reply code"),
    IXP_E_SMTP_500_SYNTAX_ERROR(0x800CCC62, "500 syntax error"),
    IXP_E_SMTP_501_PARAM_SYNTAX(0x800CCC63, "501 syntax error in parameters"),
    IXP_E_SMTP_502_COMMAND_NOTIMPL(0x800CCC64, "502 command not implemented"),
    IXP_E_SMTP_503_COMMAND_SEQ(0x800CCC65, "503 bad sequence of commands"),
    IXP_E_SMTP_504_COMMAND_PARAM_NOTIMPL(0x800CCC66, "504 command parameter not implemented"),
    IXP_E_SMTP_421_NOT_AVAILABLE(0x800CCC67, "421 service not available"),
    IXP_E_SMTP_450_MAILBOX_BUSY(0x800CCC68, "450 mailbox busy"),
    IXP_E_SMTP_550_MAILBOX_NOT_FOUND(0x800CCC69, "550 mailbox unavailable"),
    IXP_E_SMTP_451_ERROR_PROCESSING(0x800CCC6A, "451 local error in processing"),
    IXP_E_SMTP_551_USER_NOT_LOCAL(0x800CCC6B, "551 user not local"),
    IXP_E_SMTP_452_NO_SYSTEM_STORAGE(0x800CCC6C, "452 insufficient system storage"),
    IXP_E_SMTP_552_STORAGE_OVERFLOW(0x800CCC6D, "552 storage allocation exceeded"),
    IXP_E_SMTP_553_MAILBOX_NAME_SYNTAX(0x800CCC6E, "553 mailbox name not allowed"),
    IXP_E_SMTP_554_TRANSACT_FAILED(0x800CCC6F, "554 transaction failed"),
    IXP_E_SMTP_211_SYSTEM_STATUS(0x000CCC70, "211 system status"),
    IXP_E_SMTP_214_HELP_MESSAGE(0x000CCC71, "214 help message"),
    IXP_E_SMTP_220_READY(0x000CCC72, "220 service ready"),
    IXP_E_SMTP_221_CLOSING(0x000CCC73, "221 closing"),
    IXP_E_SMTP_250_MAIL_ACTION_OKAY(0x000CCC74, "250 action completed"),
    IXP_E_SMTP_251_FORWARDING_MAIL(0x000CCC75, "251 will forward"),
    IXP_E_SMTP_354_START_MAIL_INPUT(0x000CCC76, "354 start mail input"),
    IXP_E_SMTP_CONTINUE(0x000CCC77, "continuation line"),
    IXP_E_SMTP_334_AUTH_READY_RESPONSE(0x000CCC78, "334 AUTH challenge"),
    /** RFC 4954 uses 235; the original name says 245. */
    IXP_E_SMTP_245_AUTH_SUCCESS(0x000CCC79, "AUTH succeeded"),
    IXP_E_SMTP_REJECTED_SENDER(0x800CCC78, "the sender was rejected"),
    IXP_E_SMTP_REJECTED_RECIPIENTS(0x800CCC79, "one or more recipients were rejected"),
    IXP_E_SMTP_NO_SENDER(0x800CCC7A, "the address list has no sender"),
    IXP_E_SMTP_NO_RECIPIENTS(0x800CCC7B, "the address list has no recipients"),
    IXP_E_SMTP_530_STARTTLS_REQUIRED(0x800CCC7C, "530 STARTTLS required"),
    IXP_E_SMTP_NO_STARTTLS_SUPPORT(0x800CCC7D, "STARTTLS is required but not offered"),
    IXP_E_SMTP_NO_DSN_SUPPORT(0x800CCC7E, "DSN requested but not supported"),
    IXP_E_SMTP_454_STARTTLS_FAILED(0x800CCC7F, "454 TLS not available"),
    /** Success code named by the docs (not in the Wine idl): sent, but the server has no DSN. */
    IXP_S_SMTP_NO_DSN_SUPPORT(0x000CCC7E, "sent; the server does not support DSN"),

    // --- POP3 (named by the docs without values; assigned by ixp in the 0xCC90 block)
    IXP_E_POP3_RESPONSE_ERROR(0x800CCC90, "POP3 -ERR reply"),
    IXP_E_POP3_INVALID_USER_NAME(0x800CCC91, "POP3 user name rejected"),
    IXP_E_POP3_INVALID_PASSWORD(0x800CCC92, "POP3 password rejected"),
    IXP_E_POP3_PARSE_FAILURE(0x800CCC93, "POP3 response could not be parsed"),
    IXP_E_POP3_NEED_STAT(0x800CCC94, "STAT has not been issued in this session"),
    IXP_E_POP3_NO_MESSAGES(0x800CCC95, "the maildrop is empty"),
    IXP_E_POP3_NO_MARKED_MESSAGES(0x800CCC96, "no message is marked for this command"),
    IXP_E_POP3_POPID_OUT_OF_RANGE(0x800CCC97, "the message number is out of range"),
    IXP_E_POP3_WRONG_STATE(0x800CCC98, "the command is not valid in this POP3 state"),
    IXP_E_POP3_DELETIONS_NOT_COMMITTED(0x800CCC99, "the deletions were not committed"),
    /** RESP-CODE {@code [IN-USE]} (RFC 2449 §8.1.1): the maildrop is locked by another session. */
    IXP_E_POP3_IN_USE(0x800CCC9A, "the maildrop is in use by another session"),
    /** RESP-CODE {@code [LOGIN-DELAY]} (RFC 2449 §8.1.2): logging on again so soon is not allowed. */
    IXP_E_POP3_LOGIN_DELAY(0x800CCC9B, "logging on again so soon is not allowed"),
    /** RESP-CODE {@code [SYS/TEMP]} (RFC 3206): a temporary server problem; try again later. */
    IXP_E_POP3_SYS_TEMP(0x800CCC9C, "temporary server problem"),
    /** RESP-CODE {@code [SYS/PERM]} (RFC 3206): a permanent server problem; trying again will not help. */
    IXP_E_POP3_SYS_PERM(0x800CCC9D, "permanent server problem"),

    // --- NNTP (no codes in any source; assigned by ixp in the 0xCCA0 block)
    IXP_E_NNTP_RESPONSE_ERROR(0x800CCCA0, "NNTP error reply"),
    IXP_E_NNTP_NOT_PERMITTED(0x800CCCA1, "not permitted (posting refused, or command unavailable)"),
    IXP_E_NNTP_POST_FAILED(0x800CCCA2, "posting failed"),
    IXP_E_NNTP_NO_SUCH_GROUP(0x800CCCA3, "no such newsgroup"),
    IXP_E_NNTP_NO_GROUP_SELECTED(0x800CCCA4, "no newsgroup selected"),
    IXP_E_NNTP_NO_SUCH_ARTICLE(0x800CCCA5, "no such article"),
    IXP_E_NNTP_AUTH_REQUIRED(0x800CCCA6, "authentication required"),
    /** 483: the command needs a TLS-protected connection first (RFC 4643 §2.2). */
    IXP_E_NNTP_ENCRYPTION_REQUIRED(0x800CCCA7, "encryption required for the command"),
    /** 400 outside the greeting: the server is ending the session (RFC 3977 §3.2.1). */
    IXP_E_NNTP_SERVICE_DISCONTINUED(0x800CCCA8, "the news service is no longer available"),
    /** 500/503, or no OVER/XOVER: the server does not implement the command or feature. */
    IXP_E_NNTP_NOT_SUPPORTED(0x800CCCA9, "the server does not support the command or feature"),
    /** One overview (OVER/XOVER) line could not be parsed; reported for its article, parsing goes on. */
    IXP_E_NNTP_MALFORMED_OVERVIEW(0x800CCCAA, "an overview line could not be parsed"),
    /** IHAVE 435/437: the server does not want the article (already has it, or rejected it). */
    IXP_E_NNTP_TRANSFER_NOT_WANTED(0x800CCCAB, "the server does not want the article"),
    /** IHAVE 436: transfer not possible or failed; try again later. */
    IXP_E_NNTP_TRANSFER_FAILED(0x800CCCAC, "the transfer failed; try again later"),

    // --- IMAP (assigned by ixp in the 0xCCD0 block)
    IXP_E_IMAP_IMPROPER_SVRSTATE(0x800CCCD0, "the IMAP server is not in a state that allows the command"),
    IXP_E_IMAP_NO(0x800CCCD1, "IMAP NO reply"),
    IXP_E_IMAP_BAD(0x800CCCD2, "IMAP BAD reply"),
    IXP_E_IMAP_BYE(0x800CCCD3, "the IMAP server said BYE"),
    IXP_E_IMAP_STALE_UIDVALIDITY(0x800CCCD4, "the UIDVALIDITY given no longer holds"),
    /**
     * A response framed correctly but broke the grammar (ImapEvent.Malformed): the hrResult of
     * irtERROR_NOTIFICATION, and the failure of a command whose tagged response was malformed. The session goes on.
     */
    IXP_E_IMAP_MALFORMED_RESPONSE(0x800CCCD5, "the IMAP server sent a response that does not parse"),
    /**
     * The command needs an extension the server does not offer (SORT, THREAD=alg, QUOTA, MULTIAPPEND, ESEARCH,
     * CONDSTORE, QRESYNC, LIST-EXTENDED, LIST-STATUS, MOVE, BINARY for a message with NUL octets…): thrown before
     * anything is sent. Also the failure of a resync whose mailbox has no mod-sequences (NOMODSEQ), after its SELECT.
     */
    IXP_E_IMAP_NOT_SUPPORTED(0x800CCCD6, "the IMAP server does not offer what the command needs"),
    IXP_S_IMAP_VERBATIM_MBOX(0x000CCCD0, "the mailbox name was copied verbatim");

    private final int hresult;
    private final String meaning;

    IxpCode(int hresult, String meaning) {
        this.hresult = hresult;
        this.meaning = meaning;
    }

    /** The HRESULT value, e.g. {@code 0x800CCC0F}. */
    public int hresult() {
        return hresult;
    }

    /** A short English description. */
    public String meaning() {
        return meaning;
    }

    /** {@code SUCCEEDED(hr)}: the severity bit is clear. */
    public boolean succeeded() {
        return hresult >= 0;
    }

    /** {@code IXP_E_NAME (0x800CCCxx)}. */
    public String describe() {
        return String.format("%s (0x%08X)", name(), hresult);
    }

    /** The constant with this HRESULT; where two share a value (none do) the first declared. */
    public static IxpCode fromHresult(int hresult) {
        for (IxpCode c : values()) {
            if (c.hresult == hresult) {
                return c;
            }
        }
        throw new IllegalArgumentException(String.format("no ixp code 0x%08X", hresult));
    }
}
