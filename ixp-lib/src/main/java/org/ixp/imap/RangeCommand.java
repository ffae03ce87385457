package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * [UID] FETCH / STORE / COPY / MOVE over a set of messages: takes the FETCH responses (and streamed bodies); MOVE
 * also the expunges it causes (EXPUNGE or VANISHED) and the untagged {@code OK [COPYUID …]} RFC 6851 sends before
 * them; a FETCH with {@code (CHANGEDSINCE m VANISHED)} the {@code VANISHED (EARLIER)} it answers with (RFC 7162).
 * Response codes of untagged OKs it takes end up in {@link ImapCompletion#dataCodes()}.
 */
final class RangeCommand extends ImapCommand<ImapCompletion> {
    private final boolean takesVanished;
    private final List<ResponseCode> dataCodes = new ArrayList<>();

    RangeCommand(ImapTransport t, String verb, boolean takesVanished) {
        super(t, verb);
        this.takesVanished = takesVanished || verb.equals("MOVE");
    }

    /** {@code [UID] verb set [args]}: the set must not be empty; the arguments are checked for CR/LF/NUL. */
    static RangeCommand of(ImapTransport t, String verb, RangeList range, boolean uid, String args) {
        return of(t, verb, range, uid, args, false);
    }

    static RangeCommand of(ImapTransport t, String verb, RangeList range, boolean uid, String args,
                           boolean takesVanished) {
        if (range == null || range.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, verb + " needs a non-empty range");
        }
        RangeCommand c = new RangeCommand(t, verb, takesVanished);
        c.text((uid ? "UID " : "") + verb + " " + range.toImapString());
        if (args != null) {
            org.ixp.Arguments.requireSafe(verb + " arguments", args);
            c.text(" " + args.trim());
        }
        return c;
    }

    /** [UID] FETCH set items (CHANGEDSINCE m [VANISHED]) (RFC 7162): CONDSTORE; VANISHED needs UID and QRESYNC. */
    static RangeCommand changedSince(ImapTransport t, RangeList range, boolean uid, String items, long modSeq,
                                     boolean vanished) {
        Objects.requireNonNull(items, "items");
        t.requireCapability("CONDSTORE", "FETCH (CHANGEDSINCE)");
        if (vanished && !uid) {
            throw new IxpException(IxpCode.E_INVALIDARG, "the VANISHED modifier needs UID FETCH (RFC 7162 §3.2.6)");
        }
        if (vanished && !t.isEnabled("QRESYNC")) {
            t.requireInitialised();
            throw new IxpException(IxpCode.IXP_E_IMAP_NOT_SUPPORTED,
                    "the VANISHED modifier needs QRESYNC enabled (enable(List.of(\"QRESYNC\")))");
        }
        return of(t, "FETCH", range, uid, items.trim() + " " + ImapArguments.changedSince(modSeq, vanished), vanished);
    }

    /** [UID] STORE set (UNCHANGEDSINCE m) args (RFC 7162 §3.1.3): CONDSTORE. */
    static RangeCommand unchangedSince(ImapTransport t, RangeList range, boolean uid, String args, long modSeq) {
        Objects.requireNonNull(args, "args");
        t.requireCapability("CONDSTORE", "STORE (UNCHANGEDSINCE)");
        return of(t, "STORE", range, uid, ImapArguments.unchangedSince(modSeq) + " " + args.trim());
    }

    /** [UID] COPY or MOVE set mailbox; MOVE needs MOVE (RFC 6851). */
    static RangeCommand transfer(ImapTransport t, String verb, RangeList range, boolean uid, String mailbox) {
        if (verb.equals("MOVE")) {
            t.requireCapability("MOVE", "MOVE");
        }
        RangeCommand c = of(t, verb, range, uid, null);
        c.text(" ").mailbox(mailbox);
        return c;
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Fetch || e instanceof ImapEvent.FetchBodyStart
                || e instanceof ImapEvent.FetchBodyChunk
                || verb.equals("MOVE") && e instanceof ImapEvent.Expunge
                || takesVanished && e instanceof ImapEvent.Vanished
                || (verb.equals("MOVE") || verb.equals("COPY")) && e instanceof ImapEvent.Condition c
                        && c.status() == ImapStatus.OK && c.code() instanceof ResponseCode.CopyUid;
    }

    @Override
    void untagged(ImapEvent e) {
        if (e instanceof ImapEvent.Condition c) {
            dataCodes.add(c.code());
        }
    }

    @Override
    ImapCompletion result(ImapEvent.Tagged ok) {
        return new ImapCompletion(ok.status(), ok.code(), ok.text(), dataCodes);
    }
}
