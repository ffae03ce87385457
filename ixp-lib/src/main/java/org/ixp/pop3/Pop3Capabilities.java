package org.ixp.pop3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the server announced in reply to CAPA (RFC 2449): each tag, upper case, with its arguments.
 *
 * <p>Fallbacks when the server has no CAPA ({@link #UNKNOWN}, {@link #known()} false), following RFC 1939: USER/PASS
 * is assumed (it is in every POP3 server), TOP and UIDL are tried when asked for (they are optional: the server says
 * {@code -ERR} if it lacks them), STLS is tried when TLS is required, no SASL mechanism is known, and commands are
 * never pipelined.
 */
public final class Pop3Capabilities {
    /** No CAPA: the fallbacks above. */
    public static final Pop3Capabilities UNKNOWN = new Pop3Capabilities(false, List.of());

    private final boolean known;
    private final List<String> lines;
    private final Map<String, List<String>> tags;

    private Pop3Capabilities(boolean known, List<String> lines) {
        this.known = known;
        this.lines = List.copyOf(lines);
        Map<String, List<String>> t = new LinkedHashMap<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                args.add(words[i]);
            }
            t.put(words[0].toUpperCase(Locale.ROOT), Collections.unmodifiableList(args));
        }
        this.tags = Collections.unmodifiableMap(t);
    }

    /** The capabilities from the lines of a CAPA reply. */
    public static Pop3Capabilities fromCapa(List<String> lines) {
        return new Pop3Capabilities(true, lines);
    }

    /** Whether the server answered CAPA. */
    public boolean known() {
        return known;
    }

    /** Whether the tag was announced (case-insensitive). */
    public boolean has(String tag) {
        return tags.containsKey(tag.toUpperCase(Locale.ROOT));
    }

    /** A tag's arguments, or an empty list. */
    public List<String> arguments(String tag) {
        return tags.getOrDefault(tag.toUpperCase(Locale.ROOT), List.of());
    }

    /** The SASL mechanisms offered ({@code SASL} tag, RFC 5034), upper case. */
    public List<String> saslMechanisms() {
        List<String> m = new ArrayList<>();
        for (String a : arguments("SASL")) {
            m.add(a.toUpperCase(Locale.ROOT));
        }
        return m;
    }

    /** STLS offered (RFC 2595). */
    public boolean stls() {
        return has("STLS");
    }

    /** PIPELINING offered: commands may be sent without waiting for each reply. */
    public boolean pipelining() {
        return has("PIPELINING");
    }

    /** USER/PASS available: announced, or assumed when CAPA is missing. */
    public boolean user() {
        return !known || has("USER");
    }

    /** Whether TOP should be tried: announced, or CAPA missing. */
    public boolean top() {
        return !known || has("TOP");
    }

    /** Whether UIDL should be tried: announced, or CAPA missing. */
    public boolean uidl() {
        return !known || has("UIDL");
    }

    /** RESP-CODES announced: {@code -ERR} texts may begin with {@code [CODE]}. */
    public boolean respCodes() {
        return has("RESP-CODES");
    }

    /** UTF8 (RFC 6856) offered. */
    public boolean utf8() {
        return has("UTF8");
    }

    /** The announced lines, as sent. */
    public List<String> lines() {
        return lines;
    }

    @Override
    public String toString() {
        return known ? "Pop3Capabilities" + lines : "Pop3Capabilities[unknown]";
    }
}
