package org.ixp.testkit.nntp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Script;

/**
 * A small in-memory news server (RFC 3977 reader commands, RFC 4642 STARTTLS, RFC 4643 AUTHINFO USER/PASS and SASL
 * PLAIN) for tests that must run anywhere and for the demo; run it on a
 * {@link org.ixp.testkit.ScriptedServer}: {@code ScriptedServer.start(Mode.PLAIN, responder)}.
 *
 * <p>Commands: CAPABILITIES, MODE READER, STARTTLS, AUTHINFO, GROUP, LISTGROUP, LAST, NEXT, STAT, ARTICLE, HEAD,
 * BODY, OVER/XOVER, HDR/XHDR, LIST (ACTIVE, NEWSGROUPS, OVERVIEW.FMT, HEADERS), NEWGROUPS, NEWNEWS, POST, IHAVE,
 * DATE, QUIT. Options ({@link Options}) make it require authentication, refuse posting per user, behave like an
 * RFC 977 server without CAPABILITIES/OVER/HDR, or offer STARTTLS. Every connection shares the {@link NewsStore}.
 */
public final class NntpResponder implements Script {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final Pattern RANGE = Pattern.compile("(\\d{1,19})(-(\\d{1,19})?)?");

    /**
     * How the server behaves.
     *
     * @param users         user → password
     * @param posters       users allowed to post (others get 440; anonymous posters get 480)
     * @param readNeedsAuth every command but CAPABILITIES, MODE, STARTTLS, AUTHINFO, DATE and QUIT answers 480 until
     *                      logged on
     * @param anonymousPost whether anonymous users may post (greeting 200 instead of 201)
     * @param legacy        behave like an RFC 977/2980 server: 500 to CAPABILITIES, OVER and HDR; XOVER and XHDR work
     * @param startTls      offer STARTTLS (RFC 4642) before logon, on a plain connection
     * @param sasl          offer AUTHINFO SASL PLAIN besides USER/PASS
     */
    public record Options(Map<String, String> users, Set<String> posters, boolean readNeedsAuth,
                          boolean anonymousPost, boolean legacy, boolean startTls, boolean sasl) {

        /** Anonymous reading; alice (alice-pw) may post, bob (bob-pw) may not; STARTTLS and SASL PLAIN offered. */
        public static Options defaults() {
            return new Options(Map.of("alice", "alice-pw", "bob", "bob-pw"), Set.of("alice"), false, false, false,
                    true, true);
        }

        public Options withReadNeedsAuth(boolean v) {
            return new Options(users, posters, v, anonymousPost, legacy, startTls, sasl);
        }

        public Options withAnonymousPost(boolean v) {
            return new Options(users, posters, readNeedsAuth, v, legacy, startTls, sasl);
        }

        public Options withLegacy(boolean v) {
            return new Options(users, posters, readNeedsAuth, anonymousPost, v, startTls, sasl);
        }

        public Options withStartTls(boolean v) {
            return new Options(users, posters, readNeedsAuth, anonymousPost, legacy, v, sasl);
        }

        public Options withSasl(boolean v) {
            return new Options(users, posters, readNeedsAuth, anonymousPost, legacy, startTls, v);
        }
    }

    private final NewsStore store;
    private final Options options;

    public NntpResponder(NewsStore store, Options options) {
        this.store = store;
        this.options = options;
    }

    /** A store with {@code local.test} (3 articles) and {@code local.empty}, default options. */
    public static NntpResponder withSampleGroups() {
        NewsStore s = new NewsStore("responder.ixp.test")
                .group("local.test", "ixp test group")
                .group("local.empty", "nothing here");
        s.seed("local.test", 3, 200);
        return new NntpResponder(s, Options.defaults());
    }

    public NewsStore store() {
        return store;
    }

    public Options options() {
        return options;
    }

    @Override
    public void run(Conversation conv) {
        new Session(conv).run();
    }

    /** One connection's state: the current group and article, who is logged on. */
    private final class Session {
        private final Conversation conv;
        private String group;
        private long current = -1;
        private String user;
        private String pendingUser;

        Session(Conversation conv) {
            this.conv = conv;
        }

