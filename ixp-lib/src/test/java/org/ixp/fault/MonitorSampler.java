package org.ixp.fault;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "No blocking I/O under a monitor", checked while it matters: a daemon thread samples every thread's stack and
 * held monitors ({@link ThreadMXBean#dumpAllThreads}) every few milliseconds; a sample where a monitor taken in ixp's
 * main code is held while a frame above it blocks — socket or file I/O, {@code Object.wait}, {@code Thread.sleep},
 * parking on a lock or future — is a violation. Monitors taken by test code (recording callbacks) do not count; a
 * thread parked while <i>waiting</i> for a monitor is not holding it. Sampling can miss a short window, so the
 * static twin {@code NoBlockingUnderMonitorTest} reads every synchronized region of the sources as well.
 */
final class MonitorSampler implements AutoCloseable {
    private static final String[] BLOCKING = {
        "sun.nio.ch.SocketDispatcher", "sun.nio.ch.FileDispatcherImpl", "sun.nio.ch.IOUtil.read",
        "sun.nio.ch.IOUtil.write", "sun.nio.ch.Net.connect", "sun.nio.ch.Net.poll", "sun.nio.ch.EPoll.wait",
        "sun.nio.ch.SocketChannelImpl.read", "sun.nio.ch.SocketChannelImpl.write", "java.net.Socket",
        "java.net.PlainSocketImpl", "java.net.InetAddress.getByName", "java.net.InetAddress.getAllByName",
        "java.io.FileOutputStream.write", "java.io.FileInputStream.read", "java.lang.Object.wait",
        "java.lang.Thread.sleep", "jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park",
    };
    /** Loading a class reads a jar; that is the JVM's business (one-time), not a monitor held across I/O. */
    private static final String[] CLASS_LOADING = {"java.lang.ClassLoader.loadClass", "jdk.internal.loader."};
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final List<String> violations = new ArrayList<>();
    private final Set<String> mainClasses = ConcurrentHashMap.newKeySet();
    private final Set<String> testClasses = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    private long samples;

    MonitorSampler() {
        thread = new Thread(this::loop, "monitor-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        samples++;
        for (ThreadInfo ti : mx.dumpAllThreads(true, false)) {
            if (ti == null || ti.getThreadId() == thread.getId()) {
                continue;
            }
            StackTraceElement[] stack = ti.getStackTrace();
            for (MonitorInfo m : ti.getLockedMonitors()) {
                int depth = m.getLockedStackDepth();
                if (depth < 0 || depth >= stack.length || !isMain(stack[depth].getClassName())) {
                    continue;
                }
                boolean loadingClass = false;
                for (int i = 0; i < depth; i++) {
                    loadingClass |= matches(stack[i], CLASS_LOADING);
                }
                for (int i = 0; i < depth && !loadingClass; i++) {
                    if (matches(stack[i], BLOCKING)) {
                        record(ti, m, stack, i, depth);
                    }
                }
            }
        }
    }

    private static boolean matches(StackTraceElement f, String[] prefixes) {
        String where = f.getClassName() + "." + f.getMethodName();
        for (String b : prefixes) {
            if (where.startsWith(b)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void record(ThreadInfo ti, LockInfo m, StackTraceElement[] stack, int at, int depth) {
        if (violations.size() < 20) {
            violations.add(ti.getThreadName() + " holds " + m + " (locked in " + stack[depth] + ") while in " + stack[at]);
        }
    }

    /** Whether a class is ixp's main code (target/classes), not a test's. */
    private boolean isMain(String className) {
        if (!className.startsWith("org.ixp.") || className.startsWith("org.ixp.testkit.")) {
            return false;
        }
        if (mainClasses.contains(className)) {
            return true;
        }
        if (testClasses.contains(className)) {
            return false;
        }
        boolean main;
        try {
            java.security.CodeSource cs = Class.forName(className, false, getClass().getClassLoader())
                    .getProtectionDomain().getCodeSource();
            main = cs != null && !cs.getLocation().toString().contains("test-classes");
        } catch (ClassNotFoundException | LinkageError e) {
            main = false;
        }
        (main ? mainClasses : testClasses).add(className);
        return main;
    }

    long samples() {
        return samples;
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
