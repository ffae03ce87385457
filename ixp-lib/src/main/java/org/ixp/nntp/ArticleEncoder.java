package org.ixp.nntp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * An article as POST and IHAVE send it (RFC 3977 §3.1.1): lines end with CRLF (a bare LF becomes CRLF), a line
 * starting with "." gets another, and ".CRLF" ends it. NUL and a CR not followed by LF are refused (RFC 3977 §3.6),
 * before anything is sent.
 *
 * @param wire      the bytes to send after the 340/335 go-ahead, terminator included
 * @param messageId the article's Message-ID header, or {@code null} when it has none (the server adds one)
 */
record ArticleEncoder(byte[] wire, String messageId) {

    static ArticleEncoder encode(NntpMessage message, long maxSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.size() > 0 && message.size() < (1 << 26)
                ? (int) message.size() + 64 : 8192);
        StringBuilder headerLine = new StringBuilder();
        String messageId = null;
        boolean inHeaders = true;
        boolean lineStart = true;
        boolean pendingCr = false;
        long read = 0;
        byte[] buf = new byte[16384];
        try (InputStream in = message.stream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                read += n;
                if (read > maxSize) {
                    throw new IxpException(IxpCode.E_INVALIDARG, "the article is larger than " + maxSize + " bytes");
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == 0) {
                        throw new IxpException(IxpCode.E_INVALIDARG, "the article contains NUL at byte "
                                + (read - n + i) + " (RFC 3977 §3.6)");
                    }
                    if (pendingCr && b != '\n') {
                        throw new IxpException(IxpCode.E_INVALIDARG, "the article contains a CR without LF at byte "
                                + (read - n + i - 1));
                    }
                    if (b == '\r') {
                        pendingCr = true;
                        continue;
                    }
                    pendingCr = false;
                    if (b == '\n') {
                        out.write('\r');
                        out.write('\n');
                        if (inHeaders) {
                            if (headerLine.length() == 0) {
                                inHeaders = false;
                            } else if (messageId == null) {
                                messageId = messageId(headerLine.toString());
                            }
                            headerLine.setLength(0);
                        }
                        lineStart = true;
                        continue;
                    }
                    if (lineStart && b == '.') {
                        out.write('.');
                    }
                    lineStart = false;
                    out.write(b);
                    if (inHeaders && headerLine.length() < 1000) {
                        headerLine.append((char) (b & 0xFF));
                    }
                }
            }
        } catch (IOException e) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the article stream could not be read: " + e.getMessage());
        }
        if (pendingCr) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the article ends with a CR without LF");
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        if (inHeaders && messageId == null && headerLine.length() > 0) {
            messageId = messageId(headerLine.toString());
        }
        out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return new ArticleEncoder(out.toByteArray(), messageId);
    }

    private static String messageId(String header) {
        if (header.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
            String v = header.substring("message-id:".length()).trim();
            return v.isEmpty() ? null : v;
        }
        return null;
    }
}
