package org.ixp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.imap.ImapCompletion;
import org.ixp.imap.ResponseCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp imap append MAILBOX FILE… [--flags F,F]}: APPEND each file, streamed from disk as the socket takes it
 * (a synchronizing literal waits for the server's {@code +}; LITERAL+ sends at once), bare LFs sent as CRLF. Prints
 * the new UID when the server says APPENDUID (UIDPLUS). A {@code NO [TRYCREATE]} means the mailbox does not exist:
 * the literal is never sent, and nothing is created behind the user's back.
 */
@Command(name = "append", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Uploads message files (RFC 5322, e.g. .eml) into a mailbox, streamed; prints the new UIDs.")
final class ImapAppendCommand implements Callable<Integer> {
    /** A flag or keyword: an atom, optionally after a backslash. */
    private static final Pattern FLAG = Pattern.compile("\\\\?[^\\s(){%*\"\\\\\\]]+");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAILBOX", description = "The mailbox, e.g. INBOX or Archive.")
    private String mailbox;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "The message files.")
    private List<Path> files;

    @Option(names = "--flags", paramLabel = "FLAG", split = ",",
            description = "Flags to set, e.g. --flags '\\Seen,\\Flagged' or a keyword such as $Important.")
    private List<String> flags = new ArrayList<>();

    @Option(names = "--no-progress", description = "No progress bar.")
    private boolean noProgress;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        for (String f : flags) {
            if (!FLAG.matcher(f).matches()) {
                throw new ParameterException(spec.commandLine(), "'" + f + "' is not an IMAP flag such as \\Seen"
                        + " or a keyword such as $Important");
            }
        }
        Map<Path, Long> sizes = new LinkedHashMap<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new ParameterException(spec.commandLine(), "cannot read " + f);
            }
        }
        return ImapSession.run(spec, connection, (imap, events) -> {
            long total = 0;
            for (Path f : files) {
                long size = size(f);
                sizes.put(f, size);
                total += size;
            }
            try (Progress p = Progress.bytes("appending", total, !noProgress && !connection.verbose)) {
                for (Path f : files) {
                    ImapCall call = ImapCall.ignoring();
                    ImapCompletion done;
                    try (InputStream in = counted(new CrlfInput(Files.newInputStream(f)), p)) {
                        done = call.await(imap.append(call.id, 0, call, mailbox, flags, null, in, sizes.get(f)));
                    } catch (IOException e) {
                        throw new IxpException(IxpCode.E_FAIL, "cannot read " + f + ": " + e);
                    }
                    events.say("appended " + f + ": " + sizes.get(f) + " bytes" + uid(done));
                }
            }
            return 0;
        });
    }

    /**
     * The file as the library reads it, counted for the progress bar: the library reads as the socket takes the
     * bytes (its APPEND_PROGRESS says only "started" and "sent").
     */
    private static InputStream counted(InputStream in, Progress p) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    p.step(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    p.step(n);
                }
                return n;
            }
        };
    }

    private static long size(Path f) {
        try {
            return CrlfInput.size(f);
        } catch (IOException e) {
            throw new IxpException(IxpCode.E_FAIL, "cannot read " + f + ": " + e);
        }
    }

    private static String uid(ImapCompletion done) {
        return done.code() instanceof ResponseCode.AppendUid a
                ? ", UID " + a.uids() + " (UIDVALIDITY " + a.uidValidity() + ")" : "";
    }
}
