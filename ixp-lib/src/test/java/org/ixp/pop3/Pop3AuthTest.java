package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.pop3.Pop3Fixture.failureCode;
import static org.ixp.pop3.Pop3Fixture.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.LogonDecision;
import org.ixp.Secret;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Mode;
import org.ixp.testkit.Pop3Maildrop;
import org.ixp.testkit.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logon (SASL, APOP, USER/PASS), AUTHRETRY, the TLS rules, STLS injection, RESP-CODES and redaction. */
class Pop3AuthTest {

    /** A server offering USER only, in the clear; accepts alice/right-pw. */
    private static void userOnly(Conversation c) {
        c.send("+OK ready");
        c.expect("CAPA");
        c.sendRaw("+OK\r\nUSER\r\nUIDL\r\n.\r\n");
        while (true) {
            String line = c.readLine();
            if (line == null) {
                return;
            }
            if (line.equals("USER alice")) {
                c.send("+OK");
                String pass = c.readLine();
                c.send("PASS right-pw".equals(pass) ? "+OK locked" : "-ERR [AUTH] wrong password");
            } else if (line.equals("QUIT")) {
                c.send("+OK bye");
                return;
            } else {
                c.send("-ERR unexpected");
            }
        }
    }

    @Test
    void aRejectedPasswordAsksOnLogonPromptThenRetries() throws Exception {
        AtomicInteger prompts = new AtomicInteger();
        Pop3Recorder cb = new Pop3Recorder() {
            @Override
            public LogonDecision onLogonPrompt(InetServer server, InternetTransport<?> transport) {
                prompts.incrementAndGet();
                return LogonDecision.retry("alice", Secret.of("right-pw"));
            }
        };
        try (Pop3Fixture f = new Pop3Fixture(Mode.PLAIN, Pop3AuthTest::userOnly, cb)) {
            InetServer s = f.plain().userName("alice").password("wrong-pw").allowPlaintextAuth(true).build();
            f.transport.connect(s, true, true).get(5, TimeUnit.SECONDS);
            assertThat(prompts).hasValue(1);
            assertThat(f.transport.pop3State()).isEqualTo(Pop3State.TRANSACTION);
            get(f.transport.disconnect());
            f.endedOnce();
            assertThat(cb.statuses).containsSubsequence(IxpStatus.AUTHORIZING, IxpStatus.AUTHRETRY,
                    IxpStatus.AUTHORIZING, IxpStatus.AUTHORIZED, IxpStatus.CONNECTED);
            assertThat(cb.of(Pop3Command.PASS)).extracting(r -> r.result().code())
                    .containsExactly(IxpCode.IXP_E_POP3_INVALID_PASSWORD, IxpCode.S_OK);
        }
    }

