package org.ixp.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An article streamed to the console line by line (UTF-8, CRLF removed): memory holds one line at most. */
final class LineOutput extends OutputStream {
    private final Events events;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineOutput(Events events) {
        this.events = events;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            byte[] bytes = line.toByteArray();
            int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            events.print(new String(bytes, 0, n, StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void flush() {
        if (line.size() > 0) {
            write('\n');
        }
    }

    /** Prints the last line even without a line end. */
    @Override
    public void close() {
        flush();
    }
}
