package org.ixp.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * Reads the caller's {@link InputStream} for a streamed write without ever blocking an I/O thread: every chunk is
 * read on a worker ({@link Blocking#call}, so the pool adds a thread while the stream waits), one chunk ahead (the
 * next read starts as soon as the I/O thread has taken the last one, while the socket sends it). A chunk is filled
 * by reading until it is full or the stream ends, so a stream that hands out a byte at a time still makes 64 KiB
 * writes.
 *
 * <p>The I/O thread asks with {@link #take}: it gets the next chunk, or -1 when none is ready yet, in which case
 * {@code resume} runs (on the worker) once one is, or once the read failed. A bounded reader ({@code limit ≥ 0}: an
 * IMAP literal) reads exactly {@code limit} octets and fails if the stream ends sooner; an unbounded one (an SMTP
 * message) reads until the stream ends. {@link #close} closes the stream, after the read in progress if any.
 */
public final class PrefetchingReader {
    /** Takes a chunk on the I/O thread: {@code last} marks the end of the input (the chunk may then be empty). */
    public interface Sink {
        void accept(byte[] buffer, int length, boolean last) throws IOException;
    }

    private final InputStream in;
    private final long limit;
    private final Executor reader;
    private final Runnable resume;
    private final byte[] buffer;
    /** Guarded by this: octets taken, a chunk read and not yet taken (-1: none), a read in progress, the end... */
    private long taken;
    private int ready = -1;
    private boolean readyLast;
    private boolean reading;
    private boolean ended;
    private IOException failure;
    private boolean closed;

    /**
     * @param chunk  the largest chunk read at a time
     * @param limit  the octets to read exactly, or -1 to read until the stream ends
     * @param reader where the stream is read (the engine's workers)
     * @param resume wakes the engine after {@link #take} answered -1 and a chunk (or a failure) is ready
     */
    public PrefetchingReader(InputStream in, int chunk, long limit, Executor reader, Runnable resume) {
        this.in = in;
        this.limit = limit;
        this.reader = reader;
        this.resume = resume;
        this.buffer = new byte[(int) (limit < 0 ? chunk : Math.min(chunk, limit))];
    }

    /** Whether the last chunk has been taken. */
    public synchronized boolean ended() {
        return ended;
    }

    /** Octets taken so far. */
    public synchronized long taken() {
        return taken;
    }

    /**
     * Hands the next chunk to {@code sink} (I/O thread only) and starts reading the one after it.
     *
     * @return the chunk's length, or -1 if none is ready yet (or the input has ended)
     * @throws IOException the stream failed or ended before {@code limit} octets
     */
    public int take(Sink sink) throws IOException {
        int n;
        boolean last;
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (ended || reading) {
                return -1;
            }
            if (ready < 0) {
                startRead();
                return -1;
            }
            n = ready;
            last = readyLast;
        }
        sink.accept(buffer, n, last); // no read runs now: the worker starts the next only below
        synchronized (this) {
            taken += n;
            ready = -1;
            if (last) {
                ended = true;
            } else {
                startRead();
            }
        }
        return n;
    }

    /** Starts reading the next chunk on the reader (holding this). */
    private void startRead() {
        reading = true;
        int want = (int) (limit < 0 ? buffer.length : Math.min(buffer.length, limit - taken));
        try {
            reader.execute(() -> fill(want));
        } catch (RuntimeException e) {
            reading = false;
            failure = new IOException("cannot read the message stream: " + e, e);
            resume.run();
        }
    }

    /** Fills the buffer with {@code want} octets, fewer at the end of an unbounded stream (the reader's thread). */
    private void fill(int want) {
        IOException error = null;
        int filled = 0;
        boolean eof = false;
        try {
            while (filled < want) {
                int offset = filled;
                int n = Blocking.call(() -> in.read(buffer, offset, want - offset));
                if (n < 0) {
                    if (limit >= 0) {
                        throw new IOException("the message stream ended " + (limit - takenNow() - filled)
                                + " octets before its announced size");
                    }
                    eof = true;
                    break;
                }
                filled += n;
            }
        } catch (IOException e) {
            error = e;
        } catch (RuntimeException e) {
            error = new IOException("reading the message stream failed: " + e, e);
        }
        boolean closeNow;
        synchronized (this) {
            reading = false;
            if (error != null) {
                failure = error;
            } else {
                ready = filled;
                readyLast = eof || (limit >= 0 && taken + filled == limit);
            }
            closeNow = closed;
        }
        if (closeNow) {
            closeStream();
            return;
        }
        resume.run();
    }

    private synchronized long takenNow() {
        return taken;
    }

    /** Closes the stream now, or after the read in progress. Any thread; more than once is fine. */
    public void close() {
        boolean closeNow;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeNow = !reading;
        }
        if (closeNow) {
            closeStream();
        }
    }

    private void closeStream() {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream's own close failure changes nothing
        }
    }
}
