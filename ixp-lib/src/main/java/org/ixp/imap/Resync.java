package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/**
 * Brings a client's cached mailbox up to date (RFC 7162): with QRESYNC, one {@code SELECT mailbox (QRESYNC (…))}
 * (after {@code ENABLE QRESYNC} when it is not enabled yet) whose {@code VANISHED (EARLIER)} and FETCH responses
 * are the answer; with CONDSTORE alone, {@code SELECT mailbox (CONDSTORE)}, then, pipelined,
 * {@code UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE m)} and {@code UID SEARCH UID known} (ALL when the known set
 * is long), the vanished UIDs being the known ones the search no longer finds.
 *
 * <p>A UIDVALIDITY other than the cached one fails with IXP_E_IMAP_STALE_UIDVALIDITY: before anything is sent when
 * that mailbox is selected already, else after the SELECT (which changes no message; a QRESYNC server ignores the
 * stale parameters) and before any other command. A mailbox without mod-sequences (NOMODSEQ) fails with
 * IXP_E_IMAP_NOT_SUPPORTED. Either way the cache is void: sync from scratch.
 */
final class Resync {
    /** The longest known-UID set sent in UID SEARCH; longer ones search ALL and compare. */
    static final int MAX_SEARCH_SET = 4000;

    private final ImapTransport t;
    private final long wParam;
    private final long lParam;
    private final ImapCallback handler;
    private final String mailbox;
    private final long uidValidity;
    private final long modSeq;
    private final RangeList known;
    private final String qresyncParameter;
    private boolean mayFallBack;

    private Resync(ImapTransport t, long w, long l, ImapCallback h, String mailbox, long uidValidity, long modSeq,
                   RangeList known, String qresyncParameter) {
        this.t = t;
        this.wParam = w;
        this.lParam = l;
        this.handler = h;
        this.mailbox = mailbox;
        this.uidValidity = uidValidity;
        this.modSeq = modSeq;
        this.known = known;
        this.qresyncParameter = qresyncParameter;
    }