    @Test
    void cancellingThePromptFailsWithTheRejection() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Pop3AuthTest::userOnly)) {
            InetServer s = f.plain().userName("alice").password("wrong-pw").allowPlaintextAuth(true).build();
            assertThat(failureCode(f.transport.connect(s, true, true))).isEqualTo(IxpCode.IXP_E_POP3_INVALID_PASSWORD);
            f.endedOnce();
            assertThat(f.callback.errors).singleElement().satisfies(e ->
                    assertThat(e.response()).isEqualTo("-ERR [AUTH] wrong password"));
        }
    }

    @Test
    void passwordsAreNotSentInTheClearUnlessAllowed() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Pop3AuthTest::userOnly)) {
            InetServer s = f.plain().userName("alice").password("right-pw").build();
            assertThat(failureCode(f.transport.connect(s, true, true)))
                    .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
            f.endedOnce();
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("USER") || l.startsWith("PASS"));
        }
        try (Pop3Fixture f = new Pop3Fixture(Pop3AuthTest::userOnly)) {
            f.transport.connect(f.plain().build(), false, true).get(5, TimeUnit.SECONDS);
            get(f.transport.commandUSER("alice"));
            assertThat(Pop3Fixture.thrownCode(() -> f.transport.commandPASS("right-pw")))
                    .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
            assertThat(Pop3Fixture.thrownCode(() -> f.transport.commandAUTH("PLAIN")))
                    .isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
            get(f.transport.disconnect());
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("PASS") || l.startsWith("AUTH"));
        }
    }

    @Test
    void apopIsUsedInTheClearBecauseItRevealsNoPassword() throws Exception {
        Pop3Maildrop drop = new Pop3Maildrop().stls(false).apop(true).addMany("m", 1);
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            f.transport.connect(f.plain().build(), true, true).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.pop3State()).isEqualTo(Pop3State.TRANSACTION);
            assertThat(f.server.received()).anySatisfy(l -> assertThat(l).startsWith("APOP alice "))
                    .noneMatch(l -> l.startsWith("PASS") || l.startsWith("AUTH"));
            get(f.transport.disconnect());
            f.endedOnce();
            assertThat(f.callback.commands).contains("> APOP alice ****");
        }
        assertThat(Pop3Connect.apopDigest("<1896.697170952@dbc.mtview.ca.us>", Secret.of("tanstaaf")))
                .isEqualTo("c4c9334bac560ecc979e58001b3e22fb"); // RFC 1939 §7's example
    }

    @Test
    void theUsersMethodListIsObeyed() throws Exception {
        Pop3Maildrop drop = new Pop3Maildrop().apop(true).addMany("m", 1);
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            f.transport.connect(f.secure().saslMechanisms(List.of("USER")).build(), true, true)
                    .get(5, TimeUnit.SECONDS);
            get(f.transport.disconnect());
            assertThat(f.server.received()).contains("USER alice").noneMatch(l -> l.startsWith("APOP"));
        }
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            f.transport.connect(f.secure().saslMechanisms(List.of("SCRAM-SHA-256")).build(), true, true)
                    .handle((v, e) -> null).get(5, TimeUnit.SECONDS);
            f.endedOnce();
            assertThat(f.callback.errors).singleElement().satisfies(e ->
                    assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NO_AUTH_MECHANISM));
        }
    }

    @Test
    void withoutCapaUserPassIsTheFallback() throws Exception {
        Pop3Maildrop drop = new Pop3Maildrop().stls(false).capa(false).addMany("m", 2);
        try (Pop3Fixture f = new Pop3Fixture(drop)) {
            f.transport.connect(f.plain().allowPlaintextAuth(true).build(), true, true).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.pop3Capabilities().known()).isFalse();
            get(f.transport.commandSTAT());
            assertThat(get(f.transport.commandUIDL(Pop3CmdType.GET_ALL, 0))).hasSize(2);
            get(f.transport.disconnect());
            assertThat(f.server.received()).contains("CAPA", "USER alice");
        }
    }

    @Test
    void inUseIsNotACredentialProblemSoNoPrompt() throws Exception {
        AtomicInteger prompts = new AtomicInteger();
        Pop3Recorder cb = new Pop3Recorder() {
            @Override
            public LogonDecision onLogonPrompt(InetServer server, InternetTransport<?> transport) {
                prompts.incrementAndGet();
                return LogonDecision.retry("alice", Secret.of("x"));
            }
        };
        try (Pop3Fixture f = new Pop3Fixture(Mode.PLAIN, c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.sendRaw("+OK\r\nUSER\r\nRESP-CODES\r\n.\r\n");
            c.expect("USER");
            c.send("+OK");
            c.expect("PASS");
            c.send("-ERR [IN-USE] maildrop locked by another session");
            c.awaitClientClose(Duration.ofSeconds(5));
        }, cb)) {
            InetServer s = f.plain().allowPlaintextAuth(true).build();
            assertThat(failureCode(f.transport.connect(s, true, true))).isEqualTo(IxpCode.IXP_E_POP3_IN_USE);
            f.endedOnce();
            assertThat(prompts).hasValue(0);
            assertThat(cb.errors).singleElement().satisfies(e -> {
                assertThat(e.response()).isEqualTo("-ERR [IN-USE] maildrop locked by another session");
                assertThat(e.problem()).contains("in use");
            });
        }
    }

    @Test
    void aRefusingGreetingFailsTheConnect() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> c.send("-ERR too many connections"))) {
            assertThat(failureCode(f.transport.connect(f.secure().build(), true, true)))
                    .isEqualTo(IxpCode.IXP_E_GREETING_REFUSED);
            f.endedOnce();
            assertThat(f.callback.of(Pop3Command.BANNER)).singleElement().satisfies(r ->
                    assertThat(r.result().code()).isEqualTo(IxpCode.IXP_E_GREETING_REFUSED));
        }
    }

    @Test
    void aLongInitialResponseWaitsForTheFirstChallengeAndUtf8IsSaidWhenOffered() throws Exception {
        String token = "t".repeat(300);
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.sendRaw("+OK\r\nSASL OAUTHBEARER\r\nUTF8\r\n.\r\n");
            c.expect("UTF8");
            c.send("+OK UTF8 enabled");
            c.expect("AUTH OAUTHBEARER");
            c.send("+ ");
            String ir = new String(Base64.getDecoder().decode(c.readLine()), StandardCharsets.UTF_8);
            c.send(ir.contains("auth=Bearer " + token) ? "+OK" : "-ERR [AUTH] bad token");
            c.expect("QUIT");
            c.send("+OK");
        })) {
            InetServer s = f.plain().password((String) null).oauthToken(() -> token).allowPlaintextAuth(true).build();
            f.transport.connect(s, true, true).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.pop3State()).isEqualTo(Pop3State.TRANSACTION);
            get(f.transport.disconnect());
            f.endedOnce();
            assertThat(f.server.received()).contains("UTF8", "AUTH OAUTHBEARER");
            assertThat(f.callback.commands).contains("> AUTH OAUTHBEARER", "> ****").noneMatch(l -> l.contains(token));
            assertThat(f.callback.commandsSeen()).contains(Pop3Command.UTF8);
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    // ------------------------------------------------------------------ TLS

    @Test
    void stlsRequiredButNotOfferedFailsBeforeAnyCredential() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Pop3AuthTest::userOnly)) {
            InetServer s = f.secure().userName("alice").password("right-pw").build();
            assertThat(failureCode(f.transport.connect(s, true, true)))
                    .isEqualTo(IxpCode.IXP_E_STARTTLS_NOT_OFFERED);
            f.endedOnce();
            assertThat(f.server.received()).containsExactly("CAPA");
        }
    }

    @Test
    void withoutCapaStlsIsTriedAndItsRefusalIsNotOffered() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.send("-ERR what?");
            c.expect("STLS");
            c.send("-ERR what?");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            assertThat(failureCode(f.transport.connect(f.secure().build(), true, true)))
                    .isEqualTo(IxpCode.IXP_E_STARTTLS_NOT_OFFERED);
            assertThat(f.server.received()).containsExactly("CAPA", "STLS");
        }
    }

    @Test
    void plaintextInjectedWithTheStlsGoAheadIsRefused() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.sendRaw("+OK\r\nSTLS\r\n.\r\n");
            c.expect("STLS");
            c.startTlsAfterInjecting("+OK begin TLS\r\n+OK injected\r\n");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            assertThat(failureCode(f.transport.connect(f.secure().build(), true, true)))
                    .isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
            f.endedOnce();
            assertThat(f.server.received()).containsExactly("CAPA", "STLS");
        }
    }

    @Test
    void plaintextInjectedInALaterSegmentIsRefusedToo() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(c -> {
            c.send("+OK ready");
            c.expect("CAPA");
            c.sendRaw("+OK\r\nSTLS\r\n.\r\n");
            c.expect("STLS");
            c.send("+OK begin TLS");
            c.sleep(Duration.ofMillis(50));
            c.startTlsAfterInjecting("+OK injected\r\n");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            assertThat(failureCode(f.transport.connect(f.secure().build(), true, true)))
                    .isIn(IxpCode.IXP_E_PROTOCOL_ERROR);
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("AUTH") || l.startsWith("USER"));
        }
    }

    @Test
    void implicitTlsUsesNoStls() throws Exception {
        Pop3Maildrop drop = new Pop3Maildrop().stls(false).addMany("m", 1);
        try (Pop3Fixture f = new Pop3Fixture(Mode.IMPLICIT_TLS, drop, new Pop3Recorder())) {
            InetServer s = f.secure().security(Security.IMPLICIT_TLS)
                    .tls(TlsSettings.trusting(TestCertificate.caPemFile())).build();
            f.transport.connect(s, true, true).get(5, TimeUnit.SECONDS);
            get(f.transport.commandSTAT());
            get(f.transport.disconnect());
            f.endedOnce();
            assertThat(f.server.received()).doesNotContain("STLS");
            assertThat(f.callback.statusSnapshot()).containsSubsequence(IxpStatus.SECURING, IxpStatus.CONNECTED,
                    IxpStatus.AUTHORIZING);
        }
    }

    // ------------------------------------------------------------------ redaction

    private static final String SECRET = "Tr0ub4dor&3-pop";

    private static List<String> forbidden(String user) {
        List<String> f = new ArrayList<>();
        f.add(SECRET);
        f.add(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        f.add(Base64.getEncoder().encodeToString(("\0" + user + "\0" + SECRET).getBytes(StandardCharsets.UTF_8)));
        return f;
    }

    @Test
    void passAndAuthAreRedactedInTheLogFileAndOnCommand(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("pop3.log");
        for (boolean sasl : new boolean[] {false, true}) {
            try (Pop3Fixture f = new Pop3Fixture(c -> {
                c.send("+OK ready");
                c.expect("CAPA");
                c.sendRaw(sasl ? "+OK\r\nSASL PLAIN\r\n.\r\n" : "+OK\r\nUSER\r\n.\r\n");
                if (sasl) {
                    c.expect("AUTH PLAIN ");
                } else {
                    c.expect("USER bob");
                    c.send("+OK");
                    c.expect("PASS ");
                }
                c.send("+OK");
                c.expect("QUIT");
                c.send("+OK");
            })) {
                Pop3Transport t = f.transport;
                t.initNew(log, f.callback);
                InetServer s = f.plain().userName("bob").password(SECRET).allowPlaintextAuth(true).build();
                t.connect(s, true, true).get(5, TimeUnit.SECONDS);
                assertThat(t.isState(IsState.AUTHENTICATED)).isTrue();
                get(t.disconnect());
                f.endedOnce();
                Thread.sleep(200); // the log writer is asynchronous
                String file = Files.readString(log);
                assertThat(file).contains(sasl ? " > AUTH PLAIN ****" : " > PASS ****");
                assertThat(f.callback.commands).contains(sasl ? "> AUTH PLAIN ****" : "> PASS ****");
                String everything = file + f.callback.commands + f.callback.errors + f.callback.pop3 + t + s
                        + t.getServerInfo();
                for (String secret : forbidden("bob")) {
                    assertThat(everything).doesNotContain(secret);
                }
            }
        }
    }
}
