package org.ixp.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ixp.IxpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ixp demo}: the transport lifecycle walked through on embedded servers, for a human to read. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Shows connect, Disconnect and DropConnection against embedded loopback servers (no network):"
                + " SMTP, POP3, NNTP and IMAP.")
final class DemoCommand implements Callable<Integer> {
    /** Every part, in order: each protocol contributes its list. */
    static final List<DemoPart> PARTS = Stream.of(SmtpDemo.parts(), Pop3Demo.parts(), NntpDemo.parts(),
            ImapDemo.parts()).flatMap(List::stream).toList();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        console.out("ixp demo: the Internet Transport lifecycle on embedded servers (loopback only, no network)");
        int failed = 0;
        for (int i = 0; i < PARTS.size(); i++) {
            DemoPart part = PARTS.get(i);
            console.out("");
            console.out("== " + (i + 1) + ". " + part.title() + " ==");
            try {
                part.run(console);
            } catch (IxpException e) {
                console.err("error: " + e.result().describe());
                failed++;
            } catch (Exception e) {
                console.err("error: demo part " + (i + 1) + " failed: " + e);
                failed++;
            }
        }
        console.out("");
        console.out(failed == 0 ? "demo finished" : "demo finished with " + failed + " failed part(s)");
        return failed == 0 ? 0 : 1;
    }
}
