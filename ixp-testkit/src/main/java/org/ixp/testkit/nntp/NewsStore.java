package org.ixp.testkit.nntp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory news spool of an {@link NntpResponder}: groups with 64-bit article numbers, articles by
 * message-id. Thread-safe (every connection of a server shares one store).
 */
public final class NewsStore {
    private static final DateTimeFormatter RFC5322 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One article: its exact bytes (CRLF line ends), where it was filed and when it arrived. */
    public record Article(String messageId, byte[] bytes, Map<String, Long> numbers, Instant arrived) {

        /** The header section (up to the blank line), CRLF line ends, without the blank line. */
        public String head() {
            String s = new String(bytes, StandardCharsets.UTF_8);
            int end = s.indexOf("\r\n\r\n");
            return end < 0 ? s : s.substring(0, end + 2);
        }

        /** The body (after the blank line). */
        public String body() {
            String s = new String(bytes, StandardCharsets.UTF_8);
            int end = s.indexOf("\r\n\r\n");
            return end < 0 ? "" : s.substring(end + 4);
        }

        /** A header's value (unfolded), or "" when absent. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            String[] lines = head().split("\r\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    StringBuilder v = new StringBuilder(lines[i].substring(prefix.length()).trim());
                    while (i + 1 < lines.length && (lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("\t"))) {
                        v.append(' ').append(lines[++i].trim());
                    }
                    return v.toString();
                }
            }
            return "";
        }

        public int lineCount() {
            String b = body();
            return b.isEmpty() ? 0 : b.split("\r\n", -1).length - 1;
        }
    }

    /** One group. */
    public static final class Group {
        final String name;
        final Instant created;
        final String description;
        final NavigableMap<Long, Article> articles = new TreeMap<>();
        long next;

        Group(String name, Instant created, String description, long firstNumber) {
            this.name = name;
            this.created = created;
            this.description = description;
            this.next = firstNumber;
        }

        public long low() {
            return articles.isEmpty() ? next : articles.firstKey();
        }

        public long high() {
            return articles.isEmpty() ? next - 1 : articles.lastKey();
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Article> byId = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final String host;

    /** @param host the name in generated message-ids, Path and Xref */
    public NewsStore(String host) {
        this.host = host;
    }

    public String host() {
        return host;
    }

    /** Adds a group whose first article will be number 1. */
    public synchronized NewsStore group(String name, String description) {
        return group(name, description, Instant.now(), 1);
    }

    /** Adds a group created at {@code created} whose first article will get {@code firstNumber} (64-bit). */
    public synchronized NewsStore group(String name, String description, Instant created, long firstNumber) {
        groups.putIfAbsent(name, new Group(name, created, description, firstNumber));
        return this;
    }

    /** Files {@code count} generated articles of about {@code size} bytes in {@code group}. */
    public synchronized NewsStore seed(String group, int count, int size) {
        for (int i = 1; i <= count; i++) {
            String id = "<seed." + group + "." + ids.incrementAndGet() + "@" + host + ">";
            StringBuilder body = new StringBuilder();
            while (body.length() < size) {
                body.append("Line ").append(body.length()).append(" of seeded article ").append(i).append(".\r\n");
            }
            String article = "From: seeder@" + host + "\r\n"
                    + "Newsgroups: " + group + "\r\n"
                    + "Subject: seed " + i + "/" + count + "\r\n"
                    + "Date: " + RFC5322.format(Instant.now()) + "\r\n"
                    + "Message-ID: " + id + "\r\n"
                    + "\r\n" + body;
            file(article.getBytes(StandardCharsets.UTF_8), id, List.of(group));
        }
        return this;
    }

    /**
     * Files an article as POST does: adds Message-ID, Date and Path when missing and files it in every known group
     * of its Newsgroups header.
     *
     * @return the message-id, or {@code null} when no group of Newsgroups exists (441)
     */
    public synchronized String post(byte[] article) {
        String text = new String(article, StandardCharsets.UTF_8);
        Article probe = new Article(null, article, Map.of(), Instant.now());
        List<String> targets = new ArrayList<>();
        for (String g : probe.header("Newsgroups").split(",")) {
            if (groups.containsKey(g.trim())) {
                targets.add(g.trim());
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        String id = probe.header("Message-ID");
        StringBuilder extra = new StringBuilder("Path: " + host + "!not-for-mail\r\n");
        if (id.isEmpty()) {
            id = "<" + ids.incrementAndGet() + ".post@" + host + ">";
            extra.append("Message-ID: ").append(id).append("\r\n");
        }
        if (byId.containsKey(id)) {
            return null;
        }
        if (probe.header("Date").isEmpty()) {
            extra.append("Date: ").append(RFC5322.format(Instant.now())).append("\r\n");
        }
        file((extra + text).getBytes(StandardCharsets.UTF_8), id, targets);
        return id;
    }

    private void file(byte[] bytes, String id, List<String> targets) {
        Map<String, Long> numbers = new LinkedHashMap<>();
        for (String g : targets) {
            Group group = groups.get(g);
            numbers.put(g, group.next++);
        }
        Article a = new Article(id, bytes, Map.copyOf(numbers), Instant.now());
        for (Map.Entry<String, Long> e : numbers.entrySet()) {
            groups.get(e.getKey()).articles.put(e.getValue(), a);
        }
        byId.put(id, a);
    }

    public synchronized Group findGroup(String name) {
        return groups.get(name);
    }

    public synchronized List<Group> groups() {
        return new ArrayList<>(groups.values());
    }

    public synchronized Article byMessageId(String id) {
        return byId.get(id);
    }

    public synchronized List<Article> articles() {
        return new ArrayList<>(byId.values());
    }

    /** Articles of a group in [first, last] (last -1: to the end), in number order (a copy). */
    public synchronized List<Map.Entry<Long, Article>> range(String group, long first, long last) {
        Group g = groups.get(group);
        if (g == null) {
            return List.of();
        }
        NavigableMap<Long, Article> sub = last < 0 ? g.articles.tailMap(first, true)
                : first > last ? new TreeMap<>() : g.articles.subMap(first, true, last, true);
        return new ArrayList<>(sub.entrySet());
    }

    /** The Xref value of an article, e.g. {@code host g:1}. */
    public String xref(Article a) {
        StringBuilder sb = new StringBuilder(host);
        a.numbers().forEach((g, n) -> sb.append(' ').append(g).append(':').append(n));
        return sb.toString();
    }
}
