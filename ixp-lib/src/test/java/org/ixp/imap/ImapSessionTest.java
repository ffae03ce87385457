package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.ImapFixture.failure;
import static org.ixp.imap.ImapFixture.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.Security;
import org.ixp.testkit.Mode;
import org.junit.jupiter.api.Test;

/** Connect flows against a scripted server: greeting, capabilities, STARTTLS, logon, ENABLE. */
class ImapSessionTest {

    @Test
    void greetingCapabilityLoginAndCapabilitiesFromTheOk() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            ImapFixture.logout(c, "a3");
        })) {
            f.connect(f.alice().build(), true);
            assertThat(f.transport.getGreeting()).isEqualTo("* OK scripted IMAP ready");
            assertThat(f.transport.getCapabilities()).containsExactly("IMAP4rev1", "IDLE", "UIDPLUS", "MOVE");
            assertThat(f.transport.capability()).isEqualTo(ImapTransport.IMAP_CAPABILITY_IMAP4REV1
                    | ImapTransport.IMAP_CAPABILITY_IDLE);
            f.callback.awaitSubsequence(java.time.Duration.ofSeconds(5), IxpStatus.AUTHORIZING,
                    IxpStatus.AUTHORIZED, IxpStatus.CONNECTED);
            get(f.transport.disconnect());
            f.callback.drain();
            assertThat(f.callback.commands).anyMatch(l -> l.contains("a2 LOGIN alice ****"));
            assertThat(f.callback.commands).noneMatch(l -> l.contains("s3cret"));
        }
    }

    @Test
    void preauthSkipsTheLogon() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* PREAUTH [CAPABILITY IMAP4rev1] welcome back");
            ImapFixture.logout(c, "a1");
        })) {
            f.connect(f.alice().build(), true);
            assertThat(f.transport.isState(org.ixp.IsState.AUTHENTICATED)).isTrue();
            get(f.transport.disconnect());
            assertThat(f.server.received()).containsExactly("a1 LOGOUT");
        }
    }

    @Test
    void byeGreetingIsRefused() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> c.send("* BYE too busy"))) {
            IxpException e = failure(f.transport.connect(f.alice().build(), true, true));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_GREETING_REFUSED);
            assertThat(e.getMessage()).contains("too busy");
        }
    }

    @Test
    void startTlsRequiredButNotOfferedSendsNoCredential() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greet(c);
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            IxpException e = failure(f.transport.connect(f.tls(Security.STARTTLS).userName("alice")
                    .password("x").build(), true, true));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_STARTTLS_NOT_OFFERED);
            f.server.awaitConnectionsClosed(Duration.ofSeconds(2));
            assertThat(f.server.received()).isEmpty();
        }
    }

    @Test
    void startTlsThenCapabilityAgainThenLoginOverTls() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready");
            c.expect("a1 STARTTLS");
            c.send("a1 OK begin TLS");
            c.startTls();
            c.expect("a2 CAPABILITY");
            c.send("* CAPABILITY IMAP4rev1");
            c.send("a2 OK done");
            c.expect("a3 LOGIN alice \"s3cret pass\"");
            c.send("a3 OK logged in");
            c.expect("a4 CAPABILITY");
            c.send("* CAPABILITY IMAP4rev1");
            c.send("a4 OK done");
            ImapFixture.logout(c, "a5");
        })) {
            f.connect(f.tls(Security.STARTTLS).userName("alice").password("s3cret pass").build(), true);
            assertThat(f.transport.getCapabilities()).containsExactly("IMAP4rev1");
            get(f.transport.disconnect());
        }
    }

    @Test
    void startTlsRefusedIsNotOffered() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready");
            c.expect("a1 STARTTLS");
            c.send("a1 NO not today");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            IxpException e = failure(f.transport.connect(f.tls(Security.STARTTLS).build(), false, true));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_STARTTLS_NOT_OFFERED);
        }
    }

    @Test
    void plaintextInjectedBeforeTheHandshakeIsRefused() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready");
            c.expect("a1 STARTTLS");
            c.startTlsAfterInjecting("a1 OK begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n");
        })) {
            IxpException e = failure(f.transport.connect(f.tls(Security.STARTTLS).userName("alice")
                    .password("never-sent").build(), true, true));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
            f.server.awaitConnectionsClosed(Duration.ofSeconds(2));
            assertThat(f.server.received()).noneMatch(l -> l.contains("LOGIN") || l.contains("AUTHENTICATE"));
        }
    }

    @Test
    void implicitTls() throws Exception {
        try (ImapFixture f = new ImapFixture(Mode.IMPLICIT_TLS, c -> {
            ImapFixture.greetAndLogin(c);
            ImapFixture.logout(c, "a3");
        })) {
            f.connect(f.tls(Security.IMPLICIT_TLS).userName("alice").password("s3cret pass").build(), true);
            get(f.transport.disconnect());
        }
    }

    @Test
    void loginRefusedOnPlaintextUnlessAllowed() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1] ready");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            IxpException e = failure(f.transport.connect(f.plain().userName("alice").password("pw").build(), true,
                    true));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
            assertThat(f.server.received()).isEmpty();
        }
    }

    @Test
    void loginDisabledWithoutMechanismFails() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] ready");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            IxpException e = failure(f.transport.connect(f.alice().build(), true, true));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM);
            assertThat(f.server.received()).noneMatch(l -> l.contains("LOGIN"));
        }
    }

    @Test
    void authenticatePlainWithSaslIrIsRedacted() throws Exception {
        String ir = java.util.Base64.getEncoder().encodeToString("\0alice\0s3cret pass".getBytes(
                StandardCharsets.UTF_8));
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN LOGINDISABLED] ready");
            c.expect("a1 AUTHENTICATE PLAIN " + ir);
            c.send("a1 OK [CAPABILITY IMAP4rev1] welcome");
            ImapFixture.logout(c, "a2");
        })) {
            f.connect(f.alice().build(), true);
            get(f.transport.disconnect());
            f.callback.drain();
            assertThat(f.callback.commands).anyMatch(l -> l.contains("a1 AUTHENTICATE PLAIN ****"));
            assertThat(f.callback.commands).noneMatch(l -> l.contains(ir));
        }
    }

    @Test
    void authenticateWithoutSaslIrAnswersTheFirstContinuation() throws Exception {
        String ir = java.util.Base64.getEncoder().encodeToString("\0alice\0s3cret pass".getBytes(
                StandardCharsets.UTF_8));
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready");
            c.expect("a1 AUTHENTICATE PLAIN");
            c.send("+ ");
            c.expect(ir);
            c.send("a1 OK done");
            c.expect("a2 CAPABILITY");
            c.send("* CAPABILITY IMAP4rev1");
            c.send("a2 OK done");
            ImapFixture.logout(c, "a3");
        })) {
            f.connect(f.alice().build(), true);
            get(f.transport.disconnect());
            assertThat(f.callback.commands).noneMatch(l -> l.contains(ir));
        }
    }

    @Test
    void rejectedLogonAsksAgainAndRetries() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1] ready");
            c.expect("a1 LOGIN alice wrong");
            c.send("a1 NO [AUTHENTICATIONFAILED] bad password");
            c.expect("a2 LOGIN alice right");
            c.send("a2 OK [CAPABILITY IMAP4rev1] in");
            ImapFixture.logout(c, "a3");
        })) {
            f.callback.logon = s -> org.ixp.LogonDecision.retry("alice", org.ixp.Secret.of("right"));
            f.connect(f.plain().userName("alice").password("wrong").allowPlaintextAuth(true).build(), true);
            f.callback.awaitStatus(IxpStatus.AUTHRETRY, java.time.Duration.ofSeconds(5));
            get(f.transport.disconnect());
        }
    }

    @Test
    void literalCredentialsWaitForTheContinuation() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1] ready");
            c.expect("a1 LOGIN alice {7}");
            c.send("+ go");
            c.expect("pässwd");
            c.send("a1 OK [CAPABILITY IMAP4rev1] in");
            ImapFixture.logout(c, "a2");
        })) {
            f.connect(f.plain().userName("alice").password("pässwd").allowPlaintextAuth(true).build(), true);
            get(f.transport.disconnect());
            assertThat(f.callback.commands).noneMatch(l -> l.contains("pässwd"));
        }
    }

    @Test
    void enableUtf8AndCondstoreAfterLogon() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT CONDSTORE] ready");
            c.expect("a1 LOGIN alice");
            c.send("a1 OK [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT CONDSTORE] in");
            c.expect("a2 ENABLE UTF8=ACCEPT CONDSTORE");
            c.send("* ENABLED UTF8=ACCEPT CONDSTORE");
            c.send("a2 OK enabled");
            c.expect("a3 CREATE \"Entwürfe\"");
            c.send("a3 OK created");
            ImapFixture.logout(c, "a4");
        })) {
            f.connect(f.alice().build(), true);
            get(f.transport.create("Entwürfe"));
            get(f.transport.disconnect());
        }
    }

    @Test
    void compressDeflateAfterLogonWhenAllowed() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] ready");
            c.expect("a1 LOGIN alice");
            c.send("a1 OK [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] in");
            c.expect("a2 COMPRESS DEFLATE");
            c.send("a2 NO not now");
            ImapFixture.logout(c, "a3");
        })) {
            f.connect(f.alice().compression(true).build(), true);
            get(f.transport.disconnect());
        }
    }

    @Test
    void noCommandBeforeConnect() {
        ImapTransport t = new ImapTransport();
        t.initNew(null, new ImapRecorder(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.noop())
                .isInstanceOf(IxpException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(t::capability)
                .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_IMPROPER_SVRSTATE);
    }
}
