package org.ixp.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What {@code ixp imap sync} remembers between runs, in {@code DIR/.ixp-sync} (a properties file): the mailbox it
 * mirrors, its UIDVALIDITY, the UIDNEXT seen at the end of the last run, and its HIGHESTMODSEQ (CONDSTORE) or none.
 * Written whole to {@code .ixp-sync.tmp} and renamed over the old one, so a crash leaves the old state or the new.
 *
 * @param highestModSeq {@code null} when the server had no CONDSTORE (or the mailbox no mod-sequences)
 */
record SyncState(String mailbox, long uidValidity, long uidNext, Long highestModSeq) {
    static final String FILE = ".ixp-sync";

    /** The state in {@code dir}, or {@code null} when there is none (a first sync). */
    static SyncState read(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            String modSeq = p.getProperty("highestmodseq");
            return new SyncState(require(p, "mailbox"), Long.parseLong(require(p, "uidvalidity")),
                    Long.parseLong(require(p, "uidnext")), modSeq == null ? null : Long.parseLong(modSeq));
        } catch (NumberFormatException e) {
            throw new IOException(dir.resolve(FILE) + " is damaged: " + e.getMessage());
        }
    }

    private static String require(Properties p, String key) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException("the state file has no " + key);
        }
        return v;
    }

    /** Replaces the state in {@code dir} atomically. */
    void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("mailbox", mailbox);
        p.setProperty("uidvalidity", Long.toString(uidValidity));
        p.setProperty("uidnext", Long.toString(uidNext));
        if (highestModSeq != null) {
            p.setProperty("highestmodseq", Long.toString(highestModSeq));
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "ixp imap sync: the state of this mirror (UIDs below uidnext are known)");
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "UIDVALIDITY " + uidValidity + ", UIDNEXT " + uidNext
                + (highestModSeq == null ? "" : ", HIGHESTMODSEQ " + highestModSeq);
    }
}
