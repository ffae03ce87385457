package org.ixp.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --diag true}: where the measured phase's CPU went, by thread group (names with their digits removed), and
 * how many times the process's threads blocked (voluntary context switches, summed over /proc/self/task) — the
 * count of thread hand-offs and waits. Printed to standard error, never part of RESULT.
 */
final class Diagnostics {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuAtStart = new TreeMap<>();
    private long switchesAtStart;
    private Map<String, Long> osAtStart = new TreeMap<>();

    /** CPU ticks (utime + stime) of every OS thread of this process, JVM-internal ones included, by tid/comm. */
    static Map<String, Long> osThreadTicks() {
        Map<String, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    out.put(t.getFileName() + "/" + comm, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return out;
    }

    void start() {
        osAtStart = osThreadTicks();
        for (long id : threads.getAllThreadIds()) {
            cpuAtStart.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        switchesAtStart = voluntarySwitches();
    }

    void stop(int messages) {
        long switches = voluntarySwitches() - switchesAtStart;
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            String group = info.getThreadName().replaceAll("[0-9]+", "N");
            byGroup.merge(group, cpu - cpuAtStart.getOrDefault(id, 0L), Long::sum);
        }
        StringBuilder sb = new StringBuilder("DIAG voluntary context switches: " + switches + " ("
                + String.format(java.util.Locale.ROOT, "%.1f", switches / (double) Math.max(1, messages))
                + " per message); CPU ms by thread group (live threads):");
        byGroup.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue() / 1_000_000));
        System.err.println(sb);
        Map<String, Long> os = new TreeMap<>();
        osThreadTicks().forEach((k, v) -> os.merge(k.substring(k.indexOf('/') + 1).replaceAll("[0-9]+", "N"),
                v - osAtStart.getOrDefault(k, 0L), Long::sum));
        StringBuilder sb2 = new StringBuilder("DIAG OS threads, CPU ms (ticks x 10):");
        os.entrySet().stream().filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb2.append(' ').append(e.getKey()).append('=').append(e.getValue() * 10));
        System.err.println(sb2);
    }

    /** Voluntary context switches of every thread of this process so far (threads that ended are not counted). */
    static long voluntarySwitches() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }
}
