package org.ixp.pop3;

/**
 * What a RETR or TOP command transferred, when it is done: the data itself went to {@code onResponse} (and, in the
 * {@code OutputStream} forms, to the stream).
 *
 * @param messages how many messages were transferred
 * @param bytes    their total size, de-stuffed, as delivered
 */
public record Pop3Transfer(long messages, long bytes) {
}
