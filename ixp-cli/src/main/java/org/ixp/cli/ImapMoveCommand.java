package org.ixp.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.imap.ImapCompletion;
import org.ixp.imap.RangeList;
import org.ixp.imap.ResponseCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp imap move MAILBOX UIDS TARGET}: SELECT, then {@code UID MOVE} (RFC 6851; the server must offer MOVE)
 * through the library's {@code uidMove}, which checks the UIDVALIDITY the UIDs belong to when the command goes out.
 * Prints the COPYUID mapping (UIDPLUS) — old UID → new UID in TARGET — from {@link ImapCompletion#copyUid()},
 * whether the server sent it in the tagged reply or, as RFC 6851 §4.3 recommends and Dovecot does, in an untagged
 * {@code OK} before the EXPUNGEs.
 */
@Command(name = "move", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Moves messages to another mailbox (UID MOVE); prints old UID -> new UID when the server"
                + " says (COPYUID).")
final class ImapMoveCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAILBOX", description = "Where the messages are, e.g. INBOX.")
    private String mailbox;

    @Parameters(index = "1", paramLabel = "UIDS", description = "A UID set: 4, 1:5,7…")
    private String uids;

    @Parameters(index = "2", paramLabel = "TARGET", description = "Where they go, e.g. Archive.")
    private String target;

    @Option(names = "--uidvalidity", paramLabel = "N",
            description = "Fail (IXP_E_IMAP_STALE_UIDVALIDITY) unless MAILBOX's UIDVALIDITY is N.")
    private Long uidValidity;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        RangeList set = ImapUids.parse(spec, uids);
        return ImapSession.run(spec, connection, (imap, events) -> {
            Await.result(imap.select(mailbox));
            ImapSession.checkUidValidity(imap, uidValidity);
            if (!imap.hasCapability("MOVE")) {
                throw new IxpException(IxpCode.E_FAIL, "the server does not offer MOVE (RFC 6851); nothing was"
                        + " moved");
            }
            Long validity = imap.uidValidity();
            if (validity == null) {
                throw new IxpException(IxpCode.E_FAIL, "the server did not say " + mailbox + "'s UIDVALIDITY, so"
                        + " UIDs cannot be trusted; nothing was moved");
            }
            long present = ImapUids.sizes(imap, set).size();
            if (present == 0) {
                events.say("no message in " + mailbox + " has a UID in " + uids + "; nothing was moved");
                return 0;
            }
            ImapCompletion done = Await.result(imap.uidMove(validity, set, target));
            Optional<ResponseCode.CopyUid> c = done.copyUid();
            if (c.isEmpty()) {
                events.say("moved: " + present + " message(s) from " + mailbox + " to " + target
                        + " (no COPYUID: the server did not say their new UIDs)");
            } else {
                events.say("moved: " + present + " message(s) from " + mailbox + " to " + target
                        + "; UIDs in " + target + " (UIDVALIDITY " + c.get().uidValidity() + "):");
                mapping(c.get(), present).forEach(events::say);
            }
            return 0;
        });
    }

    /**
     * {@code old -> new} lines, in the order COPYUID pairs them, for the {@code moved} messages; the code as sent
     * when its sets do not pair up (different sizes, a UID twice — GreenMail 2.1 sends such).
     */
    static List<String> mapping(ResponseCode.CopyUid c, long moved) {
        List<Long> from = ImapUids.expand(c.source(), moved + 1);
        List<Long> to = ImapUids.expand(c.dest(), moved + 1);
        if (from.size() != to.size() || from.size() > moved || new java.util.HashSet<>(from).size() != from.size()
                || new java.util.HashSet<>(to).size() != to.size()) {
            return List.of("COPYUID " + c.uidValidity() + " " + c.source() + " " + c.dest()
                    + " (as the server sent it: its sets do not pair up)");
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            out.add(from.get(i) + " -> " + to.get(i));
        }
        return out;
    }
}
