package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.nntp.NntpFixture.failure;
import static org.ixp.nntp.NntpFixture.get;

import java.time.Duration;
import org.ixp.DisconnectResult.Ending;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.Security;
import org.ixp.testkit.Mode;
import org.junit.jupiter.api.Test;

/** Implicit TLS, STARTTLS (RFC 4642) and its refusals, and the STARTTLS response-injection defence. */
class NntpTlsTest {
    private static final String CAPS_TLS = "101 caps\r\nVERSION 2\r\nREADER\r\nSTARTTLS\r\nAUTHINFO USER\r\n.\r\n";

    @Test
    void implicitTlsFromTheFirstByte() throws Exception {
        try (NntpFixture f = new NntpFixture(Mode.IMPLICIT_TLS, NntpScripts::politeSession)) {
            f.connect(f.tls(Security.IMPLICIT_TLS).build(), false);
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            f.endedOnce();
            assertThat(f.callback.statusSnapshot()).containsExactly(IxpStatus.FINDINGHOST, IxpStatus.CONNECTING,
                    IxpStatus.SECURING, IxpStatus.CONNECTED, IxpStatus.DISCONNECTING, IxpStatus.DISCONNECTED);
        }
    }

    @Test
    void startTlsThenCapabilitiesAgainThenAuthinfo() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c, CAPS_TLS);
            c.expect("STARTTLS");
            c.send("382 Continue with TLS negotiation");
            c.startTls();
            c.expect("CAPABILITIES");
            c.sendRaw("101 caps\r\nVERSION 2\r\nREADER\r\nAUTHINFO USER\r\nPOST\r\n.\r\n");
            c.expect("AUTHINFO USER alice");
            c.send("381 more");
            c.expect("AUTHINFO PASS secret-pw");
            c.send("281 ok");
            c.expect("CAPABILITIES");
            c.sendRaw("101 caps\r\nVERSION 2\r\nREADER\r\nPOST\r\n.\r\n");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.tls(Security.STARTTLS).userName("alice").password("secret-pw").build(), true);
            assertThat(f.transport.getCapabilities()).containsExactly("VERSION 2", "READER", "POST");
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
            // Callbacks and futures are independent streams: wait for the status events, then assert on them.
            f.callback.awaitStatus(IxpStatus.DISCONNECTED, NntpFixture.WAIT);
            assertThat(f.callback.statusSnapshot()).containsSubsequence(IxpStatus.CONNECTED, IxpStatus.SECURING,
                    IxpStatus.CONNECTED, IxpStatus.AUTHORIZING, IxpStatus.AUTHORIZED);
        }
    }

    @Test
    void responsesInjectedAfterTheStartTlsGoAheadAreRefused() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c, CAPS_TLS);
            c.expect("STARTTLS");
            c.startTlsAfterInjecting("382 go ahead\r\n101 caps\r\nVERSION 2\r\nREADER\r\n.\r\n281 injected\r\n");
        })) {
            IxpException e = failure(f.transport.connect(f.tls(Security.STARTTLS).userName("alice")
                    .password("never-sent").build(), true, true));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
            assertThat(e.getMessage()).contains("plaintext");
            f.server.awaitConnectionsClosed(Duration.ofSeconds(2));
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("AUTHINFO"));
        }
    }

    @Test
    void startTlsRefused() throws Exception {
        for (String refusal : new String[] {"580 can not initiate TLS negotiation", "502 not now"}) {
            try (NntpFixture f = new NntpFixture(c -> {
                NntpScripts.greet(c, CAPS_TLS);
                c.expect("STARTTLS");
                c.send(refusal);
                c.awaitClientClose(Duration.ofSeconds(5));
            })) {
                IxpException e = failure(f.transport.connect(f.tls(Security.STARTTLS).build(), false, true));
                assertThat(e.code()).isEqualTo(refusal.startsWith("580") ? IxpCode.IXP_E_SECURE_CONNECT_FAILED
                        : IxpCode.IXP_E_STARTTLS_NOT_OFFERED);
                assertThat(e.result().response()).isEqualTo(refusal);
            }
        }
    }

    @Test
    void aLegacyServerIsAskedForStartTlsWhenTlsIsRequired() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            c.send("200 old");
            c.expect("CAPABILITIES");
            c.send("500 what");
            c.expect("MODE READER");
            c.send("200 ok");
            c.expect("STARTTLS");
            c.send("500 what");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            assertThat(failure(f.transport.connect(f.tls(Security.STARTTLS).build(), false, true)).code())
                    .isEqualTo(IxpCode.IXP_E_STARTTLS_NOT_OFFERED);
        }
    }
}
