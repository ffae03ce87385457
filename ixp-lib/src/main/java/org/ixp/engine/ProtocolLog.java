package org.ixp.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.ixp.CmdType;
import org.ixp.IxpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol log of one transport: the initNew log file (one line per protocol line:
 * {@code 2026-11-24T21:05:00.123Z > EHLO host} / {@code ... < 250 OK}), the {@code onCommand} events when command
 * logging is on, and SLF4J at DEBUG under {@code org.ixp.wire}.
 *
 * <p>It is given only redacted text: exchanges that carry credentials pass their redacted form (see
 * {@link Wire#line(String, String)}). File writes run on a serial worker, never on an I/O thread; the file is
 * closed when a session ends and reopened (appending) by the next.
 */
final class ProtocolLog {
    private static final Logger WIRE = LoggerFactory.getLogger("org.ixp.wire");
    private final Path file;
    private final SerialExecutor writer;
    private BufferedWriter out; // confined to writer

    ProtocolLog(Path file) {
        this.file = file;
        this.writer = new SerialExecutor(EngineResources.get().workers());
    }

    static void checkWritable(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("no such directory: " + parent);
        }
        Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
    }

    /** Whether a line given now would go anywhere (a log file, or the org.ixp.wire debug logger). */
    boolean active() {
        return file != null || WIRE.isDebugEnabled();
    }

    void line(CmdType direction, String text, String session) {
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("{} {} {}", session, direction == CmdType.SEND ? ">" : "<", text);
        }
        if (file == null) {
            return;
        }
        String stamped = Instant.now() + (direction == CmdType.SEND ? " > " : " < ") + text;
        writer.execute(() -> write(stamped));
    }

    void note(String text) {
        if (file == null) {
            return;
        }
        String stamped = Instant.now() + " * " + text;
        writer.execute(() -> write(stamped));
    }

    /** Flush and close the file; the next line reopens it. */
    void sessionEnded() {
        if (file == null) {
            return;
        }
        writer.execute(this::closeQuietly);
    }

    private void write(String line) {
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            WIRE.warn("protocol log {} not writable: {}", file, e.toString());
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            out = null;
        }
    }

    /** What {@code onCommand} says about a received line. */
    static IxpCode lineCode(boolean failed) {
        return failed ? IxpCode.E_FAIL : IxpCode.S_OK;
    }
}
