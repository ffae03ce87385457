package org.ixp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ixp.DisconnectResult;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.pop3.Pop3MarkType;
import org.ixp.pop3.Pop3Response;
import org.ixp.pop3.Pop3Transport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code ixp pop3} command does around its work: connect (logging on when --user is given), STAT, the
 * work, then Disconnect — or DropConnection with --drop — and say what became of the deletions. Exit 0 on success,
 * 1 on an ixp failure (printed as {@code error: IXP_E_NAME (0x800CCCxx): text}), 2 on a usage error.
 */
abstract class Pop3Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    /** How many messages the work marked deleted (for the final summary). */
    long markedDeleted;

    /** The command's own work, with STAT done; {@code messages} is the highest message number. */
    abstract void work(Pop3Transport pop3, Events events, long messages);

    /** Extra usage checks. */
    void validate() {
    }

    @Override
    public Integer call() {
        connection.validate(spec);
        validate();
        Console console = Console.of(spec);
        IxpCli cli = spec.root().userObject() instanceof IxpCli c ? c : new IxpCli();
        try {
            return run(console, cli);
        } catch (IxpException e) {
            console.err("error: " + e.result().describe());
            return 1;
        }
    }

    private int run(Console console, IxpCli cli) {
        Events events = new Events(console, "", connection.verbose);
        Pop3Transport pop3 = new Pop3Transport();
        pop3.initNew(connection.logFile, events, events.executor());
        try {
            events.started();
            Await.result(pop3.connect(connection.settings(cli::environment), connection.authenticate(),
                    connection.verbose));
            Pop3Response.StatInfo stat = Await.result(pop3.commandSTAT());
            work(pop3, events, pop3.messageCount() == 0 ? stat.messages() : pop3.messageCount());
            end(pop3, events);
            return 0;
        } catch (IxpException e) {
            pop3.dropConnection();
            events.awaitDisconnected();
            throw e;
        } finally {
            pop3.handsOffCallback();
        }
    }

    private void end(Pop3Transport pop3, Events events) {
        long marked = markedDeleted;
        if (connection.drop) {
            Await.result(pop3.dropConnection());
            events.awaitDisconnected();
            events.say("dropped");
            if (marked > 0) {
                events.say("deletions: none — " + marked + " message(s) were marked deleted, but without QUIT"
                        + " the server deletes nothing (RFC 1939 §6)");
            }
            return;
        }
        DisconnectResult r = Await.result(pop3.disconnect());
        events.awaitDisconnected();
        events.say("disconnect: " + r.ending() + (r.response() == null ? "" : " " + r.response()));
        if (marked > 0) {
            events.say(pop3.deletionsCommitted() ? "deletions: " + marked + " committed (QUIT answered +OK)"
                    : "deletions: not committed (" + r.ending() + "): the " + marked
                            + " message(s) marked deleted may still be there");
        }
    }


    /** The message numbers given, checked against the session's count; empty means all. */
    static List<Long> select(List<Long> given, long messages) {
        List<Long> out = new ArrayList<>();
        if (given == null) {
            return out;
        }
        for (long n : given) {
            if (n < 1 || n > messages) {
                throw new IxpException(IxpCode.IXP_E_POP3_POPID_OUT_OF_RANGE, "message " + n + " is not in 1.."
                        + messages);
            }
            out.add(n);
        }
        return out;
    }

    /** Marks {@code ids} for {@code type} (MarkItem), for a GET_MARKED command. */
    static void mark(Pop3Transport pop3, Pop3MarkType type, List<Long> ids) {
        for (long id : ids) {
            pop3.markItem(type, id, true);
        }
    }
}
