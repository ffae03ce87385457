package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult;
import org.ixp.IsState;
import org.ixp.IxpStatus;
import org.ixp.RecordingCallback;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.junit.jupiter.api.Test;

class SmtpSessionTest {

    @Test
    void connectsReadsCapabilitiesAndQuitsGracefully() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, SmtpScripts::politeSession)) {
            SmtpTransport t = new SmtpTransport();
            RecordingCallback cb = new RecordingCallback();
            t.initNew(null, cb);
            t.connect(SmtpScripts.plain(server), false, true).get(5, TimeUnit.SECONDS);
            assertThat(t.isState(IsState.READY)).isTrue();
            assertThat(t.getGreeting()).isEqualTo("220 test.example ESMTP ready");
            assertThat(t.getCapabilities()).containsExactly("PIPELINING", "8BITMIME");
            DisconnectResult r = t.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(r.ending()).isEqualTo(DisconnectResult.Ending.ACKNOWLEDGED);
            assertThat(r.response()).isEqualTo("221 2.0.0 bye");
            cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(5));
            assertThat(cb.statusSnapshot()).containsExactly(IxpStatus.FINDINGHOST, IxpStatus.CONNECTING,
                    IxpStatus.CONNECTED, IxpStatus.DISCONNECTING, IxpStatus.DISCONNECTED);
            assertThat(cb.commands).contains("> QUIT", "< 221 2.0.0 bye");
            assertThat(cb.threads).allSatisfy(name -> assertThat(name).doesNotStartWith("ixp-io"));
            assertThat(server.scriptFailures()).isEmpty();
        }
    }
}
