package org.ixp.secrets;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ixp's own loggers at TRACE, the most verbose level, and everything slf4j-simple prints (to System.err) captured
 * while a test runs. slf4j-simple reads its levels once per JVM, and failsafe runs every IT in one JVM, so when the
 * binding was configured earlier the level is set on the logger itself.
 */
final class TraceCapture implements AutoCloseable {
    /** Every logger ixp's main code declares (ProtocolLog's wire log and SerialExecutor's). */
    static final List<String> IXP_LOGGERS = List.of("org.ixp.wire", "org.ixp.engine.SerialExecutor");

    static {
        System.setProperty("org.slf4j.simpleLogger.log.org.ixp", "trace"); // effective if SLF4J starts after this
    }

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    TraceCapture() {
        for (String name : IXP_LOGGERS) {
            Logger log = LoggerFactory.getLogger(name);
            if (!log.isTraceEnabled()) {
                forceTrace(log);
            }
            if (!log.isTraceEnabled()) {
                throw new AssertionError("cannot set " + name + " to TRACE (" + log.getClass() + ")");
            }
        }
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    private static void forceTrace(Logger log) {
        try {
            Class<?> c = log.getClass();
            while (c != null) {
                try {
                    Field f = c.getDeclaredField("currentLogLevel");
                    f.setAccessible(true);
                    f.setInt(log, 0); // SimpleLogger.LOG_LEVEL_TRACE
                    return;
                } catch (NoSuchFieldException e) {
                    c = c.getSuperclass();
                }
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError("cannot set " + log.getName() + " to TRACE", e);
        }
    }

    /** What was logged so far. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
