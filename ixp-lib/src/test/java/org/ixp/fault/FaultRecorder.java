package org.ixp.fault;

import org.ixp.RecordingCallback;
import org.ixp.imap.ImapCallback;
import org.ixp.nntp.NntpCallback;
import org.ixp.pop3.Pop3Callback;

/** The recording callback for every protocol: statuses, errors, onCommand lines, timeouts asked. */
class FaultRecorder extends RecordingCallback implements Pop3Callback, ImapCallback, NntpCallback {
}
