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
import org.ixp.imap.ImapResync;
import org.ixp.imap.ImapResponseType;
import org.ixp.imap.ImapTransport;
import org.ixp.imap.RangeList;

/**
 * One run of {@code ixp imap sync}: makes the {@link Maildir} a copy of the mailbox, one way (server → local). The
 * mailbox is only ever EXAMINEd (read-only: the mirror changes nothing on the server, not even \Recent or \Seen).
 *
 * <p><b>Incremental</b>, when a previous run saved a HIGHESTMODSEQ and the server offers QRESYNC or CONDSTORE: the
 * library's read-only {@link ImapTransport#resync resync} (QRESYNC: one {@code EXAMINE mailbox (QRESYNC (v m
 * 1:<uidnext-1>))}; CONDSTORE: EXAMINE, {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE m)} and a UID SEARCH) names the
 * UIDs expunged since (their copies are deleted) and the messages changed since (their flags applied); then
 * {@code UID SEARCH UID <uidnext>:*} finds the new mail, which is fetched. If the count then differs from the
 * server's (a file deleted here, say), {@code UID SEARCH ALL} is compared as in the full run. A UIDVALIDITY other
 * than the state's, or a mailbox without mod-sequences, falls back to the full run.
 *
 * <p><b>Full</b> (a first run, or a server with neither extension):
 * <ol>
 *   <li>EXAMINE: UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ (the library ENABLEs CONDSTORE when offered);</li>
 *   <li>a UIDVALIDITY other than the state's: the old copies move aside to {@code .ixp-uidvalidity-<old>/} and
 *       the run starts again from an empty state (a full resync — the old UIDs name nothing any more);</li>
 *   <li>{@code UID SEARCH ALL} (ESEARCH keeps it compact): local messages whose UID the server no longer has are
 *       deleted (expunged there);</li>
 *   <li>flags of the messages already here: {@code (UID FLAGS)} of every known UID; the server's flags win (files
 *       renamed);</li>
 *   <li>the server's UIDs not here (new mail, or a file deleted locally) are fetched.</li>
 * </ol>
 * Either way new messages are fetched sizes first (for the progress bar), then {@code (UID FLAGS INTERNALDATE
 * BODY.PEEK[])} in batches of {@link ImapUids#BATCH}, each body streamed to {@code tmp/}, synced, renamed into
 * {@code cur/}; and the state file is replaced last: UIDVALIDITY, UIDNEXT, and the HIGHESTMODSEQ the EXAMINE
 * reported (changes made during the run are newer, so the next run sees them). A run that fails part-way leaves
 * complete messages only and the previous state; running again continues.
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
        SyncState old = SyncState.read(maildir.root);
        if (old != null && !old.mailbox().equals(mailbox)) {
            throw new IxpException(IxpCode.E_INVALIDARG, maildir.root + " mirrors the mailbox '" + old.mailbox()
                    + "' (says its " + SyncState.FILE + "); give another directory for '" + mailbox + "'");
        }
        boolean resyncable = imap.hasCapability("QRESYNC") || imap.hasCapability("CONDSTORE");
        if (old != null && old.highestModSeq() != null && old.uidNext() > 1 && resyncable) {
            Result r = incremental(old);
            if (r != null) {
                return r;
            }
        }
        return full(old);
    }

    /** The incremental run by the library's resync; {@code null} when the full run must do it. */
    private Result incremental(SyncState old) throws IOException {
        long validity = old.uidValidity();
        RangeList known = new RangeList(true);
        known.addRange(1, old.uidNext() - 1);
        ImapResync r;
        try {
            r = Await.result(imap.resync(mailbox, validity, old.highestModSeq(), known, null, true));
        } catch (IxpException e) {
            if (e.code() == IxpCode.IXP_E_IMAP_NOT_SUPPORTED) {
                events.say("resync: " + e.getMessage() + "; comparing everything");
                return null;
            }
            if (e.code() == IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY) {
                return null; // the full run sets the old copies aside
            }
            throw e;
        }
        ImapMailbox mb = r.mailbox();
        maildir.create();
        Map<Long, Path> local = maildir.scan();
        events.say("sync " + mailbox + " -> " + maildir.root + ": " + mb.exists() + " message(s) on the server"
                + " (UIDVALIDITY " + validity + (mb.uidNext() == null ? "" : ", UIDNEXT " + mb.uidNext())
                + ", HIGHESTMODSEQ " + mb.highestModSeq() + "), " + local.size() + " here; " + r.method()
                + " since HIGHESTMODSEQ " + old.highestModSeq());
        long removed = remove(local, r.vanished()::isInRange);
        if (removed > 0) {
            events.say("removed: " + removed + " message(s) expunged on the server");
        }
        long[] changed = {0};
        r.changed().forEach(f -> apply(f, local, changed));
        events.say(old.highestModSeq().equals(mb.highestModSeq())
                ? "flags: unchanged (" + r.method() + ": HIGHESTMODSEQ is still " + mb.highestModSeq() + ")"
                : "flags: " + changed[0] + " message(s) changed (" + r.method() + " since HIGHESTMODSEQ "
                        + old.highestModSeq() + ")");
        List<Long> server = new ArrayList<>();
        for (long uid : Await.result(imap.uidSearch(validity, "UID " + old.uidNext() + ":*", null))) {
            if (uid >= old.uidNext()) {
                server.add(uid); // "n:*" names the last message even when its UID is below n
            }
        }
        List<Long> missing = notHere(server, local);
        if (mb.exists() != null && local.size() + missing.size() != mb.exists()) {
            events.say("count: " + (local.size() + missing.size()) + " here after the resync, " + mb.exists()
                    + " on the server: comparing the UIDs");
            server = Await.result(imap.uidSearch(validity, "ALL", null));
            Set<Long> present = new HashSet<>(server);
            long more = remove(local, uid -> !present.contains(uid));
            if (more > 0) {
                events.say("removed: " + more + " more message(s) the server no longer has");
            }
            removed += more;
            missing = notHere(server, local);
        }
        ImapBodies bodies = fetch(missing, validity, local);
        long maxUid = server.isEmpty() ? 0 : server.get(server.size() - 1);
        return finish(mb, validity, maxUid, bodies, changed[0], removed, local);
    }

    /** The full run: EXAMINE, UID SEARCH ALL, every known UID's flags, what is not here fetched. */
    private Result full(SyncState old) throws IOException {
        ImapMailbox mb = Await.result(imap.examine(mailbox));
        if (mb.uidValidity() == null) {
            throw new IxpException(IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE, "the server gave " + mailbox
                    + " no UIDVALIDITY, so its UIDs cannot be kept between runs");
        }
        long validity = mb.uidValidity();
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
        Set<Long> present = new HashSet<>(server);
        long removed = remove(local, uid -> !present.contains(uid));
        if (removed > 0) {
            events.say("removed: " + removed + " message(s) expunged on the server");
        }
        long flagsChanged = old == null || local.isEmpty() ? 0 : flags(local);
        ImapBodies bodies = fetch(notHere(server, local), validity, local);
        long maxUid = server.isEmpty() ? 0 : server.get(server.size() - 1);
        return finish(mb, validity, maxUid, bodies, flagsChanged, removed, local);
    }

    /** Writes the state (the last step) and says what the run did. */
    private Result finish(ImapMailbox mb, long validity, long maxUid, ImapBodies bodies, long flagsChanged,
                          long removed, Map<Long, Path> local) throws IOException {
        long uidNext = Math.max(mb.uidNext() == null ? 0 : mb.uidNext(), maxUid + 1);
        SyncState state = new SyncState(mailbox, validity, uidNext, mb.highestModSeq());
        state.write(maildir.root);
        return new Result(bodies.messages(), bodies.bytes(), flagsChanged, removed, local.size(), state);
    }

    private static List<Long> notHere(List<Long> server, Map<Long, Path> local) {
        List<Long> missing = new ArrayList<>();
        for (long uid : server) {
            if (!local.containsKey(uid)) {
                missing.add(uid);
            }
        }
        return missing;
    }

    /** Deletes the local copies of the messages whose UID {@code gone} names (expunged on the server). */
    private static long remove(Map<Long, Path> local, java.util.function.LongPredicate gone) throws IOException {
        long removed = 0;
        for (Iterator<Map.Entry<Long, Path>> it = local.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Path> e = it.next();
            if (gone.test(e.getKey())) {
                Files.deleteIfExists(e.getValue());
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** Brings the flags of the local messages up to the server's, comparing them all; returns how many changed. */
    private long flags(Map<Long, Path> local) {
        long[] changed = {0};
        java.util.function.Consumer<org.ixp.imap.ImapResponse> apply = r -> {
            if (r.type() == ImapResponseType.UPDATE_MSG || r.type() == ImapResponseType.UPDATE_MSG_EX) {
                apply(r.data(ImapEvent.Fetch.class), local, changed);
            }
        };
        for (RangeList batch : ImapUids.batches(new ArrayList<>(local.keySet()))) {
            ImapCall c = new ImapCall(apply);
            c.await(imap.fetch(c.id, 0, c, batch, true, "(UID FLAGS)"));
        }
        events.say("flags: " + changed[0] + " message(s) changed (compared all " + local.size()
                + "; no CONDSTORE)");
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
