package org.ixp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.smtp.Dsn;
import org.ixp.smtp.DsnRet;
import org.ixp.smtp.RecipientFailure;
import org.ixp.smtp.SendResult;
import org.ixp.smtp.SmtpCommand;
import org.ixp.smtp.SmtpMessage;
import org.ixp.smtp.SmtpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ixp smtp send}: one message from a file (or standard input) to one or more recipients, with a progress
 * bar for large messages and a per-recipient summary. Exit 0 when the server accepted the message (recipients it
 * refused are listed), 1 when it was not sent (or its outcome is unknown).
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Sends FILE.eml (or - for standard input) over SMTP.")
final class SmtpSendCommand implements Callable<Integer> {
    private static final long PROGRESS_ABOVE = 256 * 1024;

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "A", description = "The envelope sender (MAIL FROM).")
    private String from;

    @Option(names = "--to", required = true, split = ",", paramLabel = "B", description = "Recipients, comma-separated.")
    private List<String> to;

    @Option(names = "--dsn", split = ",", paramLabel = "WHEN",
            description = "Delivery status notifications for every recipient: NEVER, or any of SUCCESS,FAILURE,DELAY.")
    private List<String> dsn = new ArrayList<>();

    @Option(names = "--dsn-ret", paramLabel = "full|hdrs", description = "What a DSN returns (RET=).")
    private String dsnRet;

    @Option(names = "--envid", paramLabel = "ID", description = "The DSN envelope id (ENVID=).")
    private String envid;

    @Option(names = "--no-progress", description = "No progress bar.")
    private boolean noProgress;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "FILE.eml|-", description = "The message (RFC 5322), or - for stdin.")
    private String file;

    @Override
    public Integer call() {
        connection.validate(spec);
        Console console = Console.of(spec);
        IxpCli cli = spec.root().userObject() instanceof IxpCli c ? c : new IxpCli();
        try (InputStream in = open()) {
            long size = "-".equals(file) ? -1 : Files.size(Path.of(file));
            return send(console, connection.settings(cli::environment), message(in, size), size);
        } catch (IxpException e) {
            console.err("error: " + e.result().describe());
            return 1;
        } catch (IOException e) {
            console.err("error: " + new IxpException(IxpCode.E_FAIL, "cannot read " + file + ": " + e.getMessage())
                    .result().describe());
            return 1;
        }
    }

    private InputStream open() throws IOException {
        if ("-".equals(file)) {
            return System.in;
        }
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file);
        }
        return Files.newInputStream(p);
    }

    private SmtpMessage message(InputStream in, long size) {
        Set<Dsn> notify = EnumSet.noneOf(Dsn.class);
        for (String d : dsn) {
            try {
                notify.add(Dsn.valueOf(d.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--dsn takes NEVER, SUCCESS, FAILURE, DELAY: " + d);
            }
        }
        SmtpMessage.Builder b = SmtpMessage.builder().from(from).stream(in).size(size).dsnEnvid(envid);
        for (String t : to) {
            b.to(t.trim(), notify.toArray(new Dsn[0]));
        }
        if (dsnRet != null) {
            try {
                b.dsnRet(DsnRet.valueOf(dsnRet.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--dsn-ret takes full or hdrs: " + dsnRet);
            }
        }
        return b.build();
    }

    private int send(Console console, InetServer settings, SmtpMessage message, long size) {
        Events events = new Events(console, "", connection.verbose);
        SmtpTransport smtp = new SmtpTransport();
        smtp.initNew(connection.logFile, events, events.executor());
        ProgressBar bar = null;
        try {
            events.started();
            Await.result(smtp.connect(settings, connection.authenticate(), connection.verbose));
            if (!noProgress && !connection.verbose && (size < 0 || size > PROGRESS_ABOVE)) {
                bar = new ProgressBarBuilder().setTaskName("sending").setInitialMax(Math.max(size, 0))
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" KiB", 1024).showSpeed().build();
                ProgressBar b = bar;
                events.onSmtpResponse(r -> {
                    if (r.command() == SmtpCommand.SEND_STREAM && r.stream() != null) {
                        b.stepTo(r.stream().current());
                    }
                });
            }
            SendResult result = Await.result(smtp.sendMessage(message));
            if (bar != null) {
                bar.stepTo(result.bytes());
                bar.close();
                bar = null;
            }
            events.say("sent: " + result.bytes() + " bytes; " + result.reply().oneLine());
            for (String a : result.accepted()) {
                events.say("accepted: " + a);
            }
            for (RecipientFailure f : result.rejected()) {
                events.say("refused: " + f);
            }
            if (result.dsnUnsupported()) {
                events.say("note: the server does not offer DSN; the message was sent without it");
            }
            end(smtp, events);
            return 0;
        } catch (IxpException e) {
            if (bar != null) {
                bar.close();
            }
            smtp.dropConnection();
            events.awaitDisconnected();
            throw e;
        } finally {
            smtp.handsOffCallback();
        }
    }

    private void end(SmtpTransport smtp, Events events) {
        if (connection.drop) {
            Await.result(smtp.dropConnection());
            events.awaitDisconnected();
            events.say("dropped");
        } else {
            DisconnectResult r = Await.result(smtp.disconnect());
            events.awaitDisconnected();
            events.say("disconnect: " + r.ending() + (r.response() == null ? "" : " " + r.response()));
        }
    }
}
