package org.ixp.smtp;

import org.ixp.IxpCode;

/**
 * A recipient the server refused, with its reply.
 *
 * @param email        the recipient
 * @param code         the reply code, e.g. 550
 * @param enhancedCode the enhanced status code, e.g. {@code 5.1.1}, or {@code null}
 * @param text         the server's words
 */
public record RecipientFailure(String email, int code, String enhancedCode, String text) {

    public IxpCode ixpCode() {
        return SmtpReplyCodes.toIxpCode(code);
    }

    /** Temporary (4xx): sending to this recipient again later may succeed. */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    @Override
    public String toString() {
        return email + ": " + code + (enhancedCode == null ? "" : " " + enhancedCode) + " " + text;
    }
}
