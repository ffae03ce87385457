package org.ixp.testkit;

import java.io.File;

/** Leak probes for the testkit's own tests. */
final class Threads {
    private Threads() {
    }

    /** @return live threads whose name starts with {@code prefix} */
    static long count(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(prefix))
                .count();
    }

    /** @return open file descriptors of this process, or -1 where /proc is unavailable */
    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