        void run() {
            conv.send(options.anonymousPost() ? "200 " + store.host() + " ixp responder ready, posting allowed"
                    : "201 " + store.host() + " ixp responder ready, no posting");
            for (String line = conv.readLine(); line != null; line = conv.readLine()) {
                String[] w = line.trim().split("\\s+");
                String verb = w[0].toUpperCase(Locale.ROOT);
                if (verb.equals("QUIT")) {
                    conv.send("205 bye");
                    return;
                }
                if (options.readNeedsAuth() && user == null && !Set.of("CAPABILITIES", "MODE", "STARTTLS", "AUTHINFO",
                        "DATE").contains(verb)) {
                    conv.send("480 authentication required");
                    continue;
                }
                command(verb, w, line);
            }
        }

        private void command(String verb, String[] w, String line) {
            switch (verb) {
                case "CAPABILITIES" -> capabilities();
                case "MODE" -> conv.send(w.length > 1 && w[1].equalsIgnoreCase("READER") ? (mayPost()
                        ? "200 posting allowed" : "201 no posting") : "501 unknown mode");
                case "STARTTLS" -> startTls();
                case "AUTHINFO" -> authinfo(w);
                case "GROUP" -> group(w);
                case "LISTGROUP" -> listGroup(w);
                case "LAST", "NEXT" -> move(verb.equals("NEXT"));
                case "STAT", "ARTICLE", "HEAD", "BODY" -> retrieve(verb, w);
                case "OVER", "XOVER" -> over(verb, w);
                case "HDR", "XHDR" -> hdr(verb, w);
                case "LIST" -> list(w);
                case "NEWGROUPS" -> newGroups(w);
                case "NEWNEWS" -> newNews(w);
                case "POST" -> post();
                case "IHAVE" -> ihave(w);
                case "DATE" -> conv.send("111 " + DATE.format(LocalDateTime.now(ZoneOffset.UTC)));
                default -> conv.send("500 unknown command");
            }
        }

        private boolean mayPost() {
            return user == null ? options.anonymousPost() : options.posters().contains(user);
        }

        private void capabilities() {
            if (options.legacy()) {
                conv.send("500 what?");
                return;
            }
            StringBuilder sb = new StringBuilder("101 Capability list:\r\nVERSION 2\r\nIMPLEMENTATION ixp responder\r\n"
                    + "READER\r\nOVER MSGID\r\nHDR\r\nNEWNEWS\r\nIHAVE\r\n"
                    + "LIST ACTIVE NEWSGROUPS OVERVIEW.FMT HEADERS\r\n");
            if (mayPost()) {
                sb.append("POST\r\n");
            }
            if (options.startTls() && !conv.isTls() && user == null) {
                sb.append("STARTTLS\r\n");
            }
            if (user == null) {
                sb.append(options.sasl() ? "AUTHINFO USER SASL\r\nSASL PLAIN\r\n" : "AUTHINFO USER\r\n");
            }
            conv.sendRaw(sb.append(".\r\n").toString());
        }

        private void startTls() {
            if (!options.startTls() || conv.isTls() || user != null) {
                conv.send("502 STARTTLS not available");
                return;
            }
            conv.send("382 Continue with TLS negotiation");
            conv.startTls();
        }

        private void authinfo(String[] w) {
            if (user != null) {
                conv.send("502 already authenticated");
                return;
            }
            String kind = w.length > 1 ? w[1].toUpperCase(Locale.ROOT) : "";
            if (kind.equals("USER") && w.length > 2) {
                pendingUser = w[2];
                conv.send("381 password required");
            } else if (kind.equals("PASS") && w.length > 2) {
                if (pendingUser == null) {
                    conv.send("482 USER first");
                } else {
                    logon(pendingUser, w[2]);
                }
            } else if (kind.equals("SASL") && options.sasl() && w.length > 2 && w[2].equalsIgnoreCase("PLAIN")) {
                String response = w.length > 3 ? w[3] : null;
                if (response == null) {
                    conv.send("383 =");
                    response = conv.readLine();
                }
                plain(response);
            } else {
                conv.send("501 unsupported AUTHINFO form");
            }
        }

        private void plain(String base64) {
            try {
                String[] p = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).split("\0", -1);
                if (p.length == 3) {
                    logon(p[1], p[2]);
                    return;
                }
            } catch (IllegalArgumentException e) {
                // fall through
            }
            conv.send("482 malformed SASL PLAIN response");
        }

