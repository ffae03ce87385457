package org.ixp.nntp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ixp.RecordingCallback;

/**
 * The recording callback, plus every NNTP response. Its callbacks run on its own single thread (pass
 * {@link #executor()} to initNew), so {@link #drain()} can wait until everything posted so far has run: a command's
 * future completes right after its last onResponse is posted, not after it has run (join() in a callback must not
 * deadlock).
 */
class NntpRecorder extends RecordingCallback implements NntpCallback {
    final List<NntpResponse> nntp = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nntp-recorder");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void onResponse(NntpResponse response, NntpTransport transport) {
        nntp.add(response);
    }

    ExecutorService executor() {
        return executor;
    }

    /** Waits until every callback posted before this call has run. */
    void drain() {
        try {
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the callback thread did not drain", e);
        }
    }

    /** The responses of one state, in order (after draining). */
    List<NntpResponse> of(NntpState state) {
        drain();
        return nntp.stream().filter(r -> r.state() == state).toList();
    }

    /** The onCommand lines (after draining). */
    List<String> commands() {
        drain();
        return List.copyOf(commands);
    }
}
