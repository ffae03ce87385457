package org.ixp.nntp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the server announced in its CAPABILITIES list (RFC 3977 §5.2), or, for a server that does not know the
 * command (RFC 977 / RFC 2980 servers answer 500), {@link #LEGACY}: nothing is known, so the transport uses the
 * fallbacks those servers understand — MODE READER always, XOVER instead of OVER, XHDR instead of HDR, AUTHINFO
 * USER when credentials are given, and STARTTLS tried only when TLS is required.
 */
public final class NntpCapabilities {
    /** The capabilities of a server without CAPABILITIES: nothing known. */
    public static final NntpCapabilities LEGACY = new NntpCapabilities(List.of(), false);

    private final List<String> lines;
    private final boolean known;
    private final Map<String, List<String>> labels = new LinkedHashMap<>();

    private NntpCapabilities(List<String> lines, boolean known) {
        this.lines = List.copyOf(lines);
        this.known = known;
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String w : Arrays.asList(words).subList(1, words.length)) {
                args.add(w.toUpperCase(Locale.ROOT));
            }
            labels.put(words[0].toUpperCase(Locale.ROOT), List.copyOf(args));
        }
    }

    /** Parses the lines of a 101 answer. */
    public static NntpCapabilities of(List<String> lines) {
        return new NntpCapabilities(lines, true);
    }

    /** Whether the server answered CAPABILITIES (false for {@link #LEGACY}). */
    public boolean known() {
        return known;
    }

    /** The lines as announced. */
    public List<String> lines() {
        return lines;
    }

    /** Whether a label is announced, case-insensitive. */
    public boolean has(String label) {
        return labels.containsKey(label.toUpperCase(Locale.ROOT));
    }

    /** The arguments of a label, upper case; empty when absent. */
    public List<String> arguments(String label) {
        return labels.getOrDefault(label.toUpperCase(Locale.ROOT), List.of());
    }

    /** Whether label {@code label} has argument {@code argument}, case-insensitive. */
    public boolean has(String label, String argument) {
        return arguments(label).contains(argument.toUpperCase(Locale.ROOT));
    }

    /** VERSION's first argument, or 0 (legacy). */
    public int version() {
        List<String> v = arguments("VERSION");
        try {
            return v.isEmpty() ? 0 : Integer.parseInt(v.get(0));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A mode-switching server that is not yet reading (MODE-READER announced, READER not): say MODE READER. */
    public boolean needsModeReader() {
        return !known || (has("MODE-READER") && !has("READER"));
    }

    /** STARTTLS (RFC 4642). */
    public boolean startTls() {
        return has("STARTTLS");
    }

    /** Whether OVER is announced; otherwise getHeaders uses XOVER. */
    public boolean over() {
        return has("OVER");
    }

    /** Whether HDR is announced; otherwise XHDR is used. */
    public boolean hdr() {
        return has("HDR");
    }

    /** Whether AUTHINFO USER may be used: announced, or unknown (legacy). */
    public boolean authinfoUser() {
        return !known || has("AUTHINFO", "USER");
    }

    /** Whether AUTHINFO SASL is announced. */
    public boolean authinfoSasl() {
        return has("AUTHINFO", "SASL");
    }

    /** Whether any AUTHINFO form is available (or unknown). */
    public boolean authinfo() {
        return !known || has("AUTHINFO");
    }

    /** The SASL mechanisms (the SASL label's arguments). */
    public List<String> saslMechanisms() {
        return arguments("SASL");
    }

    /** Whether POST is announced (posting is allowed now); unknown servers: see the greeting. */
    public boolean post() {
        return has("POST");
    }

    /** Whether COMPRESS DEFLATE (RFC 8054) is announced (ixp does not use it yet). */
    public boolean compressDeflate() {
        return has("COMPRESS", "DEFLATE");
    }

    @Override
    public String toString() {
        return known ? "NntpCapabilities" + lines : "NntpCapabilities[legacy: no CAPABILITIES]";
    }
}
