package org.ixp.imap;

/**
 * A command's tagged reply: status, response code (APPENDUID, COPYUID, READ-WRITE…, or {@code null}) and text.
 */
public record ImapCompletion(ImapStatus status, ResponseCode code, String text) {
}
