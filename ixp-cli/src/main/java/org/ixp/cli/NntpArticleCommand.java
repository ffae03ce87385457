package org.ixp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.nntp.ArticleId;
import org.ixp.nntp.NntpArticleInfo;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ixp nntp article <message-id> | NUMBER --group G}: ARTICLE (or HEAD/BODY) to the terminal, or exactly (CRLF,
 * de-stuffed) into {@code --out FILE}, in constant memory.
 */
@Command(name = "article", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Prints an article (or its head or body), or saves it with --out.")
final class NntpArticleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<message-id>|NUMBER", description = "The article.")
    private String article;

    @Option(names = "--group", paramLabel = "G", description = "The group (needed for an article number).")
    private String group;

    @ArgGroup(exclusive = true)
    private Part part = new Part();

    static final class Part {
        @Option(names = "--head", description = "Only the header (HEAD).")
        boolean head;

        @Option(names = "--body", description = "Only the body (BODY).")
        boolean body;
    }

    @Option(names = "--out", paramLabel = "FILE", description = "Write the article to FILE, byte for byte.")
    private Path out;

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() {
        ArticleId id = id();
        return NntpSession.run(spec, connection, (nntp, events) -> {
            if (group != null) {
                Await.result(nntp.commandGROUP(group));
            }
            try (OutputStream sink = out == null ? new LineOutput(events) : Files.newOutputStream(out)) {
                NntpArticleInfo info = Await.result(part.head ? nntp.head(id, sink)
                        : part.body ? nntp.body(id, sink) : nntp.article(id, sink));
                sink.flush();
                events.say((part.head ? "head" : part.body ? "body" : "article") + ": " + info.messageId() + " "
                        + info.bytes() + " bytes, " + info.lines() + " lines" + (out == null ? "" : " -> " + out));
            } catch (IOException e) {
                throw new IxpException(IxpCode.E_FAIL, "cannot write " + out + ": " + e.getMessage());
            }
            return 0;
        });
    }

    private ArticleId id() {
        if (article.startsWith("<")) {
            return ArticleId.messageId(article);
        }
        if (group == null) {
            throw new ParameterException(spec.commandLine(), "an article number needs --group");
        }
        try {
            return ArticleId.number(Long.parseLong(article));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "expected <message-id> or a number: " + article);
        }
    }
}
