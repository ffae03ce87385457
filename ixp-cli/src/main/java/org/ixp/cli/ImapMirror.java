package org.ixp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.imap.ImapEvent;
import org.ixp.imap.ImapMailbox;
import org.ixp.imap.ImapResponseType;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;

/**
 * One run of {@code ixp imap sync}: makes the {@link Maildir} a copy of the mailbox, one way (server → local).
 *
 * <ol>
 *   <li>EXAMINE (read-only: the mirror changes nothing on the server, not even \Recent or \Seen): UIDVALIDITY,
 *       UIDNEXT, HIGHESTMODSEQ (the library ENABLEs CONDSTORE when offered);</li>
 *   <li>a UIDVALIDITY other than the state's: the old copies move aside to {@code .ixp-uidvalidity-<old>/} and
 *       the run starts again from an empty state (a full resync — the old UIDs name nothing any more);</li>
 *   <li>{@code UID SEARCH ALL} (ESEARCH keeps it compact): local messages whose UID the server no longer has are
 *       deleted (expunged there);</li>
 *   <li>flags of the messages already here: with CONDSTORE, only those changed since the saved HIGHESTMODSEQ
 *       ({@code UID FETCH 1:<uidnext-1> (UID FLAGS) (CHANGEDSINCE m)}, nothing at all when it has not moved);
 *       without, {@code (UID FLAGS)} of every known UID; the server's flags win (files renamed);</li>
 *   <li>the server's UIDs not here (new mail, or a file deleted locally) are fetched — sizes first for the
 *       progress bar, then {@code (UID FLAGS INTERNALDATE BODY.PEEK[])} in batches of {@link ImapUids#BATCH},
 *       each body streamed to {@code tmp/}, synced, renamed into {@code cur/};</li>
 *   <li>the state file is replaced: UIDVALIDITY, UIDNEXT, and the HIGHESTMODSEQ EXAMINE reported (changes made
 *       during the run are newer, so the next run sees them).</li>
 * </ol>
 * A run that fails part-way leaves complete messages only and the previous state; running again continues.
 */
final class ImapMirror {
    /** What a run did. */
    record Result(long fetched, long bytes, long flagsChanged, long removed, long local, SyncState state) {
    }

    private final ImapTransport imap;
    private final Events events;
    private final Maildir maildir;
    private final String mailbox;
    private final boolean progress;

    ImapMirror(ImapTransport imap, Events events, Path dir, String mailbox, boolean progress, boolean fsync) {
        this.imap = imap;
        this.events = events;
        this.maildir = new Maildir(dir, fsync);
        this.mailbox = mailbox;
        this.progress = progress;
    }

    Result run() throws IOException {
        ImapMailbox mb = Await.result(imap.examine(mailbox));
        if (mb.uidValidity() == null) {
            throw new IxpException(IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE, "the server gave " + mailbox
                    + " no UIDVALIDITY, so its UIDs cannot be kept between runs");
        }
        long validity = mb.uidValidity();
        SyncState old = SyncState.read(maildir.root);
        if (old != null && !old.mailbox().equals(mailbox)) {
            throw new IxpException(IxpCode.E_INVALIDARG, maildir.root + " mirrors the mailbox '" + old.mailbox()
                    + "' (says its " + SyncState.FILE + "); give another directory for '" + mailbox + "'");
        }
        maildir.create();
        if (old != null && old.uidValidity() != validity) {
            Path aside = maildir.setAside(old.uidValidity());
            events.say("UIDVALIDITY changed from " + old.uidValidity() + " to " + validity + ": the old UIDs name"
                    + " nothing now; the old copies are kept in " + aside + ", full resync");
            old = null;
        }
        Map<Long, Path> local = maildir.scan();
        events.say("sync " + mailbox + " -> " + maildir.root + ": " + mb.exists() + " message(s) on the server"
                + " (UIDVALIDITY " + validity + (mb.uidNext() == null ? "" : ", UIDNEXT " + mb.uidNext())
                + (mb.highestModSeq() == null ? "" : ", HIGHESTMODSEQ " + mb.highestModSeq()) + "), "
                + local.size() + " here" + (old == null ? " (first sync)" : ""));

        List<Long> server = mb.exists() != null && mb.exists() == 0 ? List.of()
                : Await.result(imap.uidSearch(validity, "ALL", null));
        if (server.isEmpty() && mb.exists() != null && mb.exists() > 0) {
            throw new IxpException(IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE, "UID SEARCH ALL found none of the "
                    + mb.exists() + " messages EXAMINE announced; nothing was removed here");
        }
        long removed = removeExpunged(local, new HashSet<>(server));
        long flagsChanged = old == null || local.isEmpty() ? 0 : flags(old, mb, local);

        List<Long> missing = new ArrayList<>();
        for (long uid : server) {
            if (!local.containsKey(uid)) {
                missing.add(uid);
            }
        }
        ImapBodies bodies = fetch(missing, validity, local);

        long maxUid = server.isEmpty() ? 0 : server.get(server.size() - 1);
        long uidNext = Math.max(mb.uidNext() == null ? 0 : mb.uidNext(), maxUid + 1);
        SyncState state = new SyncState(mailbox, validity, uidNext, mb.highestModSeq());
        state.write(maildir.root);
        return new Result(bodies.messages(), bodies.bytes(), flagsChanged, removed, local.size(), state);
    }

