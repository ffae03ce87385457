package org.ixp.imap;

import java.util.ArrayList;
import java.util.List;

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
