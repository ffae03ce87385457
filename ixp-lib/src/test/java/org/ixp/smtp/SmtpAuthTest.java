package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.smtp.Fixture.failureCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.LogonDecision;
import org.ixp.RecordingCallback;
import org.ixp.Secret;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Mode;
import org.junit.jupiter.api.Test;

/** Logon through the shared AUTHORIZING ⇄ AUTHRETRY machine, with SMTP AUTH on the scripted server. */
class SmtpAuthTest {

    private static String plain(String user, String pw) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + pw).getBytes(StandardCharsets.UTF_8));
    }

    private static void ehloWith(Conversation c, String mechanisms) {
        c.send("220 auth.test ESMTP");
        c.expect("EHLO");
        c.send("250-auth.test");
        c.send("250 AUTH " + mechanisms);
    }

    /** Accepts only alice / right-pw over AUTH PLAIN; anything else 535; then QUIT. */
    private static void plainServer(Conversation c) {
        ehloWith(c, "PLAIN");
        while (true) {
            String line = c.readLine();
            if (line == null) {
                return;
            }
            if (line.startsWith("AUTH PLAIN ")) {
                boolean ok = line.substring(11).equals(plain("alice", "right-pw"));
                c.send(ok ? "235 2.7.0 ok" : "535 5.7.8 bad credentials");
            } else if (line.equals("QUIT")) {
                c.send("221 bye");
                return;
            } else {
                c.send("500 unexpected");
            }
        }
    }

    private static InetServer creds(Fixture f, String pw) {
        return f.settings().userName("alice").password(pw).allowPlaintextAuth(true).build();
    }

    @Test
    void successfulLogonReportsAuthorizingAuthorizedConnected() throws Exception {
        try (Fixture f = new Fixture(SmtpAuthTest::plainServer)) {
            f.transport.connect(creds(f, "right-pw"), true, false).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).isTrue();
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            f.endedOnce();
            assertThat(f.callback.statuses).containsSubsequence(IxpStatus.CONNECTED, IxpStatus.AUTHORIZING,
                    IxpStatus.AUTHORIZED, IxpStatus.CONNECTED, IxpStatus.DISCONNECTING);
            assertThat(f.callback.responses).anySatisfy(r -> assertThat(r.command()).isEqualTo(SmtpCommand.CONNECTED));
        }
    }

    @Test
    void aRejectedLogonAsksForNewCredentialsAndRetries() throws Exception {
        AtomicInteger prompts = new AtomicInteger();
        RecordingCallback cb = new RecordingCallback() {
            @Override
            public LogonDecision onLogonPrompt(InetServer server, InternetTransport<?> transport) {
                prompts.incrementAndGet();
                assertThat(server.userName()).isEqualTo("alice");
                return LogonDecision.retry("alice", Secret.of("right-pw"));
            }
        };
        try (Fixture f = new Fixture(Mode.PLAIN, SmtpAuthTest::plainServer, cb)) {
            f.transport.connect(creds(f, "wrong-pw"), true, false).get(5, TimeUnit.SECONDS);
            assertThat(prompts).hasValue(1);
            f.callback.awaitSubsequence(Fixture.WAIT, IxpStatus.AUTHORIZING, IxpStatus.AUTHRETRY,
                    IxpStatus.AUTHORIZING, IxpStatus.AUTHORIZED, IxpStatus.CONNECTED);
            assertThat(f.transport.getServerInfo().password()).isEqualTo(Secret.of("right-pw"));
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            f.endedOnce();
        }
    }

    @Test
    void cancellingTheLogonPromptFailsWithTheServersRejection() throws Exception {
        try (Fixture f = new Fixture(SmtpAuthTest::plainServer)) {
            var connect = f.transport.connect(creds(f, "wrong-pw"), true, false);
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_AUTH_FAILED);
            f.endedOnce();
            assertThat(f.callback.errors).singleElement().satisfies(e -> {
                assertThat(e.response()).contains("535 5.7.8 bad credentials");
                assertThat(e.serverError()).isEqualTo(535);
            });
        }
    }

    @Test
    void missingCredentialsAskThePromptFirst() throws Exception {
        try (Fixture f = new Fixture(SmtpAuthTest::plainServer)) {
            var connect = f.transport.connect(f.settings().allowPlaintextAuth(true).build(), true, false);
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_USER_CANCEL);
            f.endedOnce();
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("AUTH"));
        }
    }

    @Test
    void aPasswordIsNotSentInTheClearUnlessAllowed() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehloWith(c, "PLAIN LOGIN");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            InetServer s = f.settings().userName("alice").password("right-pw").build();
            assertThat(failureCode(f.transport.connect(s, true, false)))
                    .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
            f.endedOnce();
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("AUTH"));
        }
    }

    @Test
    void cramMd5NeedsNoTlsBecauseItRevealsNoPassword() throws Exception {
        try (Fixture f = new Fixture(c -> {
            ehloWith(c, "PLAIN CRAM-MD5");
            c.expect("AUTH CRAM-MD5");
            c.send("334 " + Base64.getEncoder().encodeToString("<1.2@auth.test>".getBytes(StandardCharsets.US_ASCII)));
            String answer = new String(Base64.getDecoder().decode(c.readLine()), StandardCharsets.US_ASCII);
            c.send(answer.startsWith("alice ") && answer.length() == 6 + 32 ? "235 ok" : "535 no");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            InetServer s = f.settings().userName("alice").password("right-pw").build();
            f.transport.connect(s, true, false).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).isTrue();
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
        }
    }
}
