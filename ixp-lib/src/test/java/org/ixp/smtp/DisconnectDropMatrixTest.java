package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.smtp.Fixture.failureCode;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult;
import org.ixp.DisconnectResult.Ending;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.RecordingCallback;
import org.ixp.Security;
import org.ixp.testkit.Mode;
import org.junit.jupiter.api.Test;

/**
 * The founding page, case by case: Disconnect sends the goodbye and lets the server clean up; DropConnection
 * sends nothing and ends at once. Every case ends DISCONNECTED exactly once with every future completed.
 */
class DisconnectDropMatrixTest {

    // ------------------------------------------------------------ preconditions

    @Test
    void disconnectBeforeInitNewIsNotInit() {
        SmtpTransport t = new SmtpTransport();
        assertThatThrownBy(t::disconnect).isInstanceOfSatisfying(IxpException.class,
                e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NOT_INIT));
    }

    @Test
    void dropBeforeInitNewIsNotInit() {
        SmtpTransport t = new SmtpTransport();
        assertThatThrownBy(t::dropConnection).isInstanceOfSatisfying(IxpException.class,
                e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NOT_INIT));
    }

    @Test
    void disconnectWhenNeverConnectedIsNotConnected() {
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new RecordingCallback());
        assertThatThrownBy(t::disconnect).isInstanceOfSatisfying(IxpException.class,
                e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NOT_CONNECTED));
    }

    @Test
    void dropWhenNeverConnectedSucceeds() throws Exception {
        SmtpTransport t = new SmtpTransport();
        t.initNew(null, new RecordingCallback());
        t.dropConnection().get(1, TimeUnit.SECONDS);
        assertThat(t.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
    }

    @Test
    void afterDisconnectDisconnectIsNotConnectedAndDropSucceeds() throws Exception {
        try (Fixture f = new Fixture(SmtpScripts::politeSession)) {
            f.connected();
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            f.endedOnce();
            assertThatThrownBy(f.transport::disconnect).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NOT_CONNECTED));
            f.transport.dropConnection().get(1, TimeUnit.SECONDS);
            f.endedOnce();
        }
    }

    // ------------------------------------------------------------ idle

    @Test
    void idleDisconnectSendsQuitAndTheServerAcknowledges() throws Exception {
        try (Fixture f = new Fixture(SmtpScripts::politeSession)) {
            f.connected();
            DisconnectResult r = f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            f.endedOnce();
            assertThat(f.callback.statuses).containsSubsequence(IxpStatus.DISCONNECTING, IxpStatus.DISCONNECTED);
            assertThat(f.server.received()).contains("QUIT");
        }
    }

    @Test
    void idleDropSendsNothingAndClosesAtOnce() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            long t0 = System.nanoTime();
            f.transport.dropConnection().get(5, TimeUnit.SECONDS);
            assertThat(f.server.awaitConnectionsClosed(Duration.ofSeconds(2))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            f.endedOnce();
            assertThat(f.callback.statuses).doesNotContain(IxpStatus.DISCONNECTING);
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("QUIT"));
        }
    }

    // ------------------------------------------------------------ mid-command

    @Test
    void disconnectMidCommandLetsTheCommandFinishThenQuits() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("RSET");
            c.sleep(Duration.ofMillis(300));
            c.send("250 2.0.0 reset");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            CompletableFuture<SmtpReply> rset = f.transport.commandRSET();
            f.server.awaitReceived(l -> l.equals("RSET"), Duration.ofSeconds(2));
            DisconnectResult r = f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(rset.get(1, TimeUnit.SECONDS).code()).isEqualTo(250);
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            assertThat(f.server.received()).containsSubsequence("RSET", "QUIT");
            f.endedOnce();
        }
    }

    @Test
    void dropMidCommandFailsTheCommandWithConnectionDropped() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("RSET");
            c.silence(Duration.ofSeconds(5));
        })) {
            f.connected();
            CompletableFuture<SmtpReply> rset = f.transport.commandRSET();
            f.server.awaitReceived(l -> l.equals("RSET"), Duration.ofSeconds(2));
            f.transport.dropConnection();
            assertThat(failureCode(rset)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
        }
    }

    @Test
    void queuedCommandsFailWithUserCancelOnDisconnect() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("NOOP");
            c.sleep(Duration.ofMillis(200));
            c.send("250 ok");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.connected();
            CompletableFuture<SmtpReply> first = f.transport.raw(ProbeTransport.line("NOOP", true));
            CompletableFuture<SmtpReply> queued = f.transport.raw(ProbeTransport.line("RSET", true));
            f.server.awaitReceived(l -> l.equals("NOOP"), Duration.ofSeconds(2));
            DisconnectResult r = f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(first.get(1, TimeUnit.SECONDS).code()).isEqualTo(250);
            assertThat(failureCode(queued)).isEqualTo(IxpCode.IXP_E_USER_CANCEL);
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            assertThat(f.server.received()).doesNotContain("RSET");
            f.endedOnce();
        }
    }

    // ------------------------------------------------------------ mid multi-line response

    @Test
    void dropMidMultiLineResponse() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("NOOP");
            c.send("250-first part");
            c.silence(Duration.ofSeconds(5));
        })) {
            f.connected();
            CompletableFuture<SmtpReply> noop = f.transport.commandNOOP();
            f.server.awaitReceived(l -> l.equals("NOOP"), Duration.ofSeconds(2));
            Fixture.sleepQuietly(100);
            f.transport.dropConnection();
            assertThat(failureCode(noop)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
        }
    }

    @Test
    void disconnectMidMultiLineResponseIsBoundedByTheGoodbyeTimeout() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("NOOP");
            c.send("250-first part");
            c.silence(Duration.ofSeconds(5));
        })) {
            f.connected();
            CompletableFuture<SmtpReply> noop = f.transport.commandNOOP();
            f.server.awaitReceived(l -> l.equals("NOOP"), Duration.ofSeconds(2));
            long t0 = System.nanoTime();
            DisconnectResult r = f.transport.disconnect().get(5, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(r.ending()).isEqualTo(Ending.NO_REPLY);
            assertThat(took).isLessThan(Fixture.GOODBYE.plusMillis(700));
            assertThat(failureCode(noop)).isEqualTo(IxpCode.IXP_E_TIMEOUT);
            f.endedOnce();
        }
    }

    // ------------------------------------------------------------ mid-write

    @Test
    void dropFromAnotherThreadWhileALargeWriteIsBlocked() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.stopReading(Duration.ofSeconds(5));
        })) {
            f.connected();
            CompletableFuture<SmtpReply> big = f.transport.raw(ProbeTransport.writing(new byte[32 * 1024 * 1024]));
            Fixture.sleepQuietly(200);
            Thread dropper = new Thread(() -> f.transport.dropConnection());
            long t0 = System.nanoTime();
            dropper.start();
            assertThat(failureCode(big)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            f.endedOnce();
        }
    }

    // ------------------------------------------------------------ during connect, TLS, auth

    @Test
    void dropBeforeTheGreetingFailsConnectWithConnectionDropped() throws Exception {
        try (Fixture f = new Fixture(c -> c.silence(Duration.ofSeconds(5)))) {
            CompletableFuture<Void> connect = f.connect();
            f.callback.awaitStatus(IxpStatus.CONNECTED, Fixture.WAIT);
            f.transport.dropConnection();
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
        }
    }

    @Test
    void disconnectBeforeTheGreetingAbandonsTheAttempt() throws Exception {
        try (Fixture f = new Fixture(c -> c.silence(Duration.ofSeconds(5)))) {
            CompletableFuture<Void> connect = f.connect();
            f.callback.awaitStatus(IxpStatus.CONNECTED, Fixture.WAIT);
            DisconnectResult r = f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(r.ending()).isEqualTo(Ending.ABANDONED);
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_USER_CANCEL);
            assertThat(f.server.awaitConnectionsClosed(Duration.ofSeconds(2))).isTrue();
            f.endedOnce();
        }
    }

    @Test
    void dropDuringTheTlsHandshake() throws Exception {
        try (Fixture f = new Fixture(c -> c.silence(Duration.ofSeconds(5)))) {
            CompletableFuture<Void> connect = f.transport.connect(
                    f.settings().security(Security.IMPLICIT_TLS).build(), false, false);
            f.callback.awaitStatus(IxpStatus.SECURING, Fixture.WAIT);
            f.transport.dropConnection();
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
        }
    }

    @Test
    void disconnectDuringTheTlsHandshakeAbandonsTheAttempt() throws Exception {
        try (Fixture f = new Fixture(c -> c.silence(Duration.ofSeconds(5)))) {
            CompletableFuture<Void> connect = f.transport.connect(
                    f.settings().security(Security.IMPLICIT_TLS).build(), false, false);
            f.callback.awaitStatus(IxpStatus.SECURING, Fixture.WAIT);
            assertThat(f.transport.disconnect().get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ABANDONED);
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_USER_CANCEL);
            f.endedOnce();
        }
    }

    private static InetServer withLogin(Fixture f) {
        return f.settings().userName("alice").password("s3cret-pw").allowPlaintextAuth(true).build();
    }

    private static void greetWithAuth(org.ixp.testkit.Conversation c) {
        c.send("220 test ESMTP");
        c.expect("EHLO");
        c.send("250-test");
        c.send("250 AUTH PLAIN");
        c.expect("AUTH PLAIN");
    }

    @Test
    void dropDuringAuthentication() throws Exception {
        try (Fixture f = new Fixture(c -> {
            greetWithAuth(c);
            c.silence(Duration.ofSeconds(5));
        })) {
            CompletableFuture<Void> connect = f.transport.connect(withLogin(f), true, false);
            f.callback.awaitStatus(IxpStatus.AUTHORIZING, Fixture.WAIT);
            f.server.awaitReceived(l -> l.startsWith("AUTH"), Duration.ofSeconds(2));
            f.transport.dropConnection();
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
        }
    }

    @Test
    void disconnectDuringAuthenticationAbandonsTheAttempt() throws Exception {
        try (Fixture f = new Fixture(c -> {
            greetWithAuth(c);
            c.silence(Duration.ofSeconds(5));
        })) {
            CompletableFuture<Void> connect = f.transport.connect(withLogin(f), true, false);
            f.server.awaitReceived(l -> l.startsWith("AUTH"), Duration.ofSeconds(2));
            assertThat(f.transport.disconnect().get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ABANDONED);
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_USER_CANCEL);
            f.endedOnce();
        }
    }

    // ------------------------------------------------------------ how the server takes the goodbye

    @Test
    void serverSilentOnQuitEndsWithinTheGoodbyeTimeout() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("QUIT");
            c.silence(Duration.ofSeconds(5));
        })) {
            f.connected();
            long t0 = System.nanoTime();
            DisconnectResult r = f.transport.disconnect().get(5, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(r.ending()).isEqualTo(Ending.NO_REPLY);
            assertThat(took).isBetween(Fixture.GOODBYE.minusMillis(100), Fixture.GOODBYE.plusMillis(700));
            f.endedOnce();
        }
    }

    @Test
    void serverClosingOnQuitWithoutReplyIsServerClosed() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("QUIT");
            c.close();
        })) {
            f.connected();
            DisconnectResult r = f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(r.ending()).isEqualTo(Ending.SERVER_CLOSED);
            assertThat(f.callback.errors).isEmpty();
            f.endedOnce();
        }
    }

    @Test
    void serverAnsweringQuitOddlyIsRefused() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("QUIT");
            c.send("500 what?");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            DisconnectResult r = f.transport.disconnect().get(5, TimeUnit.SECONDS);
            assertThat(r.ending()).isEqualTo(Ending.REFUSED);
            assertThat(r.response()).isEqualTo("500 what?");
            f.endedOnce();
        }
    }

    @Test
    void serverClosingFirstWhileIdleIsReportedOnceThroughOnError() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.sleep(Duration.ofMillis(100));
            c.close();
        })) {
            f.connected();
            f.endedOnce();
            assertThat(f.callback.errors).singleElement()
                    .satisfies(e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED));
            assertThatThrownBy(f.transport::disconnect).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NOT_CONNECTED));
        }
    }

    @Test
    void unsolicited421EndsTheSessionWithItsCode() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.sleep(Duration.ofMillis(100));
            c.send("421 4.3.2 shutting down");
            c.close();
        })) {
            f.connected();
            f.endedOnce();
            assertThat(f.callback.errors).first()
                    .satisfies(e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_SMTP_421_NOT_AVAILABLE))
                    .satisfies(e -> assertThat(e.response()).contains("shutting down"));
        }
    }

    // ------------------------------------------------------------ threads, callbacks, repetition

    @Test
    void disconnectFromInsideACallback() throws Exception {
        CompletableFuture<DisconnectResult> fromCallback = new CompletableFuture<>();
        RecordingCallback cb = new RecordingCallback() {
            @Override
            public void onResponse(SmtpResponse response, SmtpTransport transport) {
                super.onResponse(response, transport);
                if (response.command() == SmtpCommand.CONNECTED) {
                    transport.disconnect().whenComplete((r, e) -> {
                        if (e != null) {
                            fromCallback.completeExceptionally(e);
                        } else {
                            fromCallback.complete(r);
                        }
                    });
                }
            }
        };
        try (Fixture f = new Fixture(Mode.PLAIN, SmtpScripts::politeSession, cb)) {
            f.connected();
            assertThat(fromCallback.get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            f.endedOnce();
        }
    }

    @Test
    void dropFromInsideACallbackWhileConnecting() throws Exception {
        RecordingCallback cb = new RecordingCallback() {
            @Override
            public void onStatus(IxpStatus status, org.ixp.InternetTransport<?> transport) {
                super.onStatus(status, transport);
                if (status == IxpStatus.CONNECTED) {
                    transport.dropConnection().join(); // joining inside a callback must not deadlock
                }
            }
        };
        try (Fixture f = new Fixture(Mode.PLAIN, c -> c.silence(Duration.ofSeconds(5)), cb)) {
            assertThat(failureCode(f.connect())).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
        }
    }

    @Test
    void aSecondDisconnectJoinsTheFirst() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("QUIT");
            c.sleep(Duration.ofMillis(200));
            c.send("221 bye");
        })) {
            f.connected();
            CompletableFuture<DisconnectResult> first = f.transport.disconnect();
            CompletableFuture<DisconnectResult> second = f.transport.disconnect();
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(first.get(5, TimeUnit.SECONDS));
            assertThat(f.server.received().stream().filter("QUIT"::equals)).hasSize(1);
            f.endedOnce();
        }
    }

    @Test
    void dropTwiceEndsOnce() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            CompletableFuture<Void> a = f.transport.dropConnection();
            CompletableFuture<Void> b = f.transport.dropConnection();
            a.get(5, TimeUnit.SECONDS);
            b.get(5, TimeUnit.SECONDS);
            f.endedOnce();
        }
    }

    @Test
    void dropWhileDisconnectWaitsFailsTheDisconnectWithConnectionDropped() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("QUIT");
            c.silence(Duration.ofSeconds(5));
        })) {
            f.connected();
            CompletableFuture<DisconnectResult> d = f.transport.disconnect();
            f.server.awaitReceived("QUIT"::equals, Duration.ofSeconds(2));
            f.transport.dropConnection();
            assertThat(failureCode(d)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
        }
    }

    @Test
    void handsOffCallbackStopsEveryCallback() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connected();
            f.callback.awaitStatus(IxpStatus.CONNECTED, Fixture.WAIT);
            Fixture.sleepQuietly(50);
            assertThat(f.transport.handsOffCallback()).isTrue();
            int seen = f.callback.statuses.size();
            f.transport.dropConnection().get(5, TimeUnit.SECONDS);
            Fixture.sleepQuietly(100);
            assertThat(f.callback.statuses).hasSize(seen);
            assertThat(f.transport.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
            assertThat(f.transport.handsOffCallback()).isFalse();
        }
    }

    @Test
    void theTransportConnectsAgainAfterADisconnect() throws Exception {
        try (Fixture f = new Fixture(SmtpScripts::politeSession)) {
            for (int i = 0; i < 3; i++) {
                f.connected();
                assertThat(f.transport.disconnect().get(5, TimeUnit.SECONDS).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            }
            f.callback.awaitStatus(IxpStatus.DISCONNECTED, Fixture.WAIT);
            Fixture.sleepQuietly(50);
            assertThat(f.callback.count(IxpStatus.DISCONNECTED)).isEqualTo(3);
            assertThat(f.server.connectionCount()).isEqualTo(3);
        }
    }

    @Test
    void greeting554IsRefusedAfterAPoliteQuit() throws Exception {
        try (Fixture f = new Fixture(c -> {
            c.send("554 5.7.1 no service for you");
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            assertThat(failureCode(f.connect())).isEqualTo(IxpCode.IXP_E_GREETING_REFUSED);
            assertThat(f.server.received()).containsExactly("QUIT");
            f.endedOnce();
            assertThat(f.callback.errors).first().satisfies(e -> assertThat(e.response()).contains("no service"));
        }
    }
}
