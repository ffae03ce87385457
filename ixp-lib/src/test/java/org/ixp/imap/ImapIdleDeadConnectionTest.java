package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.ixp.IxpCode;
import org.ixp.IxpStatus;
import org.ixp.Timeouts;
import org.ixp.testkit.Script;
import org.junit.jupiter.api.Test;

/**
 * A connection that dies while the transport idles is noticed: at once when the peer closes or resets it, and at
 * the latest at the next IDLE renewal when it goes silent (DONE re-arms the response timeout). Scripted, because a
 * real server cannot be made to vanish without a word; the Dovecot side (a kicked session's BYE) is in
 * {@code ImapIdleDeliveryIT}.
 */
class ImapIdleDeadConnectionTest {
    private static final Duration WAIT = ImapFixture.WAIT;

    private static ImapFixture idling(Script whileIdling, Timeouts timeouts) throws Exception {
        ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 IDLE");
            c.send("+ idling");
            whileIdling.run(c);
        });
        f.connect(f.alice().timeouts(timeouts).build(), true);
        f.transport.setIdleMode(true);
        long t0 = System.nanoTime();
        while (!f.transport.isIdling() && System.nanoTime() - t0 < WAIT.toNanos()) {
            Thread.sleep(5);
        }
        assertThat(f.transport.isIdling()).as("idling").isTrue();
        return f;
    }

    private static Timeouts timeouts(Duration response) {
        return new Timeouts(WAIT, WAIT, response, WAIT, ImapFixture.GOODBYE);
    }

    /** onError with {@code code} once, then DISCONNECTED once, without DISCONNECTING; no longer idling. */
    private static void noticed(ImapFixture f, IxpCode code) {
        f.callback.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        f.callback.drain();
        assertThat(f.callback.count(IxpStatus.DISCONNECTED)).isEqualTo(1);
        assertThat(f.callback.statusSnapshot()).doesNotContain(IxpStatus.DISCONNECTING);
        assertThat(f.callback.errors).as("onError calls").hasSize(1);
        assertThat(f.callback.errors.get(0).code()).isEqualTo(code);
        assertThat(f.transport.isIdling()).isFalse();
        assertThat(f.transport.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
    }

    @Test
    void thePeerClosingDuringIdleIsNoticedAtOnce() throws Exception {
        try (ImapFixture f = idling(c -> {
            c.sleep(Duration.ofMillis(100));
            c.close();
        }, timeouts(WAIT))) {
            noticed(f, IxpCode.IXP_E_CONNECTION_DROPPED);
            assertThat(f.server.received()).noneMatch(l -> l.equals("DONE") || l.contains("LOGOUT"));
        }
    }

    @Test
    void aResetDuringIdleIsNoticedAtOnce() throws Exception {
        try (ImapFixture f = idling(c -> {
            c.sleep(Duration.ofMillis(100));
            c.reset();
        }, timeouts(WAIT))) {
            noticed(f, IxpCode.IXP_E_CONNECTION_DROPPED);
        }
    }

    @Test
    void aSilentPeerIsNoticedAtTheNextRenewal() throws Exception {
        Duration response = Duration.ofMillis(300);
        ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            c.expect("a3 IDLE");
            c.send("+ idling");
            c.expect("DONE");
            c.silence(Duration.ofSeconds(10));
        });
        try (f) {
            f.connect(f.alice().timeouts(timeouts(response)).build(), true);
            f.transport.setIdleRefresh(Duration.ofMillis(1500));
            f.transport.setIdleMode(true);
            assertThat(f.server.awaitReceived(l -> l.equals("a3 IDLE"), WAIT)).isTrue();
            // idle outlasts the response timeout: the server owes nothing while the client idles
            Thread.sleep(3 * response.toMillis());
            assertThat(f.transport.getStatus()).isEqualTo(IxpStatus.CONNECTED);
            assertThat(f.callback.timeoutsAsked).isEmpty();
            assertThat(f.server.awaitReceived(l -> l.equals("DONE"), WAIT)).as("the renewal's DONE").isTrue();
            noticed(f, IxpCode.IXP_E_TIMEOUT);
            assertThat(f.callback.timeoutsAsked).containsExactly(response);
        }
    }
}
