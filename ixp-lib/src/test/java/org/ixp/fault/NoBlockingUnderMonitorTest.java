package org.ixp.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "No blocking I/O under a monitor", read from the sources: every {@code synchronized} block and method of ixp's main
 * code is found, and its body may call nothing that blocks — socket, file or DNS I/O, waiting on a future, a latch,
 * a thread or a lock, sleeping — nor an application callback (which could do any of those). Direct calls only: the
 * runtime twin, {@link MonitorSampler} in {@code RaceMatrixTest}, catches what a callee would do.
 */
class NoBlockingUnderMonitorTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern SYNC = Pattern.compile("\\bsynchronized\\b");
    private static final Pattern BLOCKING = Pattern.compile(
            "\\b(write|writeAndFlush|flush|read|readLine|readAllBytes|readNBytes|transferTo|close|connect|accept"
            + "|bind|join|await|awaitUninterruptibly|sync|syncUninterruptibly|sleep|wait|park|lock|lockInterruptibly"
            + "|getByName|getAllByName|newBufferedWriter|newOutputStream|newInputStream|newBufferedReader|createFile"
            + "|delete|move|copy|onStatus|onError|onResponse|onCommand|onTimeout|onPrompt|onLogonPrompt|invokeAll"
            + "|invokeAny)\\s*\\(|\\b\\w+\\.get\\(\\s*\\)|\\.get\\(\\s*\\d+\\s*,");
    /** Calls the pattern matches that do not block: the engine's shared-resources accessor. */
    private static final java.util.Set<String> NOT_BLOCKING = java.util.Set.of("EngineResources.get()");

    @Test
    void noSynchronizedRegionOfTheMainCodeCallsAnythingThatBlocks() throws IOException {
        List<String> regions = new ArrayList<>();
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = stripComments(Files.readString(f, StandardCharsets.UTF_8));
                Matcher m = SYNC.matcher(src);
                while (m.find()) {
                    int open = src.indexOf('{', m.end());
                    int semicolon = src.indexOf(';', m.end());
                    if (open < 0 || (semicolon >= 0 && semicolon < open)) {
                        continue; // an abstract or interface declaration: no body
                    }
                    String body = body(src, open);
                    int line = 1 + (int) src.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                    String where = MAIN.relativize(f) + ":" + line;
                    regions.add(where);
                    Matcher b = BLOCKING.matcher(body);
                    while (b.find()) {
                        if (NOT_BLOCKING.contains(b.group().trim())) {
                            continue;
                        }
                        offences.add(where + " calls " + b.group().trim());
                    }
                }
            }
        }
        System.out.println("synchronized regions checked: " + regions.size());
        assertThat(regions).as("the scan found the synchronized regions (SerialExecutor, AbstractTransport, …)")
                .hasSizeGreaterThanOrEqualTo(5);
        assertThat(offences).as("calls that may block inside a synchronized region").isEmpty();
    }

    /** The text between the brace at {@code open} and its match (strings and chars skipped). */
    private static String body(String src, int open) {
        int depth = 0;
        for (int i = open; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(src, i);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return src.substring(open + 1, i);
            }
        }
        throw new AssertionError("unbalanced braces after offset " + open);
    }

    private static int skipLiteral(String src, int start) {
        char q = src.charAt(start);
        if (q == '"' && src.startsWith("\"\"\"", start)) {
            int end = src.indexOf("\"\"\"", start + 3);
            return end < 0 ? src.length() : end + 2;
        }
        for (int i = start + 1; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == q) {
                return i;
            }
        }
        return src.length();
    }

    private static String stripComments(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ");
    }
}
