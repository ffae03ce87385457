package org.ixp.pop3;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ixp.RecordingCallback;

/** The recording callback, plus every POP3 response. */
class Pop3Recorder extends RecordingCallback implements Pop3Callback {
    final List<Pop3Response> pop3 = new CopyOnWriteArrayList<>();

    @Override
    public void onResponse(Pop3Response response, Pop3Transport transport) {
        pop3.add(response);
    }

    /** The responses of one command, in order. */
    List<Pop3Response> of(Pop3Command command) {
        List<Pop3Response> out = new ArrayList<>();
        for (Pop3Response r : pop3) {
            if (r.command() == command) {
                out.add(r);
            }
        }
        return out;
    }

    /** The commands of the responses, in order. */
    List<Pop3Command> commandsSeen() {
        List<Pop3Command> out = new ArrayList<>();
        for (Pop3Response r : pop3) {
            out.add(r.command());
        }
        return out;
    }
}
