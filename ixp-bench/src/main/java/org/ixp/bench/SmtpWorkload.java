package org.ixp.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One client's run of one SMTP workload: an in-process warm-up of the same shape (not measured), then the measured
 * phase — {@code messages} copies of the payload spread over {@code connections} connections opened side by side,
 * connect and QUIT included — then one RESULT line.
 */
final class SmtpWorkload {
    private SmtpWorkload() {
    }

    static void main(Options o) throws Exception {
        String client = o.require("client");
        String settings = o.get("settings", "tuned");
        boolean tuned = switch (settings) {
            case "tuned" -> true;
            case "defaults" -> false;
            default -> throw new IllegalArgumentException("--settings tuned|defaults");
        };
        String host = o.get("host", "127.0.0.1");
        int port = o.intValue("port", 10025);
        int connections = o.intValue("connections", 1);
        int messages = o.intValue("messages", 2000);
        int warmup = o.intValue("warmup", Math.max(connections, messages / 4));
        Payload payload = o.get("file", null) != null ? Payload.file(Path.of(o.get("file", null)))
                : Payload.inMemory(o.intValue("size", 10240));
        Payload warmPayload = o.get("warmup-file", null) != null ? Payload.file(Path.of(o.get("warmup-file", null)))
                : payload;

        SmtpDriver driver = switch (client) {
            case "ixp" -> new IxpSmtp(host, port, tuned);
            case "angus" -> new AngusSmtp(host, port, tuned);
            case "commons" -> new CommonsNetSmtp(host, port, tuned);
            case "raw" -> new RawSmtp(host, port, tuned);
            default -> throw new IllegalArgumentException("unknown client " + client);
        };

        long warmed = warmup <= 0 ? 0 : Warmup.run(o, 1, () -> {
            run(driver, warmPayload, Math.min(connections, warmup), warmup);
            return warmup;
        });
        if (Boolean.parseBoolean(o.get("settle-jit", "true"))) {
            JitSettle.await();
        }
        Diagnostics diag = Boolean.parseBoolean(o.get("diag", "false")) ? new Diagnostics() : null;
        if (diag != null) {
            diag.start();
        }
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long bytes = run(driver, payload, connections, messages);
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        if (diag != null) {
            diag.stop(messages);
        }
        long expected = payload.size() * messages;
        if (bytes != expected) {
            throw new IllegalStateException(client + " reported " + bytes + " bytes sent, expected " + expected);
        }
        System.out.println(String.format(Locale.ROOT,
                "RESULT {\"client\":\"%s\",\"settings\":\"%s\",\"connections\":%d,\"messages\":%d,\"warmup\":%d,\"bytes\":%d,"
                        + "\"wall_ns\":%d,\"cpu_ns\":%d,\"hwm_kb\":%d,\"max_heap\":%d}",
                client, settings, connections, messages, warmed, bytes, wall, cpu, peakRssKb(),
                Runtime.getRuntime().maxMemory()));
        System.out.flush();
        System.exit(0); // clients that leave pools behind must not hold the JVM
    }

    /** Sends {@code messages} messages over {@code connections} connections at once; the bytes sent. */
    static long run(SmtpDriver driver, Payload payload, int connections, int messages) throws Exception {
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int share = messages / connections + (c < messages % connections ? 1 : 0);
            all.add(driver.connection(payload, share));
        }
        long bytes = 0;
        for (CompletableFuture<Long> f : all) {
            bytes += f.get();
        }
        return bytes;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** VmHWM from /proc/self/status (kB), or -1. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
