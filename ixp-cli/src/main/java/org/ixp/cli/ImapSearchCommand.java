package org.ixp.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ixp.imap.ImapQuoting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp imap search MAILBOX CRITERIA…}: EXAMINE, then {@code UID SEARCH} (with {@code RETURN (ALL)} under
 * ESEARCH, which the library asks for itself); prints the matching UIDs, one a line. The criteria are IMAP search
 * keys, one per argument; an argument with a space, a quote or a non-ASCII character is sent as a quoted string,
 * so {@code SUBJECT "quarterly report"} works as the shell passes it (a parenthesised group is sent as it is).
 * Non-ASCII criteria are sent with {@code CHARSET UTF-8} unless the session speaks UTF-8 already (IMAP4rev2 /
 * UTF8=ACCEPT).
 */
@Command(name = "search", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Prints the UIDs of the messages matching the criteria (UID SEARCH), one a line.",
                "Examples: search INBOX UNSEEN;  search INBOX FROM alice SINCE 1-Jan-2024;"
                        + "  search INBOX SUBJECT \"quarterly report\";  search INBOX OR FLAGGED ANSWERED"})
final class ImapSearchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAILBOX", description = "The mailbox, e.g. INBOX.")
    private String mailbox;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CRITERIA",
            description = "IMAP search keys: ALL, UNSEEN, FROM x, SUBJECT x, SINCE 1-Jan-2024, LARGER n, UID 1:9…")
    private List<String> criteria;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        return ImapSession.run(spec, connection, (imap, events) -> {
            Await.result(imap.examine(mailbox));
            boolean nonAscii = criteria.stream().anyMatch(c -> !c.chars().allMatch(ch -> ch < 0x80));
            boolean utf8Session = imap.hasCapability("IMAP4rev2") || imap.hasCapability("UTF8=ACCEPT");
            String keys = criteria(criteria);
            if (nonAscii && !utf8Session) {
                keys = "CHARSET UTF-8 " + keys;
            }
            List<Long> found = Await.result(imap.search(keys, true));
            for (long uid : found) {
                events.say(Long.toString(uid));
            }
            events.say(found.size() + " match(es)");
            return 0;
        });
    }

    /** The arguments as IMAP search text: words as they are, anything else quoted. */
    static String criteria(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean word = !a.isEmpty() && a.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\');
            boolean group = a.startsWith("(") && a.endsWith(")"); // "(FROM a)" given as one argument
            sb.append(word || group ? a : ImapQuoting.quote(a));
        }
        return sb.toString();
    }
}
