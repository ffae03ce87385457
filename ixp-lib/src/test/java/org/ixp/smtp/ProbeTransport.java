package org.ixp.smtp;

import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;
import org.ixp.engine.Exchange;
import org.ixp.engine.Wire;

/** An SMTP transport that can also put arbitrary exchanges on the wire, for engine tests. */
class ProbeTransport extends SmtpTransport {

    <R> CompletableFuture<R> raw(Exchange<SmtpReply, R> exchange) {
        return command(exchange, false);
    }

    /** Writes {@code bytes} then waits for one reply. */
    static Exchange<SmtpReply, SmtpReply> writing(byte[] bytes) {
        return new Exchange<>() {
            @Override
            protected void start(Wire wire) {
                wire.raw(Unpooled.wrappedBuffer(bytes), "<" + bytes.length + " bytes>");
            }

            @Override
            protected boolean onEvent(SmtpReply reply) {
                succeed(reply);
                return true;
            }
        };
    }

    /** One line, one reply; optionally not a barrier so several go in one flight. */
    static Exchange<SmtpReply, SmtpReply> line(String line, boolean barrier) {
        return new SmtpReplyExchange(line, barrier, false);
    }
}