        private void logon(String name, String password) {
            if (password.equals(options.users().get(name))) {
                user = name;
                conv.send("281 authentication accepted");
            } else {
                conv.send("481 authentication failed");
            }
            pendingUser = null;
        }

        private void group(String[] w) {
            NewsStore.Group g = w.length > 1 ? store.findGroup(w[1]) : null;
            if (g == null) {
                conv.send("411 no such group");
                return;
            }
            group = g.name;
            synchronized (store) {
                current = g.articles.isEmpty() ? -1 : g.articles.firstKey();
                conv.send("211 " + g.articles.size() + " " + g.low() + " " + g.high() + " " + g.name);
            }
        }

        private void listGroup(String[] w) {
            String name = w.length > 1 ? w[1] : group;
            NewsStore.Group g = name == null ? null : store.findGroup(name);
            if (g == null) {
                conv.send(name == null ? "412 no group selected" : "411 no such group");
                return;
            }
            long[] r = w.length > 2 ? range(w[2]) : new long[] {0, -1};
            if (r == null) {
                conv.send("501 bad range");
                return;
            }
            group = g.name;
            StringBuilder sb = new StringBuilder();
            synchronized (store) {
                current = g.articles.isEmpty() ? -1 : g.articles.firstKey();
                sb.append("211 ").append(g.articles.size()).append(' ').append(g.low()).append(' ')
                        .append(g.high()).append(' ').append(g.name).append(" list follows\r\n");
            }
            for (Map.Entry<Long, NewsStore.Article> e : store.range(g.name, r[0], r[1])) {
                sb.append(e.getKey()).append("\r\n");
            }
            conv.sendRaw(sb.append(".\r\n").toString());
        }

