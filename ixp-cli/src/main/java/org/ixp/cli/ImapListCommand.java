package org.ixp.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ixp.imap.ImapEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp imap list [PATTERN]}: LIST "" PATTERN, one mailbox a line: its name (decoded from modified UTF-7, or
 * UTF-8 under IMAP4rev2 / UTF8=ACCEPT), then its attributes as the server sent them, special-use ones
 * ({@code \Sent}, {@code \Drafts}…) included.
 */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Lists mailboxes: name, then attributes (\\Noselect, \\HasChildren, special use such as"
                + " \\Sent…).")
final class ImapListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATTERN", defaultValue = "*",
            description = "LIST pattern: * matches across levels, % within one (default: *).")
    private String pattern;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        return ImapSession.run(spec, connection, (imap, events) -> {
            List<ImapEvent.MailboxListing> found = Await.result(imap.list("", pattern));
            int width = 0;
            for (ImapEvent.MailboxListing m : found) {
                width = Math.max(width, m.name().length());
            }
            for (ImapEvent.MailboxListing m : found) {
                events.say(line(m, width));
            }
            events.say(found.size() + " mailbox(es)");
            return 0;
        });
    }

    /** {@code name  \Attr \Attr}, names padded to {@code width}. */
    static String line(ImapEvent.MailboxListing m, int width) {
        if (m.attributes().isEmpty()) {
            return m.name();
        }
        StringBuilder sb = new StringBuilder(m.name());
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.append("  ").append(String.join(" ", m.attributes())).toString();
    }
}