    /** Deletes the local copies of messages the server no longer has. */
    private long removeExpunged(Map<Long, Path> local, Set<Long> server) throws IOException {
        long removed = 0;
        for (Iterator<Map.Entry<Long, Path>> it = local.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Path> e = it.next();
            if (!server.contains(e.getKey())) {
                Files.deleteIfExists(e.getValue());
                it.remove();
                removed++;
            }
        }
        if (removed > 0) {
            events.say("removed: " + removed + " message(s) expunged on the server");
        }
        return removed;
    }

    /** Brings the flags of the local messages up to the server's; returns how many changed. */
    private long flags(SyncState old, ImapMailbox mb, Map<Long, Path> local) {
        long[] changed = {0};
        java.util.function.Consumer<org.ixp.imap.ImapResponse> apply = r -> {
            if (r.type() == ImapResponseType.UPDATE_MSG || r.type() == ImapResponseType.UPDATE_MSG_EX) {
                apply(r.data(ImapEvent.Fetch.class), local, changed);
            }
        };
        Long since = old.highestModSeq();
        Long now = mb.highestModSeq();
        if (since != null && now != null && now >= since) {
            if (now.equals(since)) {
                events.say("flags: unchanged (CONDSTORE: HIGHESTMODSEQ is still " + now + ")");
                return 0;
            }
            if (old.uidNext() > 1) {
                ImapCall call = new ImapCall(apply);
                RangeList known = new RangeList(true);
                known.addRange(1, old.uidNext() - 1);
                call.await(imap.fetch(call.id, 0, call, known, true, "(UID FLAGS) (CHANGEDSINCE " + since + ")"));
            }
            events.say("flags: " + changed[0] + " message(s) changed (CONDSTORE: CHANGEDSINCE " + since + ")");
        } else {
            for (RangeList batch : ImapUids.batches(new ArrayList<>(local.keySet()))) {
                ImapCall c = new ImapCall(apply);
                c.await(imap.fetch(c.id, 0, c, batch, true, "(UID FLAGS)"));
            }
            events.say("flags: " + changed[0] + " message(s) changed (compared all " + local.size()
                    + "; no CONDSTORE)");
        }
        return changed[0];
    }

    private void apply(ImapEvent.Fetch f, Map<Long, Path> local, long[] changed) {
        if (f.uid().isEmpty() || f.flags().isEmpty()) {
            return;
        }
        Path p = local.get(f.uid().getAsLong());
        if (p == null) {
            return;
        }
        String letters = Maildir.letters(f.flags().get());
        if (!letters.equals(Maildir.flagsOf(p))) {
            try {
                local.put(f.uid().getAsLong(), maildir.setFlags(p, letters));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            changed[0]++;
        }
    }

    /** Fetches the messages not here yet into the Maildir. */
    private ImapBodies fetch(List<Long> missing, long validity, Map<Long, Path> local) {
        Sink sink = new Sink(maildir, validity, local);
        if (missing.isEmpty()) {
            events.say("new: none");
            return new ImapBodies(sink, Progress.none());
        }
        long total = 0;
        for (RangeList batch : ImapUids.batches(missing)) {
            for (long size : ImapUids.sizes(imap, batch).values()) {
                total += size;
            }
        }
        events.say("new: " + missing.size() + " message(s), " + total + " bytes");
        ImapBodies bodies;
        try (Progress p = Progress.bytes("syncing", total, progress)) {
            bodies = new ImapBodies(sink, p);
            for (RangeList batch : ImapUids.batches(missing)) {
                ImapCall call = new ImapCall(bodies);
                try {
                    call.await(imap.fetch(call.id, 0, call, batch, true, "(UID FLAGS INTERNALDATE BODY.PEEK[])"));
                } catch (IxpException e) {
                    bodies.abandon();
                    throw e;
                }
            }
        }
        events.say("fetched: " + bodies.messages() + " message(s), " + bodies.bytes() + " bytes");
        return bodies;
    }

    /** Each body to tmp/, then into cur/ under its UID, flags and INTERNALDATE. */
    private static final class Sink implements ImapBodies.Sink {
        private final Maildir maildir;
        private final long validity;
        private final Map<Long, Path> local;
        private Path tmp;

        Sink(Maildir maildir, long validity, Map<Long, Path> local) {
            this.maildir = maildir;
            this.validity = validity;
            this.local = local;
        }

        @Override
        public OutputStream begin(long seq) throws IOException {
            tmp = maildir.newTmp();
            return maildir.open(tmp);
        }

        @Override
        public void complete(ImapEvent.Fetch f) throws IOException {
            long uid = f.uid().orElseThrow(() -> new IOException("the server sent a body without its UID"));
            Instant date = f.internalDate().map(OffsetDateTime::toInstant).orElseGet(Instant::now);
            String letters = Maildir.letters(f.flags().orElse(List.of()));
            local.put(uid, maildir.deliver(tmp, uid, validity, date, letters));
            tmp = null;
        }

        @Override
        public void abandon() {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray file in tmp/, which Maildir readers ignore
                }
                tmp = null;
            }
        }
    }
}
