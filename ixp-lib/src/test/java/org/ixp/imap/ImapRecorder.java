package org.ixp.imap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ixp.RecordingCallback;

/** The recording callback plus every IMAP response, on its own thread ({@link #drain()} waits for it). */
class ImapRecorder extends RecordingCallback implements ImapCallback {
    final List<ImapResponse> imap = new CopyOnWriteArrayList<>();
    volatile java.util.function.Function<org.ixp.InetServer, org.ixp.LogonDecision> logon =
            s -> org.ixp.LogonDecision.cancel();

    @Override
    public org.ixp.LogonDecision onLogonPrompt(org.ixp.InetServer server, org.ixp.InternetTransport<?> transport) {
        return logon.apply(server);
    }
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "imap-recorder");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void onResponse(ImapResponse response, ImapTransport transport) {
        imap.add(response);
    }

    ExecutorService executor() {
        return executor;
    }

    void drain() {
        try {
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the callback thread did not drain", e);
        }
    }

    List<ImapResponse> of(ImapResponseType type) {
        drain();
        return imap.stream().filter(r -> r.type() == type).toList();
    }
}
