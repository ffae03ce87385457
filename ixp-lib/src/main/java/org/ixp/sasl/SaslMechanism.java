package org.ixp.sasl;

/**
 * One SASL authentication exchange, client side, for one logon attempt; not reusable, not thread-safe.
 *
 * <p>Mechanisms work on raw bytes: the transport base64-decodes each challenge before
 * {@link #evaluateChallenge} and base64-encodes each response it sends. An empty array is an empty
 * response (an empty line on the wire; an empty <em>initial</em> response is sent as {@code =}).
 *
 * <p>The exchange, as a transport drives it:
 * <ol>
 *   <li>If {@link #hasInitialResponse()} and the protocol allows it (SMTP always; IMAP with SASL-IR;
 *       POP3 and NNTP always), send {@link #initialResponse()} with the AUTH command. Otherwise send
 *       the bare command: when the server then sends an empty challenge, {@link #evaluateChallenge}
 *       answers with what {@code initialResponse()} would have returned.</li>
 *   <li>For every challenge, send {@link #evaluateChallenge}'s answer.</li>
 *   <li>On the server's success reply: if it carries additional data (SMTP {@code 235} text, IMAP
 *       {@code OK} after SASL-IR), pass the data to {@link #evaluateChallenge} first. Then the logon
 *       succeeded only if {@link #isComplete()}; a SCRAM server that skipped its final message has not
 *       proved it knows the password.</li>
 *   <li>On the server's failure reply, report {@link #serverError()} if it is not {@code null}.</li>
 * </ol>
 *
 * <p>Every failure is an {@link org.ixp.IxpException}: {@code IXP_E_PROTOCOL_ERROR} for a challenge the
 * mechanism cannot accept, {@code IXP_E_AUTH_FAILED} when the server failed to prove itself or reported
 * an error inside the exchange, {@code IXP_E_INVALID_STATE} for a call out of order. No message and no
 * {@code toString()} contains the password, the token, or their encodings.
 */
public interface SaslMechanism {

    /** The IANA mechanism name, upper case, e.g. {@code SCRAM-SHA-256}. */
    String name();

    /** Whether the client speaks first (PLAIN, SCRAM, NTLM, OAUTHBEARER, XOAUTH2). */
    boolean hasInitialResponse();

    /**
     * The client's first message; call at most once, and only when {@link #hasInitialResponse()}.
     * For OAuth mechanisms this is when the token supplier is asked for a token.
     */
    byte[] initialResponse();

    /** Answers one server challenge (raw bytes, never {@code null}; {@code null} is read as empty). */
    byte[] evaluateChallenge(byte[] challenge);

    /** Whether the client side has finished: it has nothing more to send and, for SCRAM, the server proved itself. */
    boolean isComplete();

    /** XOAUTH2/OAUTHBEARER: the server's decoded error (JSON) from its error challenge, else {@code null}. */
    default String serverError() {
        return null;
    }

    /**
     * Whether an eavesdropper could reuse what this mechanism sends: true for PLAIN and LOGIN (the password)
     * and for OAUTHBEARER and XOAUTH2 (a bearer token); false for SCRAM, CRAM-MD5 and NTLM.
     */
    boolean revealsPassword();
}
