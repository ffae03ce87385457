package org.ixp.nntp;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.ixp.Arguments;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * Checked NNTP command lines (RFC 3977). Every argument is refused with E_INVALIDARG before anything is sent when
 * it contains CR, LF or NUL, when a single-token argument contains white space, when a message-id breaks RFC 3977
 * §3.6, or when the line would exceed 512 octets with its CRLF (§3.1).
 */
final class NntpCommands {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss", Locale.ROOT);

    private NntpCommands() {
    }

    static String capabilities() {
        return "CAPABILITIES";
    }

    static String modeReader() {
        return "MODE READER";
    }

    static String compressDeflate() {
        return "COMPRESS DEFLATE";
    }

    static String startTls() {
        return "STARTTLS";
    }

    static String quit() {
        return "QUIT";
    }

    static String date() {
        return "DATE";
    }

    static String last() {
        return "LAST";
    }

    static String next() {
        return "NEXT";
    }

    static String post() {
        return "POST";
    }

    static String ihave(String messageId) {
        return "IHAVE " + checkMessageId(messageId);
    }

    static String group(String name) {
        return checked("GROUP " + token("group name", name));
    }

    /** {@code LISTGROUP [group [range]]}; a range needs a group. */
    static String listGroup(String group, NntpRange range) {
        if (group == null) {
            if (range != null) {
                throw new IxpException(IxpCode.E_INVALIDARG, "LISTGROUP with a range needs the group name");
            }
            return "LISTGROUP";
        }
        return checked("LISTGROUP " + token("group name", group) + (range == null ? "" : " " + range));
    }

    /** ARTICLE, HEAD, BODY or STAT with a number, a message-id, or nothing (the current article). */
    static String retrieve(String verb, ArticleId id) {
        String arg = id == null ? "" : id.argument();
        return arg.isEmpty() ? verb : checked(verb + " " + arg);
    }

    /** {@code LIST [keyword [argument]]}: each word a token. */
    static String list(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return "LIST";
        }
        Arguments.requireSafe("LIST arguments", arguments);
        String[] words = arguments.trim().split("\\s+");
        if (words.length > 2) {
            throw new IxpException(IxpCode.E_INVALIDARG, "LIST takes a keyword and at most one argument: "
                    + arguments);
        }
        return checked("LIST " + words[0].toUpperCase(Locale.ROOT) + (words.length > 1 ? " " + words[1] : ""));
    }

    /** {@code NEWGROUPS yyyymmdd hhmmss GMT} (RFC 3977 §7.3). */
    static String newGroups(ZonedDateTime since) {
        return "NEWGROUPS " + date(since) + " GMT";
    }

    /** {@code NEWNEWS wildmat yyyymmdd hhmmss GMT} (RFC 3977 §7.4). */
    static String newNews(String wildmat, ZonedDateTime since) {
        return checked("NEWNEWS " + token("wildmat", wildmat) + " " + date(since) + " GMT");
    }

    /** OVER/XOVER with a range, a message-id (OVER only) or nothing (the current article). */
    static String over(boolean x, NntpRange range, String messageId) {
        String verb = x ? "XOVER" : "OVER";
        if (range != null) {
            return verb + " " + range;
        }
        return messageId == null ? verb : checked(verb + " " + checkMessageId(messageId));
    }

    /** HDR/XHDR field with a range, a message-id or nothing (the current article). */
    static String hdr(boolean x, String field, NntpRange range, String messageId) {
        String line = (x ? "XHDR " : "HDR ") + token("header name", field);
        if (range != null && messageId != null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "give a range or a message-id, not both");
        }
        if (range != null) {
            line += " " + range;
        } else if (messageId != null) {
            line += " " + checkMessageId(messageId);
        }
        return checked(line);
    }

    static String authinfoUser(String user) {
        return checked("AUTHINFO USER " + token("user name", user));
    }

    /** The real line; log it as {@code AUTHINFO PASS ****}. */
    static String authinfoPass(String password) {
        Arguments.requireSafe("password", password);
        return "AUTHINFO PASS " + password;
    }

    /** {@code AUTHINFO SASL mech [initial-response]}; log it with the response as {@code ****}. */
    static String authinfoSasl(String mechanism, String initialResponse) {
        return "AUTHINFO SASL " + token("SASL mechanism", mechanism)
                + (initialResponse == null ? "" : " " + initialResponse);
    }

    // ------------------------------------------------------------------ checks

    /** A message-id as RFC 3977 §3.6 defines it: {@code <…>}, 3–250 octets of printable US-ASCII, no inner '>'. */
    static String checkMessageId(String id) {
        if (id == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "message-id is required");
        }
        Arguments.requireSafe("message-id", id);
        if (id.length() < 3 || id.length() > 250 || id.charAt(0) != '<' || id.charAt(id.length() - 1) != '>'
                || id.indexOf('>') != id.length() - 1) {
            throw new IxpException(IxpCode.E_INVALIDARG, "not a message-id (RFC 3977 §3.6): " + id);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IxpException(IxpCode.E_INVALIDARG, "message-id with a space or non-ASCII character at "
                        + i + ": " + id);
            }
        }
        return id;
    }

    /** One word: no CR, LF, NUL, space or tab, not empty. */
    static String token(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, what + " is required");
        }
        Arguments.requireSafe(what, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                throw new IxpException(IxpCode.E_INVALIDARG, what + " contains white space: " + value);
            }
        }
        return value;
    }

    private static String date(ZonedDateTime since) {
        if (since == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the date is required");
        }
        return DATE.format(since.withZoneSameInstant(ZoneOffset.UTC));
    }

    /** At most 512 octets with CRLF (RFC 3977 §3.1). */
    private static String checked(String line) {
        Arguments.requireSafe("command", line);
        if (line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 510) {
            throw new IxpException(IxpCode.E_INVALIDARG, "command line longer than 512 octets (RFC 3977 §3.1)");
        }
        return line;
    }
}
