package org.ixp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.ixp.imap.ImapEvent;
import org.ixp.imap.ImapResponse;
import org.ixp.imap.ImapResponseType;

/**
 * The responses of a {@code FETCH … BODY.PEEK[]}, streamed: each message's body goes to the {@link Sink} chunk by
 * chunk as it arrives (the library's flow control holds the connection while a write is slow), so memory holds
 * one chunk at a time whatever the message size. The message's FETCH response (UID, FLAGS, INTERNALDATE), which
 * the library delivers right after the body, then completes it. Runs on the callback thread.
 */
final class ImapBodies implements Consumer<ImapResponse> {

    /** Where the bodies go. */
    interface Sink {
        /** A body begins: where its octets go (closed by the caller when the body ends). */
        OutputStream begin(long seq) throws IOException;

        /** The body of {@code fetch.seq()} has been written and closed; here are its other items. */
        void complete(ImapEvent.Fetch fetch) throws IOException;

        /** A body began and its FETCH never completed it (the command failed): undo what {@link #begin} did. */
        void abandon();
    }

    private final Sink sink;
    private final Progress progress;
    private long seq = -1;
    private OutputStream out;
    private long written = -1;
    private long messages;
    private long bytes;

    ImapBodies(Sink sink, Progress progress) {
        this.sink = sink;
        this.progress = progress;
    }

    @Override
    public void accept(ImapResponse r) {
        try {
            if (r.type() == ImapResponseType.FETCH_BODY) {
                chunk(r.data(ImapResponse.FetchBodyPart.class));
            } else if (r.type() == ImapResponseType.UPDATE_MSG || r.type() == ImapResponseType.UPDATE_MSG_EX) {
                ImapEvent.Fetch f = r.data(ImapEvent.Fetch.class);
                if (f.seq() == written) {
                    written = -1;
                    sink.complete(f);
                    messages++;
                }
            }
        } catch (IOException e) {
            abandon();
            throw new UncheckedIOException(e);
        }
    }

    private void chunk(ImapResponse.FetchBodyPart p) throws IOException {
        if (out == null || p.seq() != seq) {
            abandon();
            seq = p.seq();
            out = sink.begin(seq);
        }
        out.write(p.data());
        bytes += p.data().length;
        progress.step(p.data().length);
        if (p.done()) {
            out.close();
            out = null;
            written = seq;
        }
    }

    /** Undoes a body begun but not completed (after a failure). */
    void abandon() {
        if (out != null || written >= 0) {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // being abandoned anyway
            }
            out = null;
            written = -1;
            sink.abandon();
        }
    }

    /** How many messages were completed. */
    long messages() {
        return messages;
    }

    /** How many body octets were written. */
    long bytes() {
        return bytes;
    }
}
