package org.ixp.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp imap sync MAILBOX DIR}: mirrors a mailbox into the Maildir DIR, incrementally ({@link ImapMirror});
 * the state is in {@code DIR/.ixp-sync} ({@link SyncState}), and {@code DIR/.ixp-sync.lock} keeps two runs from
 * working on one directory at once.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Mirrors a mailbox into the local Maildir DIR (cur/ new/ tmp/), one way, incrementally:"
                + " new messages are fetched, flag changes applied (CONDSTORE when offered), messages expunged on"
                + " the server removed here. The server is only read (EXAMINE, BODY.PEEK).",
                "State: DIR/.ixp-sync (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ). If the mailbox's UIDVALIDITY changes,"
                        + " the old copies move to DIR/.ixp-uidvalidity-<old>/ and everything is fetched again."})
final class ImapSyncCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAILBOX", description = "The mailbox, e.g. INBOX.")
    private String mailbox;

    @Parameters(index = "1", paramLabel = "DIR", description = "The Maildir (created when missing).")
    private Path dir;

    @Option(names = "--no-progress", description = "No progress bar.")
    private boolean noProgress;

    @Option(names = "--no-fsync", description = "Do not force each message to disk before it enters cur/: faster,"
            + " but a crash may leave a truncated message there.")
    private boolean noFsync;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        connection.validate(spec);
        FileChannel lockFile = null;
        FileLock lock = null;
        try {
            ImapFetchCommand.createDirectories(dir);
            lockFile = FileChannel.open(dir.resolve(SyncState.FILE + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock = tryLock(lockFile);
            return ImapSession.run(spec, connection, (imap, events) -> {
                try {
                    ImapMirror.Result r = new ImapMirror(imap, events, dir, mailbox,
                            !noProgress && !connection.verbose, !noFsync).run();
                    events.say("done: " + r.local() + " message(s) in " + dir + " (" + r.fetched() + " new, "
                            + r.flagsChanged() + " flag change(s), " + r.removed() + " removed); state "
                            + r.state());
                    return 0;
                } catch (IOException e) {
                    throw new IxpException(IxpCode.E_FAIL, "cannot update " + dir + ": " + e);
                } catch (UncheckedIOException e) {
                    throw new IxpException(IxpCode.E_FAIL, "cannot update " + dir + ": " + e.getCause());
                }
            });
        } catch (IOException e) {
            Console.of(spec).err("error: " + new IxpException(IxpCode.E_FAIL, "cannot lock " + dir + ": " + e)
                    .result().describe());
            return 1;
        } catch (IxpException e) {
            Console.of(spec).err("error: " + e.result().describe());
            return 1;
        } finally {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (lockFile != null) {
                    lockFile.close();
                }
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    private FileLock tryLock(FileChannel file) throws IOException {
        FileLock lock;
        try {
            lock = file.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held in this JVM
        }
        if (lock == null) {
            throw new IxpException(IxpCode.E_FAIL, "another ixp imap sync is working on " + dir
                    + " (it holds " + SyncState.FILE + ".lock); nothing was changed");
        }
        return lock;
    }
}
