package org.ixp.imap;

import java.util.List;

/**
 * SELECT or EXAMINE: resets the sequence table when sent; collects the mailbox's data; records UIDVALIDITY. With
 * a {@code (CONDSTORE)} or {@code (QRESYNC (…))} parameter (RFC 7162); under QRESYNC it also keeps the
 * {@code VANISHED (EARLIER)} UIDs and the FETCH responses of changed messages the server sends before its OK.
 */
final class SelectCommand extends ImapCommand<ImapMailbox> {
    private final String name;
    private Long exists;
    private Long recent;
    private Long unseen;
    private Long uidValidity;
    private Long uidNext;
    private Long highestModSeq;
    private List<String> flags = List.of();
    private List<String> permanentFlags = List.of();
    private final boolean qresync;
    final RangeList vanished = new RangeList(true);
    final List<ImapEvent.Fetch> changed = new java.util.ArrayList<>();

    SelectCommand(ImapTransport t, String verb, String name) {
        this(t, verb, name, null);
    }

    /** @param parameter {@code (CONDSTORE)}, {@code (QRESYNC (…))}, or null */
    SelectCommand(ImapTransport t, String verb, String name, String parameter) {
        super(t, verb);
        this.name = java.util.Objects.requireNonNull(name, "mailbox");
        this.qresync = parameter != null && parameter.startsWith("(QRESYNC");
        text(verb + " ").mailbox(name);
        if (parameter != null) {
            text(" " + parameter);
        }
    }

    /** SELECT or EXAMINE, with {@code (CONDSTORE)} (RFC 7162 §3.1.8) when asked: needs CONDSTORE. */
    static SelectCommand of(ImapTransport t, String verb, String name, boolean condstore) {
        if (condstore) {
            t.requireCapability("CONDSTORE", "SELECT/EXAMINE (CONDSTORE)");
        }
        return new SelectCommand(t, verb, name, condstore ? "(CONDSTORE)" : null);
    }

    @Override
    protected void start(org.ixp.engine.Wire wire) {
        t.mailbox().clear();
        super.start(wire);
    }

    @Override
    boolean wants(ImapEvent e) {
        return e instanceof ImapEvent.Exists || e instanceof ImapEvent.Recent || e instanceof ImapEvent.Flags
                || e instanceof ImapEvent.Condition c && c.status() == ImapStatus.OK && c.code() != null
                || e instanceof ImapEvent.Vanished
                || qresync && e instanceof ImapEvent.Fetch;
    }

    @Override
    void untagged(ImapEvent e) {
        if (e instanceof ImapEvent.Exists x) {
            exists = x.count();
        } else if (e instanceof ImapEvent.Recent x) {
            recent = x.count();
        } else if (e instanceof ImapEvent.Flags f) {
            flags = f.flags();
        } else if (e instanceof ImapEvent.Vanished v && v.earlier()) {
            try {
                vanished.addRangeList(v.uidList());
            } catch (org.ixp.IxpException bad) {
                t.note("VANISHED (EARLIER) " + v.uids() + " ignored: " + bad.getMessage());
            }
        } else if (e instanceof ImapEvent.Fetch f) {
            changed.add(f);
        } else if (e instanceof ImapEvent.Condition c) {
            ResponseCode code = c.code();
            if (code instanceof ResponseCode.UidValidity v) {
                uidValidity = v.value();
            } else if (code instanceof ResponseCode.UidNext n) {
                uidNext = n.value();
            } else if (code instanceof ResponseCode.Unseen u) {
                unseen = u.seq();
            } else if (code instanceof ResponseCode.HighestModSeq h) {
                highestModSeq = h.value();
            } else if (code instanceof ResponseCode.PermanentFlags p) {
                permanentFlags = p.flags();
            }
        }
    }

    @Override
    void complete(ImapEvent.Tagged tg) {
        if (tg.status() != ImapStatus.OK) {
            t.mailbox().clear(); // a failed SELECT leaves no mailbox selected (RFC 9051 §6.3.2)
        }
        super.complete(tg);
    }

    @Override
    ImapMailbox result(ImapEvent.Tagged ok) {
        boolean readWrite = verb.equals("SELECT") ? !ResponseCode.READ_ONLY.equals(ok.code())
                : ResponseCode.READ_WRITE.equals(ok.code());
        t.mailbox().selected(name, uidValidity);
        return new ImapMailbox(name, exists, recent, unseen, uidValidity, uidNext, highestModSeq, flags,
                permanentFlags, readWrite);
    }

    /** Changes the selected mailbox: nothing is written behind it until it completes (UIDVALIDITY checks). */
    @Override
    protected boolean isBarrier() {
        return true;
    }
}
