package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.ImapFixture.get;

import org.ixp.IsState;
import org.junit.jupiter.api.Test;

/**
 * IDLE is off until {@code setIdleMode(true)} (ixp's documented deviation from the contract's default), and the
 * facts the ImapTransport class comment gives as the reasons: with it on, every pause between commands is an IDLE
 * that the next command must end with DONE, and an idling session is BUSY, not READY.
 */
class ImapIdleModeTest {

    @Test
    void offByDefaultEvenWhenTheServerOffersIdle() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c); // the server offers IDLE
            c.expect("a3 NOOP");
            c.send("a3 OK done");
            c.expect("a4 NOOP");
            c.send("a4 OK done");
            ImapFixture.logout(c, "a5");
        })) {
            f.connect(f.alice().build(), true);
            assertThat(f.transport.hasCapability("IDLE")).isTrue();
            assertThat(f.transport.isState(IsState.READY)).isTrue();
            get(f.transport.noop().thenCompose(x -> f.transport.noop()));
            assertThat(f.transport.isIdling()).isFalse();
            get(f.transport.disconnect());
            assertThat(f.server.received()).containsExactly("a1 CAPABILITY", "a2 LOGIN alice \"s3cret pass\"",
                    "a3 NOOP", "a4 NOOP", "a5 LOGOUT");
        }
    }

    @Test
    void whenOnEveryPauseBetweenCommandsIsAnIdleAndIdlingIsBusy() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            String idling = null;
            for (String line; (line = c.readLine()) != null; ) {
                String tag = line.split(" ")[0];
                if (line.endsWith(" IDLE")) {
                    idling = tag;
                    c.send("+ idling");
                } else if (line.equals("DONE")) {
                    c.send(idling + " OK IDLE terminated");
                } else if (line.endsWith(" NOOP")) {
                    c.send(tag + " OK done");
                } else if (line.endsWith(" LOGOUT")) {
                    c.send("* BYE bye");
                    c.send(tag + " OK done");
                    return;
                }
            }
        })) {
            f.connect(f.alice().build(), true);
            f.transport.setIdleMode(true);
            awaitIdling(f);
            assertThat(f.transport.isState(IsState.BUSY)).as("BUSY while idling").isTrue();
            assertThat(f.transport.isState(IsState.READY)).as("READY while idling").isFalse();
            get(f.transport.noop());
            awaitIdling(f);
            get(f.transport.noop());
            awaitIdling(f);
            get(f.transport.disconnect());
            assertThat(f.server.received()).containsExactly("a1 CAPABILITY", "a2 LOGIN alice \"s3cret pass\"",
                    "a3 IDLE", "DONE", "a4 NOOP", "a5 IDLE", "DONE", "a6 NOOP", "a7 IDLE", "DONE", "a8 LOGOUT");
        }
    }

    private static void awaitIdling(ImapFixture f) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!f.transport.isIdling() && System.nanoTime() - t0 < ImapFixture.WAIT.toNanos()) {
            Thread.sleep(5);
        }
        assertThat(f.transport.isIdling()).as("idling").isTrue();
    }
}
