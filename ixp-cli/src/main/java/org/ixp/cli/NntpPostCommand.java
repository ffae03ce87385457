package org.ixp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ixp.nntp.NntpMessage;
import org.ixp.nntp.NntpReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp nntp post FILE|-}: POST an article (RFC 5536 headers with Newsgroups, From, Subject; a blank line;
 * the body). Exit 0 on 240; 1 when refused, or when the connection was lost after the article was sent (outcome
 * unknown: check with {@code ixp nntp article <message-id>} before posting again).
 */
@Command(name = "post", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Posts FILE (or - for standard input).")
final class NntpPostCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The article, or - for stdin.")
    private String file;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        if (!"-".equals(file) && !Files.isReadable(Path.of(file))) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file);
        }
        return NntpSession.run(spec, connection, (nntp, events) -> {
            try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
                NntpReply r = Await.result(nntp.commandPOST(new NntpMessage(in, -1)));
                events.say("posted: " + r.line());
            } catch (IOException e) {
                throw new org.ixp.IxpException(org.ixp.IxpCode.E_FAIL, "cannot read " + file + ": " + e.getMessage());
            }
            return 0;
        });
    }
}
