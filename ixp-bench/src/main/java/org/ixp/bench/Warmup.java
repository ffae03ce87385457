package org.ixp.bench;

/**
 * The in-process warm-up before a measured phase, the same rule for every Java client: rounds of the workload's
 * warm-up shape, at least {@code --warmup} of them, repeated until {@code --warmup-seconds} (default 3; bench/run passes 2) have passed.
 * A count alone warms unequally: a client that is slow per message (Nagle's stalls with defaults) or compiles more
 * code per message (ixp's Netty pipeline; 2,000 messages are fewer than C2's thresholds for a method called once
 * per message) would enter the measured phase still interpreting or compiling. Equal time is what JMH does.
 */
final class Warmup {
    private Warmup() {
    }

    /** One warm-up round; returns what it moved (messages or bytes), summed for the report. */
    interface Round {
        long run() throws Exception;
    }

    static long run(Options o, int minRounds, Round round) throws Exception {
        // What the harness itself does around the measured phase runs once now, so that its class loading (the
        // management beans behind the CPU clock: JMX, method handles, lambdas) and the compilations and
        // deoptimizations it causes are over before the warm-up, not inside the measured phase.
        JdkProfile.seeInternationalText();
        JitSettle.prime();
        SmtpWorkload.processCpuNanos();
        SmtpWorkload.peakRssKb();
        long budgetNanos = (long) (Double.parseDouble(o.get("warmup-seconds", "3")) * 1e9);
        long start = System.nanoTime();
        long moved = 0;
        int rounds = 0;
        while (rounds < minRounds || (minRounds > 0 && System.nanoTime() - start < budgetNanos)) {
            moved += round.run();
            rounds++;
        }
        // Not printf: java.util.Formatter's first use loads locale classes that invalidate compiled code built on
        // Character.digit (Integer.parseInt, and the parsers inlining it) just before the measured phase.
        System.err.println("warm-up: " + rounds + " round(s) in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return moved;
    }
}
