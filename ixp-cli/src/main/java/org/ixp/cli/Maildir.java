package org.ixp.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local side of {@code ixp imap sync}: a Maildir ({@code cur/ new/ tmp/}) whose messages carry their IMAP UID
 * in the file name, {@code <internaldate>.V<uidvalidity>.ixp,U=<uid>:2,<flags>} (the {@code ,U=} convention of
 * mbsync). A message is written to {@code tmp/}, synced to disk, then renamed into {@code cur/} — readers never
 * see half a message, and a crash never leaves a truncated one in cur/ (the Maildir rule; without the sync,
 * up to twice as fast on a disk, a crash may). Flags live in the info suffix, letters in ASCII order:
 * D = \Draft, F = \Flagged, P = $Forwarded, R = \Answered, S = \Seen, T = \Deleted; other keywords are not kept.
 * Files whose names do not carry {@code ,U=} are not ixp's and are left alone.
 */
final class Maildir {
    private static final Pattern NAME = Pattern.compile(".*,U=(\\d+)(?::2,([A-Za-z]*))?");
    private static final AtomicLong TMP = new AtomicLong();

    final Path root;
    final Path cur;
    final Path fresh;
    final Path tmp;
    private final boolean fsync;

    Maildir(Path root) {
        this(root, true);
    }

    /** @param fsync whether each message is forced to disk before it is renamed into cur/ (the Maildir rule) */
    Maildir(Path root, boolean fsync) {
        this.root = root;
        this.fsync = fsync;
        this.cur = root.resolve("cur");
        this.fresh = root.resolve("new");
        this.tmp = root.resolve("tmp");
    }

    /** Creates the directories that are missing. */
    void create() throws IOException {
        Files.createDirectories(cur);
        Files.createDirectories(fresh);
        Files.createDirectories(tmp);
    }

    /** ixp's messages in {@code cur/} and {@code new/}, by UID (a UID found twice: the first one listed). */
    Map<Long, Path> scan() throws IOException {
        Map<Long, Path> found = new TreeMap<>();
        for (Path dir : new Path[] {cur, fresh}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    long uid = uid(f);
                    if (uid > 0) {
                        found.putIfAbsent(uid, f);
                    }
                }
            }
        }
        return found;
    }

    /** The UID in an ixp file name, or 0. */
    static long uid(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return 0;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The info flags of a file name ({@code FS}), empty when it has none. */
    static String flagsOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() && m.group(2) != null ? m.group(2) : "";
    }

    /** The Maildir letters for IMAP flags, ASCII order. */
    static String letters(Collection<String> imapFlags) {
        StringBuilder sb = new StringBuilder();
        for (String[] pair : new String[][] {{"\\draft", "D"}, {"\\flagged", "F"}, {"$forwarded", "P"},
                {"\\answered", "R"}, {"\\seen", "S"}, {"\\deleted", "T"}}) {
            for (String f : imapFlags) {
                if (f.toLowerCase(Locale.ROOT).equals(pair[0])) {
                    sb.append(pair[1]);
                    break;
                }
            }
        }
        return sb.toString();
    }

    /** A new file in {@code tmp/}: its output stream syncs to disk on close. */
    Path newTmp() {
        return tmp.resolve(System.currentTimeMillis() + ".P" + ProcessHandle.current().pid() + "_"
                + TMP.incrementAndGet() + ".ixp");
    }

    /** Opens {@code file} (in tmp/) for writing; closing the stream forces it to disk first (unless told not to). */
    OutputStream open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new java.io.BufferedOutputStream(new FilterOutputStream(Channels.newOutputStream(ch)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    if (fsync) {
                        ch.force(true);
                    }
                } finally {
                    super.close();
                }
            }
        }, 64 * 1024);
    }

    /** Moves a complete message from tmp/ into cur/ under its UID and flags; its time becomes the INTERNALDATE. */
    Path deliver(Path written, long uid, long uidValidity, Instant date, String letters) throws IOException {
        Files.setLastModifiedTime(written, FileTime.from(date));
        Path target = cur.resolve(date.getEpochSecond() + ".V" + uidValidity + ".ixp,U=" + uid + ":2," + letters);
        move(written, target);
        return target;
    }

    /** Gives a message new flags (renaming it into cur/); the same path when they are the same. */
    Path setFlags(Path file, String letters) throws IOException {
        String name = file.getFileName().toString();
        int colon = name.indexOf(":2,");
        String base = colon < 0 ? name : name.substring(0, colon);
        Path target = cur.resolve(base + ":2," + letters);
        if (target.equals(file)) {
            return file;
        }
        move(file, target);
        return target;
    }

    /**
     * Moves {@code cur/ new/ tmp/} into {@code .ixp-uidvalidity-<old>/} (a Maildir++ subfolder, so mail readers
     * show it as a folder) and creates empty ones.
     */
    Path setAside(long oldValidity) throws IOException {
        Path aside = root.resolve(".ixp-uidvalidity-" + oldValidity);
        for (int i = 2; Files.exists(aside); i++) {
            aside = root.resolve(".ixp-uidvalidity-" + oldValidity + "-" + i);
        }
        Files.createDirectories(aside);
        for (Path dir : new Path[] {cur, fresh, tmp}) {
            if (Files.isDirectory(dir)) {
                move(dir, aside.resolve(dir.getFileName()));
            }
        }
        create();
        return aside;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
