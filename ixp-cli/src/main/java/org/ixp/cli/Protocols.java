package org.ixp.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import org.ixp.InternetTransport;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.TransportCallback;
import org.ixp.imap.ImapTransport;
import org.ixp.pop3.Pop3Transport;
import org.ixp.nntp.NntpTransport;
import org.ixp.smtp.SmtpTransport;

/**
 * The one place that maps a protocol name to its transport. A protocol becomes available with one line in
 * {@link #AVAILABLE} (and its callback interface added to {@link Events}).
 */
final class Protocols {
    /** Makes a transport, initialised with the log file and the CLI's callback. */
    @FunctionalInterface
    interface Factory {
        InternetTransport<?> open(Path logFile, Events events);
    }

    /** Every protocol name the CLI accepts, available or not. */
    static final List<String> NAMES = List.of("smtp", "pop3", "imap", "nntp");

    private static final Map<String, Factory> AVAILABLE = Map.of(
            "smtp", (log, events) -> init(new SmtpTransport(), log, events, events.executor()),
            "pop3", (log, events) -> init(new Pop3Transport(), log, events, events.executor()),
            "imap", (log, events) -> init(new ImapTransport(), log, events, events.executor()),
            "nntp", (log, events) -> init(new NntpTransport(), log, events, events.executor()));

    private Protocols() {
    }

    /** Whether {@code name} (case-insensitive) is one of {@link #NAMES}. */
    static boolean isKnown(String name) {
        return NAMES.contains(normalize(name));
    }

    /**
     * A new transport for {@code name} (case-insensitive), initialised.
     *
     * @throws IxpException E_INVALIDARG for a protocol that is not available yet or an unwritable log file
     */
    static InternetTransport<?> open(String name, Path logFile, Events events) {
        String key = normalize(name);
        Factory factory = AVAILABLE.get(key);
        if (factory == null) {
            throw new IxpException(IxpCode.E_INVALIDARG, "protocol " + key + " is not available yet");
        }
        return factory.open(logFile, events);
    }

    static String normalize(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    private static <C extends TransportCallback> InternetTransport<C> init(InternetTransport<C> transport, Path logFile,
                                                                           C callback, Executor executor) {
        transport.initNew(logFile, callback, executor);
        return transport;
    }
}