        private void move(boolean next) {
            if (group == null) {
                conv.send("412 no newsgroup selected");
                return;
            }
            if (current < 0) {
                conv.send("420 no current article");
                return;
            }
            List<Map.Entry<Long, NewsStore.Article>> all = store.range(group, 0, -1);
            Map.Entry<Long, NewsStore.Article> found = null;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).getKey() == current) {
                    int j = next ? i + 1 : i - 1;
                    found = j >= 0 && j < all.size() ? all.get(j) : null;
                    break;
                }
            }
            if (found == null) {
                conv.send(next ? "421 no next article" : "422 no previous article");
                return;
            }
            current = found.getKey();
            conv.send("223 " + current + " " + found.getValue().messageId() + " retrieved");
        }

        private void retrieve(String verb, String[] w) {
            NewsStore.Article a;
            long number;
            if (w.length > 1 && w[1].startsWith("<")) {
                a = store.byMessageId(w[1]);
                if (a == null) {
                    conv.send("430 no such article");
                    return;
                }
                number = 0;
            } else {
                if (group == null) {
                    conv.send("412 no newsgroup selected");
                    return;
                }
                number = w.length > 1 ? parse(w[1]) : current;
                if (number < 0) {
                    conv.send(w.length > 1 ? "501 bad article number" : "420 no current article");
                    return;
                }
                List<Map.Entry<Long, NewsStore.Article>> one = store.range(group, number, number);
                if (one.isEmpty()) {
                    conv.send("423 no article with that number");
                    return;
                }
                a = one.get(0).getValue();
                current = number;
            }
            String pointer = number + " " + a.messageId();
            switch (verb) {
                case "STAT" -> conv.send("223 " + pointer);
                case "ARTICLE" -> block("220 " + pointer, new String(a.bytes(), StandardCharsets.UTF_8));
                case "HEAD" -> block("221 " + pointer, a.head());
                default -> block("222 " + pointer, a.body());
            }
        }

        private void over(String verb, String[] w) {
            if (options.legacy() && verb.equals("OVER")) {
                conv.send("500 what?");
                return;
            }
            List<Map.Entry<Long, NewsStore.Article>> arts = selection(w.length > 1 ? w[1] : null);
            if (arts == null) {
                return;
            }
            StringBuilder sb = new StringBuilder("224 overview follows\r\n");
            for (Map.Entry<Long, NewsStore.Article> e : arts) {
                NewsStore.Article a = e.getValue();
                sb.append(e.getKey()).append('\t').append(clean(a.header("Subject"))).append('\t')
                        .append(clean(a.header("From"))).append('\t').append(clean(a.header("Date"))).append('\t')
                        .append(a.messageId()).append('\t').append(clean(a.header("References"))).append('\t')
                        .append(a.bytes().length).append('\t').append(a.lineCount()).append('\t')
                        .append("Xref: ").append(store.xref(a)).append("\r\n");
            }
            conv.sendRaw(stuffed(sb.append(".\r\n").toString()));
        }

        private void hdr(String verb, String[] w) {
            if (options.legacy() && verb.equals("HDR")) {
                conv.send("500 what?");
                return;
            }
            if (w.length < 2) {
                conv.send("501 header name required");
                return;
            }
            boolean byId = w.length > 2 && w[2].startsWith("<");
            List<Map.Entry<Long, NewsStore.Article>> arts = selection(w.length > 2 ? w[2] : null);
            if (arts == null) {
                return;
            }
            StringBuilder sb = new StringBuilder(verb.equals("HDR") ? "225 headers follow\r\n" : "221 headers follow\r\n");
            for (Map.Entry<Long, NewsStore.Article> e : arts) {
                String key = byId ? (verb.equals("HDR") ? "0" : e.getValue().messageId()) : e.getKey().toString();
                sb.append(key).append(' ').append(clean(e.getValue().header(w[1]))).append("\r\n");
            }
            conv.sendRaw(stuffed(sb.append(".\r\n").toString()));
        }

        /** The articles a range, a message-id or (null) the current article names; null after an error reply. */
        private List<Map.Entry<Long, NewsStore.Article>> selection(String arg) {
            if (arg != null && arg.startsWith("<")) {
                NewsStore.Article a = store.byMessageId(arg);
                if (a == null) {
                    conv.send("430 no such article");
                    return null;
                }
                return List.of(Map.entry(0L, a));
            }
            if (group == null) {
                conv.send("412 no newsgroup selected");
                return null;
            }
            long[] r = arg == null ? new long[] {current, current} : range(arg);
            if (r == null || r[0] < 0) {
                conv.send(r == null ? "501 bad range" : "420 no current article");
                return null;
            }
            List<Map.Entry<Long, NewsStore.Article>> arts = store.range(group, r[0], r[1]);
            if (arts.isEmpty()) {
                conv.send("423 no articles in that range");
                return null;
            }
            return arts;
        }

        private void list(String[] w) {
            String kind = w.length > 1 ? w[1].toUpperCase(Locale.ROOT) : "ACTIVE";
            StringBuilder sb = new StringBuilder("215 list follows\r\n");
            switch (kind) {
                case "ACTIVE" -> {
                    for (NewsStore.Group g : store.groups()) {
                        if (w.length < 3 || wildmat(w[2], g.name)) {
                            synchronized (store) {
                                sb.append(g.name).append(' ').append(g.high()).append(' ').append(g.low())
                                        .append(" y\r\n");
                            }
                        }
                    }
                }
                case "NEWSGROUPS" -> {
                    for (NewsStore.Group g : store.groups()) {
                        if (w.length < 3 || wildmat(w[2], g.name)) {
                            sb.append(g.name).append('\t').append(g.description).append("\r\n");
                        }
                    }
                }
                case "OVERVIEW.FMT" -> sb.append("Subject:\r\nFrom:\r\nDate:\r\nMessage-ID:\r\nReferences:\r\n"
                        + ":bytes\r\n:lines\r\nXref:full\r\n");
                case "HEADERS" -> sb.append(":\r\n");
                default -> {
                    conv.send("501 unknown LIST keyword");
                    return;
                }
            }
            conv.sendRaw(sb.append(".\r\n").toString());
        }

        private void newGroups(String[] w) {
            Instant since = since(w, 1);
            if (since == null) {
                conv.send("501 bad date");
                return;
            }
            StringBuilder sb = new StringBuilder("231 list of new newsgroups follows\r\n");
            for (NewsStore.Group g : store.groups()) {
                if (!g.created.isBefore(since)) {
                    synchronized (store) {
                        sb.append(g.name).append(' ').append(g.high()).append(' ').append(g.low()).append(" y\r\n");
                    }
                }
            }
            conv.sendRaw(sb.append(".\r\n").toString());
        }

        private void newNews(String[] w) {
            Instant since = w.length > 1 ? since(w, 2) : null;
            if (since == null) {
                conv.send("501 bad arguments");
                return;
            }
            StringBuilder sb = new StringBuilder("230 list of new articles follows\r\n");
            for (NewsStore.Article a : store.articles()) {
                if (!a.arrived().isBefore(since) && a.numbers().keySet().stream().anyMatch(g -> wildmat(w[1], g))) {
                    sb.append(a.messageId()).append("\r\n");
                }
            }
            conv.sendRaw(sb.append(".\r\n").toString());
        }

        private void post() {
            if (!mayPost()) {
                conv.send(user == null ? "480 authentication required to post" : "440 posting not permitted");
                return;
            }
            conv.send("340 send article; end with <CR-LF>.<CR-LF>");
            String id = store.post(unstuff(conv.readUntilDotLine()));
            conv.send(id == null ? "441 posting failed: no valid newsgroup or duplicate" : "240 article received " + id);
        }

        private void ihave(String[] w) {
            if (w.length < 2 || !w[1].startsWith("<")) {
                conv.send("501 message-id required");
                return;
            }
            if (store.byMessageId(w[1]) != null) {
                conv.send("435 article not wanted");
                return;
            }
            conv.send("335 send it");
            byte[] article = unstuff(conv.readUntilDotLine());
            String id = store.post(article);
            conv.send(id == null ? "437 article rejected" : "235 article transferred OK");
        }

        private void block(String status, String content) {
            StringBuilder sb = new StringBuilder(status).append("\r\n");
            if (!content.isEmpty()) {
                String c = content.endsWith("\r\n") ? content : content + "\r\n";
                for (String l : c.substring(0, c.length() - 2).split("\r\n", -1)) {
                    sb.append(l.startsWith(".") ? "." : "").append(l).append("\r\n");
                }
            }
            conv.sendRaw(sb.append(".\r\n").toString());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The article bytes of a dot-terminated body as the client sent it: dot-stuffing removed. */
    static byte[] unstuff(String raw) {
        StringBuilder sb = new StringBuilder();
        for (String line : raw.split("(?<=\n)")) {
            sb.append(line.startsWith("..") ? line.substring(1) : line);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Dot-stuffs the data lines of an assembled multi-line response (not its status line or terminator). */
    private static String stuffed(String response) {
        String[] lines = response.split("\r\n", -1);
        StringBuilder sb = new StringBuilder(lines[0]).append("\r\n");
        for (int i = 1; i < lines.length - 2; i++) {
            sb.append(lines[i].startsWith(".") ? "." : "").append(lines[i]).append("\r\n");
        }
        return sb.append(".\r\n").toString();
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code n}, {@code n-}, {@code n-m} → {first, last} (last -1: open); null when malformed. */
    static long[] range(String s) {
        var m = RANGE.matcher(s);
        if (!m.matches()) {
            return null;
        }
        long first = Long.parseLong(m.group(1));
        if (m.group(2) == null) {
            return new long[] {first, first};
        }
        return new long[] {first, m.group(3) == null ? -1 : Long.parseLong(m.group(3))};
    }

    /** {@code yyyymmdd hhmmss [GMT]} (or the RFC 977 {@code yymmdd}) at {@code w[i]}, {@code w[i+1]}. */
    private static Instant since(String[] w, int i) {
        if (w.length < i + 2) {
            return null;
        }
        String d = w[i].length() == 6 ? (Integer.parseInt(w[i].substring(0, 2)) < 70 ? "20" : "19") + w[i] : w[i];
        try {
            return LocalDateTime.parse(d + w[i + 1], DATE).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** RFC 3977 §4 wildmat: comma-separated patterns with * and ?, "!" negates; the last match decides. */
    static boolean wildmat(String wildmat, String name) {
        boolean result = false;
        for (String p : wildmat.split(",")) {
            boolean negate = p.startsWith("!");
            String pattern = negate ? p.substring(1) : p;
            StringBuilder re = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            if (name.matches(re.toString())) {
                result = !negate;
            }
        }
        return result;
    }
}
