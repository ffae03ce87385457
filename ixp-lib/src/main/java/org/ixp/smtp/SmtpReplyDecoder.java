package org.ixp.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Limits;
import org.ixp.engine.ProtocolDecoder;

/**
 * Bytes to {@link SmtpReply}s (RFC 5321 §4.2), resumable at any byte. Each line is {@code ddd-text} (more follow)
 * or {@code ddd[ text]} (the last); every line of a reply carries the same code. Lines are bounded by
 * {@link Limits#maxLineLength()} and replies by {@link Limits#maxReplyLines()}.
 *
 * <p>Quirk, named: a bare LF ends a line as CRLF does (seen in test servers and some appliances); the reply text
 * is decoded as UTF-8 (RFC 6531 servers may send it), anything else passes as replacement characters.
 */
public final class SmtpReplyDecoder implements ProtocolDecoder<SmtpReply> {
    private final Limits limits;
    private final List<String> texts = new ArrayList<>();
    private int code = -1;
    /** Readable bytes already searched for LF without finding one: a trickled line is scanned once. */
    private int searched;

    public SmtpReplyDecoder(Limits limits) {
        this.limits = limits;
    }

    @Override
    public SmtpReply decode(ByteBuf in) {
        while (true) {
            int from = Math.min(searched, in.readableBytes());
            int lf = in.forEachByte(in.readerIndex() + from, in.readableBytes() - from, ByteProcessor.FIND_LF);
            if (lf < 0) {
                searched = in.readableBytes();
                if (in.readableBytes() > limits.maxLineLength() + 1) {
                    throw new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "SMTP reply line longer than "
                            + limits.maxLineLength() + " bytes");
                }
                return null;
            }
            int end = lf;
            if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
                end--;
            }
            int length = end - in.readerIndex();
            if (length > limits.maxLineLength()) {
                throw new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "SMTP reply line longer than "
                        + limits.maxLineLength() + " bytes");
            }
            String line = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
            in.readerIndex(lf + 1);
            searched = 0;
            SmtpReply reply = line(line);
            if (reply != null) {
                return reply;
            }
        }
    }

    private SmtpReply line(String line) {
        if (line.length() < 3 || !digit(line.charAt(0), '2', '5') || !digit(line.charAt(1), '0', '9')
                || !digit(line.charAt(2), '0', '9')) {
            throw malformed(line);
        }
        int lineCode = (line.charAt(0) - '0') * 100 + (line.charAt(1) - '0') * 10 + (line.charAt(2) - '0'); // digits checked
        boolean last;
        String text;
        if (line.length() == 3) {
            last = true;
            text = "";
        } else if (line.charAt(3) == '-') {
            last = false;
            text = line.substring(4);
        } else if (line.charAt(3) == ' ') {
            last = true;
            text = line.substring(4);
        } else {
            throw malformed(line);
        }
        if (code >= 0 && lineCode != code) {
            throw new IxpException(IxpCode.IXP_E_PROTOCOL_ERROR, "SMTP multi-line reply changed code from " + code
                    + " to " + lineCode);
        }
        code = lineCode;
        texts.add(text);
        if (texts.size() > limits.maxReplyLines()) {
            throw new IxpException(IxpCode.IXP_E_RESPONSE_TOO_LARGE, "SMTP reply of more than "
                    + limits.maxReplyLines() + " lines");
        }
        if (!last) {
            return null;
        }
        SmtpReply reply = new SmtpReply(code, texts, enhanced(code, texts.get(0)));
        texts.clear();
        code = -1;
        return reply;
    }

    /** RFC 3463 {@code class.subject.detail} at the start of the text, class matching the reply; no regex. */
    private static String enhanced(int code, String t) {
        char cls = t.isEmpty() ? 0 : t.charAt(0);
        if (t.length() < 5 || (cls != '2' && cls != '4' && cls != '5') || cls - '0' != code / 100
                || t.charAt(1) != '.') {
            return null;
        }
        int subjectEnd = digits(t, 2);
        if (subjectEnd < 0 || subjectEnd >= t.length() || t.charAt(subjectEnd) != '.') {
            return null;
        }
        int detailEnd = digits(t, subjectEnd + 1);
        if (detailEnd < 0 || (detailEnd < t.length() && !Character.isWhitespace(t.charAt(detailEnd)))) {
            return null;
        }
        return t.substring(0, detailEnd);
    }

    /** The end of 1–3 digits starting at {@code from}, or -1. */
    private static int digits(String t, int from) {
        int i = from;
        while (i < t.length() && i - from < 3 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i == from || (i < t.length() && i - from == 3 && Character.isDigit(t.charAt(i))) ? -1 : i;
    }

    private static boolean digit(char c, char lo, char hi) {
        return c >= lo && c <= hi;
    }

    private static IxpException malformed(String line) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        return new IxpException(org.ixp.IxpResult.ofResponse(IxpCode.IXP_E_SMTP_UNKNOWN_RESPONSE_CODE, shown, 0,
                "malformed SMTP reply line"));
    }
}
