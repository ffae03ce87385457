package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.smtp.Fixture.failureCode;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.PromptAnswer;
import org.ixp.PromptType;
import org.ixp.RecordingCallback;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;
import org.junit.jupiter.api.Test;

/** TLS: implicit and STARTTLS, certificate and host checks, the prompt, and the STARTTLS injection defence. */
class SmtpTlsTest {

    private static InetServer.Builder tls(ScriptedServer server, Security security) {
        return InetServer.builder().serverName(server.host()).port(server.port()).security(security)
                .tls(TlsSettings.trusting(TestCertificate.caPemFile()))
                .timeouts(org.ixp.Timeouts.all(Duration.ofSeconds(5)).withGoodbye(Duration.ofSeconds(1)));
    }

    private static void startTlsDialogue(Conversation c) {
        c.send("220 tls.test ESMTP");
        c.expect("EHLO");
        c.send("250-tls.test");
        c.send("250 STARTTLS");
        c.expect("STARTTLS");
        c.send("220 2.0.0 go ahead");
        c.startTls();
        c.expect("EHLO");
        c.send("250-tls.test");
        c.send("250-AUTH PLAIN");
        c.send("250 SIZE 1000");
        c.expect("QUIT");
        c.send("221 bye");
    }

    @Test
    void implicitTlsChecksTheChainAndTheHostAndEndsWithCloseNotify() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, SmtpScripts::politeSession)) {
            SmtpTransport t = new SmtpTransport();
            RecordingCallback cb = new RecordingCallback();
            t.initNew(null, cb);
            t.connect(tls(server, Security.IMPLICIT_TLS).build(), false, false).get(5, TimeUnit.SECONDS);
            assertThat(t.disconnect().get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(5));
            assertThat(cb.statusSnapshot()).containsExactly(IxpStatus.FINDINGHOST, IxpStatus.CONNECTING,
                    IxpStatus.SECURING, IxpStatus.CONNECTED, IxpStatus.DISCONNECTING, IxpStatus.DISCONNECTED);
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void startTlsUpgradesThenReadsTheCapabilitiesAgain() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, SmtpTlsTest::startTlsDialogue)) {
            SmtpTransport t = new SmtpTransport();
            RecordingCallback cb = new RecordingCallback();
            t.initNew(null, cb);
            t.connect(tls(server, Security.STARTTLS).build(), false, false).get(5, TimeUnit.SECONDS);
            assertThat(t.getCapabilities()).containsExactly("AUTH PLAIN", "SIZE 1000");
            assertThat(t.smtpCapabilities().maxSize()).isEqualTo(1000);
            t.disconnect().get(5, TimeUnit.SECONDS);
            cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(5));
            assertThat(cb.statusSnapshot()).containsExactly(IxpStatus.FINDINGHOST, IxpStatus.CONNECTING,
                    IxpStatus.CONNECTED, IxpStatus.SECURING, IxpStatus.CONNECTED, IxpStatus.DISCONNECTING,
                    IxpStatus.DISCONNECTED);
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    private static IxpCode implicitFailure(TestCertificate cert, InetServer.Builder settings) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, cert, SmtpScripts::politeSession)) {
            SmtpTransport t = new SmtpTransport();
            RecordingCallback cb = new RecordingCallback();
            t.initNew(null, cb);
            IxpCode code = failureCode(t.connect(settings.port(server.port()).build(), false, false));
            cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(5));
            assertThat(cb.errors).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(code));
            return code;
        }
    }

    private static InetServer.Builder toLoopback(Security security) {
        return InetServer.builder().serverName("127.0.0.1").security(security)
                .tls(TlsSettings.trusting(TestCertificate.caPemFile()))
                .timeouts(org.ixp.Timeouts.all(Duration.ofSeconds(5)));
    }

    @Test
    void anExpiredCertificateIsInvalidCertDate() throws Exception {
        assertThat(implicitFailure(TestCertificate.expired(), toLoopback(Security.IMPLICIT_TLS)))
                .isEqualTo(IxpCode.IXP_E_INVALID_CERT_DATE);
    }

    @Test
    void aCertificateForAnotherHostIsInvalidCertCn() throws Exception {
        assertThat(implicitFailure(TestCertificate.wrongHost(), toLoopback(Security.IMPLICIT_TLS)))
                .isEqualTo(IxpCode.IXP_E_INVALID_CERT_CN);
    }

    @Test
    void aSelfSignedCertificateIsUntrusted() throws Exception {
        assertThat(implicitFailure(TestCertificate.selfSigned(), toLoopback(Security.IMPLICIT_TLS)))
                .isEqualTo(IxpCode.IXP_E_INVALID_CERT_UNTRUSTED);
    }

    @Test
    void theSystemTrustStoreDoesNotTrustTheTestCa() throws Exception {
        assertThat(implicitFailure(TestCertificate.localhost(),
                toLoopback(Security.IMPLICIT_TLS).tls(TlsSettings.DEFAULT)))
                .isEqualTo(IxpCode.IXP_E_INVALID_CERT_UNTRUSTED);
    }

    @Test
    void insecureModeAcceptsAnyCertificateWhenNamed() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, TestCertificate.selfSigned(),
                SmtpScripts::politeSession)) {
            SmtpTransport t = new SmtpTransport();
            t.initNew(null, new RecordingCallback());
            t.connect(toLoopback(Security.IMPLICIT_TLS).port(server.port())
                    .tls(TlsSettings.insecureAcceptAnyCertificate()).build(), false, false).get(5, TimeUnit.SECONDS);
            assertThat(t.disconnect().get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ACKNOWLEDGED);
        }
    }

    @Test
    void theUserMayAcceptAFailedCertificateThroughOnPrompt() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, TestCertificate.selfSigned(),
                SmtpScripts::politeSession)) {
            SmtpTransport t = new SmtpTransport();
            RecordingCallback cb = new RecordingCallback() {
                @Override
                public PromptAnswer onPrompt(IxpCode reason, String text, String caption, PromptType type,
                                             InternetTransport<?> transport) {
                    commands.add("prompt " + reason);
                    return PromptAnswer.YES;
                }
            };
            t.initNew(null, cb);
            t.connect(toLoopback(Security.IMPLICIT_TLS).port(server.port()).build(), false, false)
                    .get(5, TimeUnit.SECONDS);
            assertThat(cb.commands).contains("prompt IXP_E_INVALID_CERT_UNTRUSTED");
            t.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void startTlsRequiredButNotOfferedFailsBeforeAnyCredential() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            c.send("220 plain ESMTP");
            c.expect("EHLO");
            c.send("250-plain");
            c.send("250 AUTH PLAIN");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            SmtpTransport t = new SmtpTransport();
            t.initNew(null, new RecordingCallback());
            InetServer s = tls(server, Security.STARTTLS).userName("alice").password("pw-never-sent").build();
            assertThat(failureCode(t.connect(s, true, false))).isEqualTo(IxpCode.IXP_E_SMTP_NO_STARTTLS_SUPPORT);
            server.awaitConnectionsClosed(Duration.ofSeconds(2));
            assertThat(server.received()).noneMatch(l -> l.startsWith("AUTH"));
        }
    }

    @Test
    void startTlsRefusedWith454() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            c.send("220 x");
            c.expect("EHLO");
            c.send("250-x");
            c.send("250 STARTTLS");
            c.expect("STARTTLS");
            c.send("454 4.7.0 TLS not available due to temporary reason");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            SmtpTransport t = new SmtpTransport();
            t.initNew(null, new RecordingCallback());
            assertThat(failureCode(t.connect(tls(server, Security.STARTTLS).build(), false, false)))
                    .isEqualTo(IxpCode.IXP_E_SMTP_454_STARTTLS_FAILED);
        }
    }

    @Test
    void plaintextInjectedWithTheGoAheadIsRefused() throws Exception {
        injected(c -> {
            c.sendRaw("220 go ahead\r\n250-injected\r\n250 AUTH PLAIN\r\n");
            c.startTls();
        });
    }

    @Test
    void plaintextInjectedAfterTheGoAheadInALaterSegmentIsRefused() throws Exception {
        injected(c -> {
            c.send("220 go ahead");
            c.sleep(Duration.ofMillis(50));
            c.startTlsAfterInjecting("250 AUTH PLAIN\r\n");
        });
    }

    private static void injected(java.util.function.Consumer<Conversation> goAhead) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, c -> {
            c.send("220 x");
            c.expect("EHLO");
            c.send("250-x");
            c.send("250 STARTTLS");
            c.expect("STARTTLS");
            goAhead.accept(c);
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            SmtpTransport t = new SmtpTransport();
            RecordingCallback cb = new RecordingCallback();
            t.initNew(null, cb);
            assertThat(failureCode(t.connect(tls(server, Security.STARTTLS).build(), false, true)))
                    .isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
            cb.awaitStatus(IxpStatus.DISCONNECTED, Duration.ofSeconds(5));
            assertThat(cb.commands).noneMatch(l -> l.contains("injected") && l.startsWith("<"));
        }
    }
}
