package org.ixp.nntp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ixp.RecordingCallback;

/** The recording callback, plus every NNTP response. */
class NntpRecorder extends RecordingCallback implements NntpCallback {
    final List<NntpResponse> nntp = new CopyOnWriteArrayList<>();

    @Override
    public void onResponse(NntpResponse response, NntpTransport transport) {
        nntp.add(response);
    }

    /** The responses of one state, in order. */
    List<NntpResponse> of(NntpState state) {
        return nntp.stream().filter(r -> r.state() == state).toList();
    }
}
