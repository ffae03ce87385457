package org.ixp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.imap.ImapEvent;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp imap fetch MAILBOX UIDS [--out DIR|-]}: EXAMINE (read-only: nothing is marked \Seen), then
 * {@code UID FETCH (UID RFC822.SIZE)} to learn which UIDs exist and how many bytes are coming, then
 * {@code UID FETCH (UID BODY.PEEK[])} in batches. Each body streams to {@code DIR/.ixp-fetch-*.part} as its chunks
 * arrive and is renamed {@code DIR/<uid>.eml} when complete (constant memory, no half-written .eml); a progress
 * bar shows for more than 256 KiB on a terminal. {@code --out -} prints the messages instead (UTF-8 text, CRLF as
 * line ends), with the status lines on standard error.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Saves messages as DIR/<uid>.eml (or prints them with --out -), streamed, in constant memory.")
final class ImapFetchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAILBOX", description = "The mailbox, e.g. INBOX.")
    private String mailbox;

    @Parameters(index = "1", paramLabel = "UIDS", description = "A UID set: 4, 1:5,7 or 1:* for all.")
    private String uids;

    @Option(names = "--out", paramLabel = "DIR|-", defaultValue = ".",
            description = "Where to save (default: .); - prints to standard output.")
    private String out;

    @Option(names = "--uidvalidity", paramLabel = "N",
            description = "Fail (IXP_E_IMAP_STALE_UIDVALIDITY) unless the mailbox's UIDVALIDITY is N.")
    private Long uidValidity;

    @Option(names = "--no-progress", description = "No progress bar.")
    private boolean noProgress;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        RangeList set = ImapUids.parse(spec, uids);
        boolean stdout = "-".equals(out);
        Path dir = stdout ? null : Path.of(out);
        return ImapSession.run(spec, connection, new ImapSession.Options(stdout, false), (imap, events) -> {
            Await.result(imap.examine(mailbox));
            ImapSession.checkUidValidity(imap, uidValidity);
            Map<Long, Long> sizes = ImapUids.sizes(imap, set);
            if (sizes.isEmpty()) {
                events.say("no message in " + mailbox + " has a UID in " + uids);
                return 0;
            }
            long total = sizes.values().stream().mapToLong(Long::longValue).sum();
            if (dir != null) {
                createDirectories(dir);
            }
            ImapBodies bodies;
            try (Progress p = Progress.bytes("fetching", total, !noProgress && !connection.verbose && !stdout)) {
                bodies = new ImapBodies(stdout ? new Printed(events) : new Saved(dir), p);
                for (RangeList batch : ImapUids.batches(sizes.keySet())) {
                    fetch(imap, batch, bodies);
                }
            }
            events.say("fetched: " + bodies.messages() + " message(s), " + bodies.bytes() + " bytes"
                    + (stdout ? "" : ", into " + dir));
            return 0;
        });
    }

    private static void fetch(ImapTransport imap, RangeList batch, ImapBodies bodies) {
        ImapCall call = new ImapCall(bodies);
        try {
            call.await(imap.fetch(call.id, 0, call, batch, true, "(UID BODY.PEEK[])"));
        } catch (IxpException e) {
            bodies.abandon();
            throw e;
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IxpException(IxpCode.E_FAIL, "cannot create " + dir + ": " + e);
        }
    }

    /** Each message to {@code DIR/<uid>.eml}, through a temporary file in the same directory. */
    private static final class Saved implements ImapBodies.Sink {
        private final Path dir;
        private Path tmp;

        Saved(Path dir) {
            this.dir = dir;
        }

        @Override
        public OutputStream begin(long seq) throws IOException {
            tmp = Files.createTempFile(dir, ".ixp-fetch-", ".part");
            return new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024);
        }

        @Override
        public void complete(ImapEvent.Fetch fetch) throws IOException {
            long uid = fetch.uid().orElseThrow(() -> new IOException("the server sent a body without its UID"));
            Files.move(tmp, dir.resolve(uid + ".eml"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        }

        @Override
        public void abandon() {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a .part file may stay
                }
                tmp = null;
            }
        }
    }

    /** Each message printed, line by line (one line in memory at most). */
    private static final class Printed implements ImapBodies.Sink {
        private final Events events;

        Printed(Events events) {
            this.events = events;
        }

        @Override
        public OutputStream begin(long seq) {
            return new LineOutput(events);
        }

        @Override
        public void complete(ImapEvent.Fetch fetch) {
            // nothing to rename
        }

        @Override
        public void abandon() {
            // printed is printed
        }
    }
}
