package org.ixp.imap;

import org.ixp.DisconnectResult;

/**
 * LOGOUT, the transport's goodbye: {@code * BYE} + tagged OK (or BYE) is {@link DisconnectResult.Ending#ACKNOWLEDGED}
 * with the BYE's line, anything else REFUSED; the sequence table is void once the session ends [OE].
 */
final class LogoutCommand extends ImapCommand<DisconnectResult> {
    private String bye;

    LogoutCommand(ImapTransport t) {
        super(t, "LOGOUT");
        text("LOGOUT");
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Bye;
    }

    @Override
    void untagged(ImapEvent e) {
        bye = ImapLog.line(e);
    }

    @Override
    void complete(ImapEvent.Tagged tg) {
        t.mailbox().table.reset();
        boolean ok = tg.status() == ImapStatus.OK || tg.status() == ImapStatus.BYE;
        succeed(new DisconnectResult(ok ? DisconnectResult.Ending.ACKNOWLEDGED : DisconnectResult.Ending.REFUSED,
                ok && bye != null ? bye : ImapLog.line(tg)));
    }
}
