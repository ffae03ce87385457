package org.ixp.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1): keyword → parameters.
 * Empty after HELO.
 */
public final class SmtpCapabilities {
    public static final SmtpCapabilities NONE = new SmtpCapabilities(Map.of(), false);
    private final Map<String, String> extensions;
    private final boolean ehlo;

    private SmtpCapabilities(Map<String, String> extensions, boolean ehlo) {
        this.extensions = extensions;
        this.ehlo = ehlo;
    }

    /** From an EHLO reply: the first line is the server's domain greeting, each further line one extension. */
    public static SmtpCapabilities fromEhlo(SmtpReply reply) {
        Map<String, String> ext = new LinkedHashMap<>();
        List<String> lines = reply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) {
                continue;
            }
            int sp = l.indexOf(' ');
            String key = (sp < 0 ? l : l.substring(0, sp)).toUpperCase(Locale.ROOT);
            String params = sp < 0 ? "" : l.substring(sp + 1).trim();
            // Quirk: old servers announce "AUTH=LOGIN PLAIN" (Outlook-era syntax); merge it into AUTH.
            if (key.startsWith("AUTH=")) {
                String mechs = (key.substring(5) + " " + params).trim();
                ext.merge("AUTH", mechs, (a, b) -> a + " " + b);
                continue;
            }
            ext.merge(key, params, (a, b) -> a.isEmpty() ? b : a + " " + b);
        }
        return new SmtpCapabilities(Collections.unmodifiableMap(ext), true);
    }

    public boolean isEhlo() {
        return ehlo;
    }

    public boolean has(String keyword) {
        return extensions.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    public String parameters(String keyword) {
        return extensions.get(keyword.toUpperCase(Locale.ROOT));
    }

    /** SASL mechanisms after AUTH, upper-case. */
    public List<String> authMechanisms() {
        String p = extensions.get("AUTH");
        List<String> out = new ArrayList<>();
        if (p != null) {
            for (String m : p.trim().split("\\s+")) {
                if (!m.isEmpty() && !out.contains(m.toUpperCase(Locale.ROOT))) {
                    out.add(m.toUpperCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The SIZE limit in bytes; 0 when none was announced or it is unlimited. */
    private static boolean digitsOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public long maxSize() {
        String p = extensions.get("SIZE");
        if (p == null || p.isEmpty() || !digitsOnly(p.trim())) {
            return 0; // RFC 1870: digits only
        }
        try {
            return Long.parseLong(p.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Keyword lines as announced, e.g. {@code SIZE 10240000}. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        extensions.forEach((k, v) -> out.add(v.isEmpty() ? k : k + " " + v));
        return out;
    }

    @Override
    public String toString() {
        return "SmtpCapabilities" + lines();
    }
}
