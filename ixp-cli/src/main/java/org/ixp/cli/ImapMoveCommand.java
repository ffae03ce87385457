package org.ixp.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code ixp imap move MAILBOX UIDS TARGET}: SELECT, then {@code UID MOVE} (RFC 6851; the server must offer MOVE).
 * Prints the COPYUID mapping (UIDPLUS) — old UID → new UID in TARGET — whether the server sent it in the tagged
 * reply or, as RFC 6851 §4.3 recommends and Dovecot does, in an untagged {@code OK} before the EXPUNGEs. The library
 * does not hand an untagged COPYUID to the caller, so the command reads it from the (redacted) protocol lines; the
 * session is connected with command logging for that, printed only with --verbose.
 */
@Command(name = "move", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Moves messages to another mailbox (UID MOVE); prints old UID -> new UID when the server"
                + " says (COPYUID).")
final class ImapMoveCommand implements Callable<Integer> {
    /** COPYUID as the library's protocol log writes it (the response code record), or as sent. */
    private static final Pattern COPYUID = Pattern.compile(
            "CopyUid\\[uidValidity=(\\d+), source=([0-9:,]+), dest=([0-9:,]+)]|\\[COPYUID (\\d+) ([0-9:,]+) ([0-9:,]+)]");

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
        return ImapSession.run(spec, connection, new ImapSession.Options(false, true), (imap, events) -> {
            Await.result(imap.select(mailbox));
            ImapSession.checkUidValidity(imap, uidValidity);
            if (!imap.hasCapability("MOVE")) {
                throw new IxpException(IxpCode.E_FAIL, "the server does not offer MOVE (RFC 6851); nothing was"
                        + " moved");
            }
            long present = ImapUids.sizes(imap, set).size();
            if (present == 0) {
                events.say("no message in " + mailbox + " has a UID in " + uids + "; nothing was moved");
                return 0;
            }
            ResponseCode.CopyUid[] untagged = new ResponseCode.CopyUid[1];
            events.onReceivedLine(line -> {
                ResponseCode.CopyUid c = copyUid(line);
                if (c != null) {
                    untagged[0] = c;
                }
            });
            ImapCompletion done = Await.result(imap.move(set, target));
            events.settle(); // the untagged lines before the tagged reply have been seen
            ResponseCode.CopyUid c = done.code() instanceof ResponseCode.CopyUid t ? t : untagged[0];
            if (c == null) {
                events.say("moved: " + present + " message(s) from " + mailbox + " to " + target
                        + " (no COPYUID: the server did not say their new UIDs)");
            } else {
                events.say("moved: " + present + " message(s) from " + mailbox + " to " + target
                        + "; UIDs in " + target + " (UIDVALIDITY " + c.uidValidity() + "):");
                mapping(c, present).forEach(events::say);
            }
            return 0;
        });
    }

    /** The COPYUID in a protocol line, or {@code null}. */
    static ResponseCode.CopyUid copyUid(String line) {
        Matcher m = COPYUID.matcher(line);
        if (!m.find()) {
            return null;
        }
        int g = m.group(1) != null ? 1 : 4;
        return new ResponseCode.CopyUid(Long.parseLong(m.group(g)), m.group(g + 1), m.group(g + 2));
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
