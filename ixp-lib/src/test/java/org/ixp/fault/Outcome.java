package org.ixp.fault;

import org.ixp.DisconnectResult.Ending;
import org.ixp.IxpCode;

/**
 * What a fault case ends with: the IxpCode the call failed with (or the onError code of a server-initiated end), or
 * the way a disconnect ended, or plain success.
 */
record Outcome(IxpCode code, Ending ending) {
    static final Outcome OK = new Outcome(null, null);

    static Outcome fails(IxpCode code) {
        return new Outcome(code, null);
    }

    static Outcome ends(Ending ending) {
        return new Outcome(null, ending);
    }

    @Override
    public String toString() {
        return code != null ? code.name() : ending != null ? "disconnect " + ending : "succeeds";
    }
}
