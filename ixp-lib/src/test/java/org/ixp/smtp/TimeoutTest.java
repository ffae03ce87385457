package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.smtp.Fixture.failureCode;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.RecordingCallback;
import org.ixp.TimeoutDecision;
import org.ixp.Timeouts;
import org.ixp.testkit.Mode;
import org.junit.jupiter.api.Test;

/** Finite waits: onTimeout decides; giving up is IXP_E_TIMEOUT and the connection is dropped. */
class TimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    private static Timeouts shortResponse() {
        return Timeouts.all(Duration.ofSeconds(5)).withResponse(SHORT).withGoodbye(Duration.ofSeconds(1));
    }

    @Test
    void aSilentGreetingTimesOutAndTheConnectionIsDropped() throws Exception {
        try (Fixture f = new Fixture(c -> c.silence(Duration.ofSeconds(5)))) {
            var connect = f.transport.connect(f.settings().timeouts(shortResponse()).build(), false, false);
            assertThat(failureCode(connect)).isEqualTo(IxpCode.IXP_E_TIMEOUT);
            f.endedOnce();
            assertThat(f.callback.timeoutsAsked).containsExactly(SHORT);
            assertThat(f.callback.errors).singleElement()
                    .satisfies(e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_TIMEOUT));
            assertThat(f.server.awaitConnectionsClosed(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void waitAgainExtendsTheWait() throws Exception {
        RecordingCallback cb = new RecordingCallback();
        cb.timeouts = d -> TimeoutDecision.waitAgain(Duration.ofSeconds(2));
        try (Fixture f = new Fixture(Mode.PLAIN, c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("NOOP");
            c.sleep(Duration.ofMillis(600));
            c.send("250 late but fine");
            c.expect("QUIT");
            c.send("221 bye");
        }, cb)) {
            f.transport.connect(f.settings().timeouts(shortResponse()).build(), false, false).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.commandNOOP().get(5, TimeUnit.SECONDS).code()).isEqualTo(250);
            assertThat(cb.timeoutsAsked).containsExactly(SHORT);
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
            f.endedOnce();
        }
    }

    @Test
    void activityKeepsTheInactivityTimerFromFiring() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("NOOP");
            c.dribble("250 slow but alive\r\n", Duration.ofMillis(40)); // ~760 ms, never 300 ms silent
            c.expect("QUIT");
            c.send("221 bye");
        })) {
            f.transport.connect(f.settings().timeouts(shortResponse()).build(), false, false).get(5, TimeUnit.SECONDS);
            assertThat(f.transport.commandNOOP().get(5, TimeUnit.SECONDS).code()).isEqualTo(250);
            assertThat(f.callback.timeoutsAsked).isEmpty();
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTimedOutCommandFailsAndEndsTheSession() throws Exception {
        try (Fixture f = new Fixture(c -> {
            SmtpScripts.greetAndEhlo(c);
            c.expect("NOOP");
            c.silence(Duration.ofSeconds(5));
        })) {
            f.transport.connect(f.settings().timeouts(shortResponse()).build(), false, false).get(5, TimeUnit.SECONDS);
            assertThat(failureCode(f.transport.commandNOOP())).isEqualTo(IxpCode.IXP_E_TIMEOUT);
            f.endedOnce();
            assertThat(f.callback.statuses).doesNotContain(IxpStatus.DISCONNECTING);
        }
    }

    @Test
    void anIdleConnectionIsNotTimedOut() throws Exception {
        try (Fixture f = new Fixture(SmtpScripts::politeSession)) {
            f.transport.connect(f.settings().timeouts(shortResponse()).build(), false, false).get(5, TimeUnit.SECONDS);
            Thread.sleep(3 * SHORT.toMillis());
            assertThat(f.callback.timeoutsAsked).isEmpty();
            assertThat(f.transport.getStatus()).isEqualTo(IxpStatus.CONNECTED);
            f.transport.disconnect().get(5, TimeUnit.SECONDS);
        }
    }
}
