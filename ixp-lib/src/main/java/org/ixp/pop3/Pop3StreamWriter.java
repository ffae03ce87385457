package org.ixp.pop3;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/**
 * The {@code OutputStream} forms of RETR and TOP: writes each chunk to the caller's stream on the callback thread, in
 * order, before {@code onResponse} sees it; the read backpressure of streamed responses therefore also waits for the
 * stream, and memory stays constant. Its future completes with the bytes written once the done response has been
 * written, or fails with the command's failure, or with E_FAIL when the stream threw (the rest of the message is
 * still read, so the session stays in step, but no longer written). The stream is flushed, not closed.
 */
final class Pop3StreamWriter implements Pop3Sink {
    private final OutputStream out;
    private final CompletableFuture<Long> future = new CompletableFuture<>();
    private long written;
    private IOException error;

    Pop3StreamWriter(OutputStream out) {
        this.out = out;
    }

    CompletableFuture<Long> future() {
        return future;
    }

    @Override
    public void accept(Pop3Response response) {
        byte[] bytes = response.retrInfo() != null ? response.retrInfo().lines()
                : response.topInfo() != null ? response.topInfo().lines() : null;
        if (bytes != null && bytes.length > 0 && error == null) {
            try {
                out.write(bytes);
                written += bytes.length;
            } catch (IOException e) {
                error = e;
            }
        }
        if (!response.done()) {
            return;
        }
        if (error == null) {
            try {
                out.flush();
            } catch (IOException e) {
                error = e;
            }
        }
        if (!response.result().succeeded()) {
            future.completeExceptionally(new IxpException(response.result()));
        } else if (error != null) {
            future.completeExceptionally(new IxpException(IxpResult.of(IxpCode.E_FAIL,
                    "writing the message to the output stream failed after " + written + " bytes: " + error), error));
        } else {
            future.complete(written);
        }
    }

    /** handsOffCallback stopped delivery: the rest will not be written. */
    void handedOff() {
        future.completeExceptionally(new IxpException(IxpCode.IXP_E_USER_CANCEL,
                "the callback was handed off: the message was not fully written (" + written + " bytes)"));
    }
}
