package org.ixp.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * One complete SMTP reply: the three-digit code, the text of each line, and the enhanced status code
 * (RFC 3463, e.g. {@code 5.1.1}) when the first line starts with one.
 *
 * @param code         the reply code, 200–599
 * @param lines        the text of each line, without code and separator
 * @param enhancedCode the enhanced status code, or {@code null}
 */
public record SmtpReply(int code, List<String> lines, String enhancedCode) {

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    public boolean isIntermediate() {
        return code >= 300 && code < 400;
    }

    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** The reply's lines as the server sent them ({@code 250-SIZE 1000}, {@code 250 OK}). */
    public List<String> rawLines() {
        List<String> raw = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String sep = i < lines.size() - 1 ? "-" : " ";
            String t = lines.get(i);
            raw.add(t.isEmpty() && i == lines.size() - 1 ? String.valueOf(code) : code + sep + t);
        }
        return raw;
    }

    /** The whole reply on one line: {@code 550 5.1.1 no such user}; multi-line texts joined with " / ". */
    public String oneLine() {
        return code + " " + String.join(" / ", lines);
    }
}
