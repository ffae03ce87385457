package org.ixp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.ixp.InetServer;
import org.ixp.Security;
import org.ixp.smtp.SmtpCallback;
import org.ixp.smtp.SmtpMessage;
import org.ixp.smtp.SmtpTransport;

/**
 * ixp: one {@link SmtpTransport} per connection, {@code sendMessage} after {@code sendMessage}, driven by its
 * futures (the next message is sent from the previous one's completion; no thread blocks per connection).
 * ixp has nothing to tune: both settings rows are its defaults.
 */
final class IxpSmtp extends SmtpDriver {
    IxpSmtp(String host, int port, boolean tuned) {
        super(host, port, tuned);
    }

    @Override
    CompletableFuture<Long> connection(Payload payload, int count) {
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new SmtpCallback() { });
        InetServer server = InetServer.builder().serverName(host).port(port).security(Security.NONE).build();
        CompletableFuture<Long> sent = new CompletableFuture<>();
        t.connect(server, false, false).whenComplete((v, e) -> {
            if (e != null) {
                sent.completeExceptionally(e);
            } else {
                next(t, payload, count, 0, sent);
            }
        });
        return sent.thenCompose(bytes -> t.disconnect().thenApply(d -> {
            t.close();
            return bytes;
        }));
    }

    private static void next(SmtpTransport t, Payload payload, int remaining, long bytes, CompletableFuture<Long> sent) {
        if (remaining == 0) {
            sent.complete(bytes);
            return;
        }
        SmtpMessage m;
        try {
            m = SmtpMessage.builder().from(Messages.FROM).to(Messages.TO).stream(payload.open()).size(payload.size())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        t.sendMessage(m).whenComplete((r, e) -> {
            if (e != null) {
                sent.completeExceptionally(e);
            } else {
                next(t, payload, remaining - 1, bytes + r.bytes(), sent);
            }
        });
    }
}
