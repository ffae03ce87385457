package org.ixp.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of the benchmark jar (run by {@code bench/run}, one JVM per client run):
 *
 * <pre>
 * java -jar ixp-bench.jar smtp --client ixp|angus|commons|raw [--settings tuned|defaults] [--host H] [--port P]
 *                              [--connections N] [--messages N] [--size BYTES | --file PATH] [--warmup N]
 * java -jar ixp-bench.jar pop3 --client ixp|angus|commons|raw [--port P] [--user U --password P] [--warmup 1]
 * java -jar ixp-bench.jar nntp --client ixp|commons|raw --group G [--port P] [--warmup 1]
 * java -jar ixp-bench.jar imap --client ixp|angus|angus-profile|angus-default|raw|commons-net --mode bodies|headers|large
 *                              --mailbox M [--port P] [--user U --password P] [--warmup 1]   (see ImapWorkload)
 * java -jar ixp-bench.jar idle --client ixp|angus|angus-manager --sessions N --mailbox M    (see IdleScale)
 * java -jar ixp-bench.jar message --size BYTES --out PATH      # the workload's message, as a file
 * java -jar ixp-bench.jar jmh [JMH options]                    # the microbenchmarks (org.openjdk.jmh.Main)
 * </pre>
 *
 * A workload run prints one {@code RESULT {...}} line (JSON) on standard output: wall and CPU time of the measured
 * phase only (after the in-process warm-up), messages and bytes moved, and the process's peak RSS so far.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "smtp" -> SmtpWorkload.main(Options.parse(rest));
            case "pop3", "nntp" -> ReadWorkload.main(args[0], Options.parse(rest));
            case "imap" -> ImapWorkload.main(Options.parse(rest));
            case "idle" -> IdleScale.main(Options.parse(rest));
            case "message" -> {
                Options o = Options.parse(rest);
                Messages.writeFile(Path.of(o.require("out")), o.longValue("size", 10240));
            }
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> usage();
        }
    }

    private static void usage() throws IOException {
        System.err.println("usage: ixp-bench smtp --client ixp|angus|commons|raw [--settings tuned|defaults] ..."
                + " | message --size N --out PATH | jmh [JMH options]");
        System.exit(2);
    }
}
