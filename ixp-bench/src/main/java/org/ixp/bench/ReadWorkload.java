package org.ixp.bench;

import java.util.Locale;

/**
 * One client's run of a reading workload (POP3 RETR of a whole maildrop, NNTP OVER of a whole group): one
 * in-process warm-up run of the same workload (not measured), then the measured run — connect, log on, the
 * transfer, QUIT — then one RESULT line with the items (messages, overview entries) and bytes received.
 */
final class ReadWorkload {
    /** One complete run over a fresh connection: {items, bytes}. */
    interface Driver {
        long[] run() throws Exception;
    }

    private ReadWorkload() {
    }

    static void main(String protocol, Options o) throws Exception {
        String client = o.require("client");
        String settings = o.get("settings", "tuned");
        boolean tuned = !"defaults".equals(settings);
        String host = o.get("host", "127.0.0.1");
        Driver driver = switch (protocol) {
            case "pop3" -> Pop3Drivers.create(client, host, o.intValue("port", 10110), o.get("user", "frank"),
                    o.get("password", "frank-pw"), tuned);
            case "nntp" -> NntpDrivers.create(client, host, o.intValue("port", 10119), o.require("group"), tuned);
            default -> throw new IllegalArgumentException(protocol);
        };
        int warmups = o.intValue("warmup", 1);
        long warmed = Warmup.run(o, warmups, () -> driver.run()[0]);
        if (Boolean.parseBoolean(o.get("settle-jit", "true"))) {
            JitSettle.await();
        }
        Diagnostics diag = Boolean.parseBoolean(o.get("diag", "false")) ? new Diagnostics() : null;
        if (diag != null) {
            diag.start();
        }
        long cpu0 = SmtpWorkload.processCpuNanos();
        long t0 = System.nanoTime();
        long[] r = driver.run();
        long wall = System.nanoTime() - t0;
        long cpu = SmtpWorkload.processCpuNanos() - cpu0;
        if (diag != null) {
            diag.stop((int) r[0]);
        }
        if (r[0] <= 0) {
            throw new IllegalStateException(client + " received nothing");
        }
        System.out.println(String.format(Locale.ROOT,
                "RESULT {\"client\":\"%s\",\"settings\":\"%s\",\"connections\":1,\"messages\":%d,\"warmup\":%d,"
                        + "\"bytes\":%d,\"wall_ns\":%d,\"cpu_ns\":%d,\"hwm_kb\":%d,\"max_heap\":%d}",
                client, settings, r[0], warmed, r[1], wall, cpu, SmtpWorkload.peakRssKb(),
                Runtime.getRuntime().maxMemory()));
        System.out.flush();
        System.exit(0);
    }
}