    /** Checks the arguments and the server (thrown), then runs. */
    static CompletableFuture<ImapResync> start(ImapTransport t, long w, long l, ImapCallback h, String mailbox,
                                               long uidValidity, long modSeq, RangeList known,
                                               RangeList seqMatchSeqs, RangeList seqMatchUids,
                                               ImapResync.Method method) {
        java.util.Objects.requireNonNull(mailbox, "mailbox");
        ImapQuoting.form(t.wireName(mailbox), t.utf8()); // CR LF NUL refused before anything is sent
        if (known != null && known.isEmpty()) {
            known = null;
        }
        String qresync = ImapArguments.qresync(uidValidity, modSeq, known == null ? null : known.toImapString(),
                seqMatchSeqs == null || seqMatchSeqs.isEmpty() ? null : seqMatchSeqs.toImapString(),
                seqMatchUids == null || seqMatchUids.isEmpty() ? null : seqMatchUids.toImapString());
        ImapResync.Method m = method;
        if (m == null) {
            m = t.hasCapability("QRESYNC") ? ImapResync.Method.QRESYNC : ImapResync.Method.CONDSTORE;
        }
        if (m == ImapResync.Method.QRESYNC && !t.hasCapability("QRESYNC")) {
            throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED, "the server does not offer QRESYNC");
        }
        if (m == ImapResync.Method.CONDSTORE) {
            if (!t.hasCapability("CONDSTORE")) {
                throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED,
                        "the server offers neither QRESYNC nor CONDSTORE: no incremental resync");
            }
            if (known == null) {
                throw new IxpException(IxpCode.E_INVALIDARG,
                        "a CONDSTORE resync needs the known UIDs to find the vanished ones");
            }
        }
        Resync r = new Resync(t, w, l, h, mailbox, uidValidity, modSeq, known, qresync);
        r.mayFallBack = method == null && known != null && t.hasCapability("CONDSTORE");
        Long current = t.uidValidity();
        if (mailbox.equals(t.selectedMailbox()) && current != null && current != uidValidity) {
            return CompletableFuture.failedFuture(r.stale(current)); // known already: nothing is sent
        }
        return m == ImapResync.Method.QRESYNC ? r.qresync() : r.condstore();
    }

    private CompletableFuture<ImapResync> qresync() {
        CompletableFuture<Boolean> enabled = t.isEnabled("QRESYNC") ? CompletableFuture.completedFuture(true)
                : t.enable(wParam, lParam, handler, List.of("QRESYNC"))
                        .thenApply(list -> list.stream().anyMatch("QRESYNC"::equalsIgnoreCase));
        return enabled.exceptionally(e -> {
            if (!mayFallBack) {
                throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
            }
            t.note("ENABLE QRESYNC refused (" + IxpException.unwrap(e).getMessage() + "): resync by CONDSTORE");
            return false;
        }).thenCompose(on -> {
            if (!on && mayFallBack) {
                return condstore(); // e.g. a server that refuses ENABLE once a mailbox has been selected
            }
            if (!on) {
                throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED, "ENABLE QRESYNC did not enable QRESYNC");
            }
            SelectCommand select = new SelectCommand(t, "SELECT", mailbox, qresyncParameter);
            return t.submit(select.txn(wParam, lParam, handler)).thenApply(box -> {
                check(box);
                return new ImapResync(box, ImapResync.Method.QRESYNC, select.vanished, select.changed);
            });
        });
    }

    private CompletableFuture<ImapResync> condstore() {
        SelectCommand select = new SelectCommand(t, "SELECT", mailbox, "(CONDSTORE)");
        return t.submit(select.txn(wParam, lParam, handler)).thenCompose(box -> {
            check(box);
            ChangedSince fetch = new ChangedSince(t, modSeq);
            String s = known.toImapString();
            boolean esearch = t.hasCapability("ESEARCH") || t.hasCapability("IMAP4rev2");
            String criteria = s.length() <= MAX_SEARCH_SET ? "UID " + s : "ALL";
            CompletableFuture<List<ImapEvent.Fetch>> changed = t.submit(fetch.txn(wParam, lParam, handler));
            CompletableFuture<RangeList> present;
            if (esearch) {
                ESearchCommand c = new ESearchCommand(t, true);
                c.text("UID SEARCH RETURN (ALL) " + criteria);
                present = t.submit(c.txn(wParam, lParam, handler))
                        .thenApply(r -> r.all() == null ? new RangeList(true) : r.all());
            } else {
                SearchCommand c = new SearchCommand(t, true);
                c.text("UID SEARCH " + criteria);
                present = t.submit(c.txn(wParam, lParam, handler)).thenApply(list -> {
                    RangeList rl = new RangeList(true);
                    list.forEach(rl::addSingleValue);
                    return rl;
                });
            }
            return changed.thenCombine(present, (list, found) -> {
                RangeList vanished = new RangeList(true);
                vanished.addRangeList(known);
                vanished.deleteRangeList(found);
                if (!vanished.isEmpty()) {
                    ImapEvent.Vanished v = new ImapEvent.Vanished(true, vanished.toImapString());
                    t.respond(new ImapResponse(wParam, lParam, ImapResponseType.VANISHED, IxpResult.ok(), null, v),
                            handler);
                }
                return new ImapResync(box, ImapResync.Method.CONDSTORE, vanished, list);
            });
        });
    }

    private void check(ImapMailbox box) {
        if (box.uidValidity() == null || box.uidValidity() != uidValidity) {
            throw stale(box.uidValidity());
        }
        if (box.highestModSeq() == null) {
            throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED, "mailbox " + mailbox
                    + " has no mod-sequences (NOMODSEQ): no incremental resync; the cache is void");
        }
    }

    private IxpException stale(Long now) {
        return new IxpException(IxpCode.IXP_E_IMAP_STALE_UIDVALIDITY, "mailbox " + mailbox + " has UIDVALIDITY "
                + now + ", not " + uidValidity + ": the cached state is void (nothing was changed)");
    }

    /** {@code UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE m)}: the FETCH responses, collected. */
    static final class ChangedSince extends ImapCommand<List<ImapEvent.Fetch>> {
        private final List<ImapEvent.Fetch> found = new ArrayList<>();

        ChangedSince(ImapTransport t, long modSeq) {
            super(t, "FETCH");
            text("UID FETCH 1:* (UID FLAGS MODSEQ) " + ImapArguments.changedSince(modSeq, false));
        }

        @Override
        boolean wants(ImapEvent e) {
            return e instanceof ImapEvent.Fetch;
        }

        @Override
        void untagged(ImapEvent e) {
            found.add((ImapEvent.Fetch) e);
        }

        @Override
        List<ImapEvent.Fetch> result(ImapEvent.Tagged ok) {
            return List.copyOf(found);
        }
    }
}
