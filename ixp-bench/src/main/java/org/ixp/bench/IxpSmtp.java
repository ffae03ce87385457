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

    /**
     * {@code -Dbench.ixp.batch=true}: hand all of a connection's messages over at once to
     * {@code SmtpTransport.sendMessages(List)}, when the library has it (an API under discussion that pipelines
     * across messages); looked up reflectively so this driver compiles against any ixp.
     */
    private static final java.lang.reflect.Method BATCH = batchMethod();

    private static java.lang.reflect.Method batchMethod() {
        if (!Boolean.getBoolean("bench.ixp.batch")) {
            return null;
        }
        try {
            return SmtpTransport.class.getMethod("sendMessages", java.util.List.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("bench.ixp.batch: this ixp has no SmtpTransport.sendMessages(List)");
        }
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
            } else if (BATCH != null) {
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

    @SuppressWarnings("unchecked")
    private static void batch(SmtpTransport t, Payload payload, int count, CompletableFuture<Long> sent) {
        try {
            java.util.List<SmtpMessage> all = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                all.add(SmtpMessage.builder().from(Messages.FROM).to(Messages.TO).stream(payload.open())
                        .size(payload.size()).build());
            }
            ((CompletableFuture<java.util.List<org.ixp.smtp.SendResult>>) BATCH.invoke(t, all)).whenComplete((r, e) -> {
                if (e != null) {
                    sent.completeExceptionally(e);
                } else {
                    sent.complete(r.stream().mapToLong(org.ixp.smtp.SendResult::bytes).sum());
                }
            });
        } catch (ReflectiveOperationException | IOException e) {
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
