package org.ixp.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** The command's stdout and stderr; one line at a time, so lines from different threads never interleave. */
final class Console {
    private final PrintWriter out;
    private final PrintWriter err;

    Console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** The streams picocli gives the command (replaced by tests through {@code CommandLine.setOut/setErr}). */
    static Console of(CommandSpec spec) {
        return new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    synchronized void out(String line) {
        out.println(line);
        out.flush();
    }

    synchronized void err(String line) {
        err.println(line);
        err.flush();
    }
}
