package org.ixp.cli;

import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.ixp.imap.ImapEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp imap status MAILBOX}: STATUS MESSAGES UNSEEN UIDNEXT UIDVALIDITY, plus HIGHESTMODSEQ when the server
 * offers CONDSTORE and SIZE when it offers STATUS=SIZE; one {@code item: value} a line.
 */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Prints a mailbox's message count, unseen count, UIDNEXT, UIDVALIDITY (and HIGHESTMODSEQ,"
                + " SIZE where the server offers them) without selecting it.")
final class ImapStatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAILBOX", description = "The mailbox, e.g. INBOX or Archive/2024.")
    private String mailbox;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        return ImapSession.run(spec, connection, (imap, events) -> {
            String items = "MESSAGES UNSEEN UIDNEXT UIDVALIDITY";
            if (imap.hasCapability("CONDSTORE")) {
                items += " HIGHESTMODSEQ";
            }
            if (imap.hasCapability("STATUS=SIZE")) {
                items += " SIZE";
            }
            ImapEvent.MailboxStatus s = Await.result(imap.status(mailbox, items));
            if (s == null) {
                throw new org.ixp.IxpException(org.ixp.IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE,
                        "the server answered STATUS OK without a STATUS response");
            }
            events.say("mailbox: " + s.name());
            say(events, "messages", s.messages());
            say(events, "unseen", s.unseen());
            say(events, "uidnext", s.uidNext());
            say(events, "uidvalidity", s.uidValidity());
            say(events, "highestmodseq", s.highestModSeq());
            say(events, "size", s.size());
            return 0;
        });
    }

    private static void say(Events events, String name, OptionalLong value) {
        if (value.isPresent()) {
            events.say(name + ": " + value.getAsLong());
        }
    }
}
