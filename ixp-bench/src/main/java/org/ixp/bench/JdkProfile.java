package org.ixp.bench;

/**
 * Before any warm-up, every Java client's JVM handles a few characters outside Latin-1, as any mail or news
 * application does with the first international subject it sees. Until then the JIT compiles the JDK's
 * {@code Character} methods (and all that inlines them: {@code Integer.parseInt}, {@code equalsIgnoreCase},
 * {@code toUpperCase}) for Latin-1 only; the first other character — loaded by whatever code, at whatever moment —
 * makes all of that code not entrant and recompiled. Without this it happened inside measured phases (the C2
 * compiler then took 140–230 ms of a 200 ms run) at moments that depended on the client.
 */
final class JdkProfile {
    private JdkProfile() {
    }

    static void seeInternationalText() {
        String text = "Grüße Ωμέγα Привет 日本語 ١٢٣";
        long sink = 0;
        for (int round = 0; round < 20_000; round++) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                sink += Character.isLetter(c) ? 1 : 0;
                sink += Character.isWhitespace(c) ? 1 : 0;
                sink += Character.digit(c, 10);
                sink += Character.toUpperCase(c);
            }
            sink += text.toUpperCase(java.util.Locale.ROOT).length();
            sink += "ÄBC".equalsIgnoreCase("äbc") ? 1 : 0;
            sink += Integer.parseInt("١٢٣");
        }
        if (sink == 42) {
            System.err.print(""); // keeps the loop's results alive
        }
    }
}
