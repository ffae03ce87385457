package org.ixp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.pop3.Pop3CmdType;
import org.ixp.pop3.Pop3MarkType;
import org.ixp.pop3.Pop3Response;
import org.ixp.pop3.Pop3Transfer;
import org.ixp.pop3.Pop3Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ixp pop3 fetch [N…|--all] [--out DIR] [--delete]}: saves messages as {@code DIR/<unique-id>.eml} (the UIDL,
 * which stays the same across sessions, so fetching again overwrites rather than duplicates; the message number when
 * the server has no UIDL). The bodies stream to the files as they arrive (RETR, pipelined), in constant memory, with
 * a progress bar for more than 256 KiB. With --delete, the messages saved are then marked deleted; Disconnect
 * commits that, --drop does not.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Saves every message, or the numbers given, as DIR/<unique-id>.eml (RETR).")
final class Pop3FetchCommand extends Pop3Subcommand {
    private static final long PROGRESS_ABOVE = 256 * 1024;

    @Parameters(paramLabel = "N", arity = "0..*", description = "Message numbers (this session's); none: all.")
    List<Long> numbers;

    @Option(names = "--all", description = "Every message (the default when no number is given).")
    boolean all;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where to save (default: .).")
    Path out;

    @Option(names = "--delete", description = "Then delete the messages saved (committed by QUIT, not with --drop).")
    boolean delete;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    void validate() {
        if (all && numbers != null && !numbers.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give message numbers or --all (not both)");
        }
    }

    @Override
    void work(Pop3Transport pop3, Events events, long messages) {
        if (messages == 0) {
            events.say("no messages");
            return;
        }
        List<Long> ids = select(numbers, messages);
        Pop3CmdType type = ids.isEmpty() ? Pop3CmdType.GET_ALL : Pop3CmdType.GET_MARKED;
        mark(pop3, Pop3MarkType.LIST, ids);
        mark(pop3, Pop3MarkType.UIDL, ids);
        mark(pop3, Pop3MarkType.RETR, ids);
        long total = 0;
        for (Pop3Response.ListInfo l : Await.result(pop3.commandLIST(type, 0))) {
            total += l.size();
        }
        Map<Long, String> names = new HashMap<>();
        try {
            for (Pop3Response.UidlInfo u : Await.result(pop3.commandUIDL(type, 0))) {
                names.put(u.popId(), u.uidl().replaceAll("[^A-Za-z0-9._-]", "_"));
            }
        } catch (IxpException e) {
            events.say("note: no UIDL (" + e.code().name() + "): files are named by message number");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IxpException(IxpCode.E_FAIL, "cannot create " + out + ": " + e.getMessage());
        }
        ProgressBar bar = !noProgress && !connection.verbose && total > PROGRESS_ABOVE
                ? new ProgressBarBuilder().setTaskName("fetching").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" KiB", 1024).showSpeed().build() : null;
        Saver files = new Saver(out, names, bar);
        events.onPop3Response(files::accept);
        Pop3Transfer got;
        try {
            got = Await.result(pop3.commandRETR(type, 0));
            files.awaitDone();
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        if (files.error != null) {
            throw new IxpException(IxpCode.E_FAIL, "saving failed: " + files.error.getMessage()
                    + " (saved " + files.saved.size() + " of " + got.messages() + ")");
        }
        events.say("fetched: " + got.messages() + " message(s), " + got.bytes() + " bytes, into " + out);
        if (delete && !files.saved.isEmpty()) {
            mark(pop3, Pop3MarkType.DELE, files.saved);
            markedDeleted = Await.result(pop3.commandDELE(Pop3CmdType.GET_MARKED, 0)).size();
            events.say("marked deleted: " + markedDeleted + " message(s)");
        }
    }

    /** Writes each message to its file as the chunks arrive (on the callback thread). */
    private static final class Saver {
        private final Path dir;
        private final Map<Long, String> names;
        private final ProgressBar bar;
        private final CountDownLatch done = new CountDownLatch(1);
        final List<Long> saved = new ArrayList<>();
        IOException error;
        private OutputStream current;
        private Path tmp;

        Saver(Path dir, Map<Long, String> names, ProgressBar bar) {
            this.dir = dir;
            this.names = names;
            this.bar = bar;
        }

        void accept(Pop3Response r) {
            Pop3Response.RetrInfo info = r.retrInfo();
            if (info != null && error == null) {
                try {
                    write(info);
                } catch (IOException e) {
                    error = e;
                    closeQuietly();
                }
            }
            if (r.done()) {
                done.countDown();
            }
        }

        private void write(Pop3Response.RetrInfo info) throws IOException {
            if (current == null) {
                tmp = Files.createTempFile(dir, ".ixp-fetch-", ".part");
                current = Files.newOutputStream(tmp);
            }
            current.write(info.lines());
            if (bar != null) {
                bar.stepBy(info.length());
            }
            if (info.body()) {
                current.close();
                current = null;
                String name = names.getOrDefault(info.popId(), String.valueOf(info.popId())) + ".eml";
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                saved.add(info.popId());
            }
        }

        private void closeQuietly() {
            try {
                if (current != null) {
                    current.close();
                }
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // already failing
            }
            current = null;
        }

        /** The command's future and its callbacks are independent: wait for the done response to be written. */
        void awaitDone() {
            try {
                if (!done.await(Events.SETTLE.toMillis() * 12, TimeUnit.MILLISECONDS)) {
                    throw new IxpException(IxpCode.IXP_E_TIMEOUT, "the callback did not finish saving in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IxpException(IxpCode.IXP_E_USER_CANCEL, "interrupted");
            }
        }
    }
}
