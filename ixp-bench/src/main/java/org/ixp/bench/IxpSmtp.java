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
 * ixp: one {@link SmtpTransport} per connection; its messages handed to {@code sendMessages} (pipelined across
 * messages; one future per message, each completing on its final reply), or one {@code sendMessage} after the other
 * driven by their futures ({@code -Dbench.ixp.api=single}); no thread blocks per connection.
 * ixp has nothing to tune: both settings rows are its defaults.
 */
final class IxpSmtp extends SmtpDriver {
    IxpSmtp(String host, int port, boolean tuned) {
        super(host, port, tuned);
    }

    /**
     * How a connection's messages are handed over: {@code SmtpTransport.sendMessages(List)} (default: pipelined
     * across messages, one future per message), or with {@code -Dbench.ixp.api=single} one {@code sendMessage} after
     * the other, each started from the previous one's future.
     */
    private static final boolean BATCH = !"single".equals(System.getProperty("bench.ixp.api", "batch"));

    @Override
    CompletableFuture<Long> connection(Payload payload, int count) {
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new SmtpCallback() { });
        InetServer server = InetServer.builder().serverName(host).port(port).security(Security.NONE).build();
        CompletableFuture<Long> sent = new CompletableFuture<>();
        t.connect(server, false, false).whenComplete((v, e) -> {
            if (e != null) {
                sent.completeExceptionally(e);
            } else if (BATCH) {
                batch(t, payload, count, sent);
            } else {
                next(t, payload, count, 0, sent);
            }
        });
        return sent.thenCompose(bytes -> t.disconnect().thenApply(d -> {
            t.close();
            return bytes;
        }));
    }

    private static void batch(SmtpTransport t, Payload payload, int count, CompletableFuture<Long> sent) {
        try {
            java.util.List<SmtpMessage> all = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                all.add(SmtpMessage.builder().from(Messages.FROM).to(Messages.TO).stream(payload.open())
                        .size(payload.size()).build());
            }
            java.util.List<CompletableFuture<org.ixp.smtp.SendResult>> results = t.sendMessages(all);
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                if (e != null) {
                    sent.completeExceptionally(e);
                } else {
                    sent.complete(results.stream().mapToLong(f -> f.join().bytes()).sum());
                }
            });
        } catch (IOException e) {
            sent.completeExceptionally(e);
        }
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
