package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.imap.ImapFixture.failure;
import static org.ixp.imap.ImapFixture.get;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ixp.DisconnectResult;
import org.ixp.DisconnectResult.Ending;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The founding page for IMAP (issue 5 §4) against a scripted server, for the endings a real server does not produce
 * on demand: Disconnect = DONE if idling, then LOGOUT → {@code * BYE} + tagged OK → close, in every packetisation and
 * with the replies servers really give (close after BYE, tagged BYE, NO, BAD); an unsolicited BYE as a
 * server-initiated disconnect; DropConnection while a FETCH streams, while idling and during the logon, which must
 * send nothing at all. Every case ends with DISCONNECTED exactly once and the future completed.
 */
class ImapGoodbyeTest {
    private static final Duration WAIT = ImapFixture.WAIT;

    /** How the server's {@code * BYE} and tagged OK reach the client. */
    enum Packets {
        /** One write per line. */
        LINES {
            @Override
            void send(Conversation c, String bye, String ok) {
                c.send(bye);
                c.sleep(Duration.ofMillis(30));
                c.send(ok);
            }
        },
        /** Both lines in one segment. */
        ONE_PACKET {
            @Override
            void send(Conversation c, String bye, String ok) {
                c.sendRaw(bye + "\r\n" + ok + "\r\n");
            }
        },
        /** Segments cut inside tokens and between CR and LF. */
        SPLIT {
            @Override
            void send(Conversation c, String bye, String ok) {
                String all = bye + "\r\n" + ok + "\r\n";
                int[] cuts = {3, bye.length() + 1, bye.length() + 4, all.length() - 1};
                int from = 0;
                for (int cut : cuts) {
                    c.sendRaw(all.substring(from, cut));
                    c.sleep(Duration.ofMillis(30));
                    from = cut;
                }
                c.sendRaw(all.substring(from));
            }
        },
        /** One byte per write. */
        BYTE_BY_BYTE {
            @Override
            void send(Conversation c, String bye, String ok) {
                c.dribble(bye + "\r\n" + ok + "\r\n", Duration.ofMillis(2));
            }
        };

        abstract void send(Conversation c, String bye, String ok);
    }

    private static ImapFixture connected(Script afterLogin) throws Exception {
        ImapFixture f = new ImapFixture(c -> {
            ImapFixture.greetAndLogin(c);
            afterLogin.run(c);
        });
        f.connect(f.alice().build(), true);
        return f;
    }

    /** Disconnect's future completed normally with {@code ending}; DISCONNECTING then DISCONNECTED, once; no error. */
    private static DisconnectResult disconnectsCleanly(ImapFixture f, Ending ending) throws Exception {
        DisconnectResult r = get(f.transport.disconnect());
        assertThat(r.ending()).as("how the session ended").isEqualTo(ending);
        endedOnce(f);
        assertThat(f.callback.statusSnapshot()).as("statuses").containsSubsequence(IxpStatus.DISCONNECTING,
                IxpStatus.DISCONNECTED);
        assertThat(f.callback.errors).as("onError calls").isEmpty();
        assertThat(f.server.received().stream().filter(l -> l.endsWith(" LOGOUT")).count())
                .as("LOGOUT commands sent, in %s", f.server.received()).isEqualTo(1);
        return r;
    }

    /** DISCONNECTED reported exactly once and the status is DISCONNECTED. */
    private static void endedOnce(ImapFixture f) {
        f.callback.awaitStatus(IxpStatus.DISCONNECTED, WAIT);
        f.callback.drain();
        assertThat(f.callback.count(IxpStatus.DISCONNECTED)).as("DISCONNECTED events in %s",
                f.callback.statusSnapshot()).isEqualTo(1);
        assertThat(f.transport.getStatus()).isEqualTo(IxpStatus.DISCONNECTED);
    }

    private static void awaitIdling(ImapFixture f) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!f.transport.isIdling() && System.nanoTime() - t0 < WAIT.toNanos()) {
            Thread.sleep(5);
        }
        assertThat(f.transport.isIdling()).as("idling").isTrue();
    }

    // ------------------------------------------------------------------ LOGOUT → BYE + tagged reply

    @ParameterizedTest
    @EnumSource(Packets.class)
    void byeAndTaggedOkInAnyPacketisation(Packets packets) throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            packets.send(c, "* BYE IMAP4rev1 Server logging out", "a3 OK LOGOUT completed");
            c.awaitClientClose(WAIT);
        })) {
            DisconnectResult r = disconnectsCleanly(f, Ending.ACKNOWLEDGED);
            assertThat(r.response()).isEqualTo("* BYE IMAP4rev1 Server logging out");
            assertThat(f.server.awaitConnectionsClosed(WAIT)).as("the client closed the socket").isTrue();
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Packets.class)
    void disconnectWhileIdlingSendsDoneThenLogout(Packets packets) throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 IDLE");
            c.send("+ idling");
            c.expect("DONE");
            c.send("a3 OK IDLE terminated");
            c.expect("a4 LOGOUT");
            packets.send(c, "* BYE bye", "a4 OK LOGOUT completed");
            c.awaitClientClose(WAIT);
        })) {
            f.transport.setIdleMode(true);
            awaitIdling(f);
            disconnectsCleanly(f, Ending.ACKNOWLEDGED);
            assertThat(f.server.received()).containsExactly("a1 CAPABILITY", "a2 LOGIN alice \"s3cret pass\"",
                    "a3 IDLE", "DONE", "a4 LOGOUT");
            assertThat(f.transport.isIdling()).isFalse();
        }
    }

    @Test
    void disconnectBeforeTheIdleContinuationSendsDoneWhenItComes() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 IDLE");
            c.sleep(Duration.ofMillis(300)); // the client's disconnect arrives before the "+"
            c.send("+ idling");
            c.expect("DONE");
            c.send("a3 OK IDLE terminated");
            ImapFixture.logout(c, "a4");
        })) {
            f.transport.setIdleMode(true);
            assertThat(f.server.awaitReceived(l -> l.equals("a3 IDLE"), WAIT)).isTrue();
            assertThat(f.transport.isIdling()).as("no + yet").isFalse();
            disconnectsCleanly(f, Ending.ACKNOWLEDGED);
            assertThat(f.server.received()).endsWith("a3 IDLE", "DONE", "a4 LOGOUT");
        }
    }

    @Test
    void byeThenTheServerClosesWithoutTheTaggedOk() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.send("* BYE closing now");
            c.close();
        })) {
            disconnectsCleanly(f, Ending.SERVER_CLOSED);
        }
    }

    @Test
    void byeAndCloseInOnePacket() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.sendRaw("* BYE closing now\r\n");
            c.closeTcp();
        })) {
            disconnectsCleanly(f, Ending.SERVER_CLOSED);
        }
    }

    @Test
    void theServerClosesWithoutAWord() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.close();
        })) {
            disconnectsCleanly(f, Ending.SERVER_CLOSED);
        }
    }

    @Test
    void taggedByeToLogoutIsAnAcknowledgement() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.send("a3 BYE logging out");
            c.awaitClientClose(WAIT);
        })) {
            DisconnectResult r = disconnectsCleanly(f, Ending.ACKNOWLEDGED);
            assertThat(r.response()).contains("BYE logging out");
        }
    }

    @Test
    void untaggedThenTaggedBye() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.sendRaw("* BYE see you\r\na3 BYE logging out\r\n");
            c.awaitClientClose(WAIT);
        })) {
            DisconnectResult r = disconnectsCleanly(f, Ending.ACKNOWLEDGED);
            assertThat(r.response()).isEqualTo("* BYE see you");
        }
    }

    @Test
    void taggedNoToLogoutIsRefusedButEndsCleanly() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.send("a3 NO not now");
            c.awaitClientClose(WAIT);
        })) {
            DisconnectResult r = disconnectsCleanly(f, Ending.REFUSED);
            assertThat(r.response()).contains("NO not now");
            assertThat(f.server.awaitConnectionsClosed(WAIT)).as("the client closed the socket anyway").isTrue();
        }
    }

    @Test
    void taggedBadToLogoutIsRefusedButEndsCleanly() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.send("a3 BAD unknown command");
            c.awaitClientClose(WAIT);
        })) {
            DisconnectResult r = disconnectsCleanly(f, Ending.REFUSED);
            assertThat(r.response()).contains("BAD unknown command");
        }
    }

    @Test
    void aSecondDisconnectGetsTheSameOutcome() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 LOGOUT");
            c.sleep(Duration.ofMillis(100));
            c.sendRaw("* BYE bye\r\na3 OK done\r\n");
            c.awaitClientClose(WAIT);
        })) {
            CompletableFuture<DisconnectResult> first = f.transport.disconnect();
            CompletableFuture<DisconnectResult> second = f.transport.disconnect();
            assertThat(get(first).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            assertThat(get(second)).isEqualTo(get(first));
            endedOnce(f);
            assertThat(f.server.received()).containsOnlyOnce("a3 LOGOUT");
        }
    }

    // ------------------------------------------------------------------ the server says BYE on its own

    @Test
    void unsolicitedByeFailsEveryCommandInFlightAndEndsWithTheServersWords() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 NOOP");
            c.expect("a4 LIST");
            c.send("* BYE [UNAVAILABLE] maintenance: back in 5 minutes");
            c.close();
        })) {
            CompletableFuture<ImapCompletion> noop = f.transport.noop();
            CompletableFuture<List<ImapEvent.MailboxListing>> list = f.transport.list("", "*");
            for (CompletableFuture<?> pending : List.of(noop, list)) {
                IxpException e = failure(pending);
                assertThat(e.code()).isEqualTo(IxpCode.IXP_E_IMAP_BYE);
                assertThat(e.getMessage()).contains("maintenance: back in 5 minutes");
                assertThat(e.result().response()).contains("* BYE [UNAVAILABLE] maintenance");
            }
            serverEnded(f, "maintenance: back in 5 minutes");
            assertThat(f.server.received()).noneMatch(l -> l.contains("LOGOUT"));
        }
    }

    @Test
    void unsolicitedByeWithTheSocketLeftOpenIsClosedByTheClient() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.send("* BYE Autologout; idle for too long");
            c.awaitClientClose(WAIT);
        })) {
            serverEnded(f, "Autologout; idle for too long");
            assertThat(f.server.awaitConnectionsClosed(WAIT)).as("the client closed the socket").isTrue();
            assertThat(f.server.received()).containsExactly("a1 CAPABILITY", "a2 LOGIN alice \"s3cret pass\"");
        }
    }

    @Test
    void unsolicitedByeWhileIdling() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 IDLE");
            c.send("+ idling");
            c.sleep(Duration.ofMillis(100));
            c.send("* BYE Server shutting down.");
            c.awaitClientClose(WAIT);
        })) {
            f.transport.setIdleMode(true);
            awaitIdling(f);
            serverEnded(f, "Server shutting down.");
            assertThat(f.transport.isIdling()).isFalse();
            assertThat(f.server.received()).endsWith("a3 IDLE").noneMatch(l -> l.equals("DONE"));
        }
    }

    /** onError(IXP_E_IMAP_BYE) with the text once, ERROR_NOTIFICATION with it, DISCONNECTED once, no DISCONNECTING. */
    private static void serverEnded(ImapFixture f, String text) {
        endedOnce(f);
        assertThat(f.callback.statusSnapshot()).doesNotContain(IxpStatus.DISCONNECTING);
        assertThat(f.callback.errors).as("onError calls").hasSize(1);
        assertThat(f.callback.errors.get(0).code()).isEqualTo(IxpCode.IXP_E_IMAP_BYE);
        assertThat(f.callback.errors.get(0).response()).contains(text);
        List<ImapResponse> notes = f.callback.of(ImapResponseType.ERROR_NOTIFICATION);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).unsolicited()).isTrue();
        assertThat(notes.get(0).text()).isEqualTo(text);
        assertThat(notes.get(0).result().code()).isEqualTo(IxpCode.IXP_E_IMAP_BYE);
        assertThatThrownBy(() -> f.transport.noop()).isInstanceOf(IxpException.class)
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_NOT_CONNECTED);
    }

    // ------------------------------------------------------------------ DropConnection sends nothing

    @Test
    void dropWhileAFetchStreams() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 FETCH 1 BODY.PEEK[]");
            c.send("* 1 FETCH (UID 7 BODY[] {10000000}");
            c.sendRaw(new byte[200_000]);
            c.awaitClientClose(WAIT);
        })) {
            RangeList one = new RangeList();
            one.addSingleValue(1);
            CompletableFuture<ImapCompletion> fetch = f.transport.fetch(one, "BODY.PEEK[]");
            long t0 = System.nanoTime();
            while (f.callback.imap.stream().noneMatch(r -> r.type() == ImapResponseType.FETCH_BODY)
                    && System.nanoTime() - t0 < WAIT.toNanos()) {
                Thread.sleep(5);
            }
            assertThat(f.callback.imap).as("a body chunk arrived")
                    .anyMatch(r -> r.type() == ImapResponseType.FETCH_BODY);
            get(f.transport.dropConnection());
            assertThat(failure(fetch).code()).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            dropped(f);
            assertThat(f.server.received()).containsExactly("a1 CAPABILITY", "a2 LOGIN alice \"s3cret pass\"",
                    "a3 FETCH 1 BODY.PEEK[]");
        }
    }

    @Test
    void dropWhileIdlingSendsNoDoneAndNoLogout() throws Exception {
        try (ImapFixture f = connected(c -> {
            c.expect("a3 IDLE");
            c.send("+ idling");
            c.awaitClientClose(WAIT);
        })) {
            f.transport.setIdleMode(true);
            awaitIdling(f);
            get(f.transport.dropConnection());
            dropped(f);
            assertThat(f.transport.isIdling()).isFalse();
            assertThat(f.server.received()).containsExactly("a1 CAPABILITY", "a2 LOGIN alice \"s3cret pass\"",
                    "a3 IDLE");
        }
    }

    @Test
    void dropDuringTheLogon() throws Exception {
        try (ImapFixture f = new ImapFixture(c -> {
            c.send("* OK scripted IMAP ready");
            c.expect("a1 CAPABILITY");
            c.send(ImapFixture.CAPS);
            c.send("a1 OK done");
            c.expect("a2 LOGIN");
            c.awaitClientClose(WAIT); // never answers the logon
        })) {
            CompletableFuture<Void> connect = f.transport.connect(f.alice().build(), true, true);
            assertThat(f.server.awaitReceived(l -> l.startsWith("a2 LOGIN"), WAIT)).isTrue();
            f.callback.awaitStatus(IxpStatus.AUTHORIZING, WAIT);
            get(f.transport.dropConnection());
            assertThat(failure(connect).code()).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            dropped(f);
            assertThat(f.server.received()).containsExactly("a1 CAPABILITY", "a2 LOGIN alice \"s3cret pass\"");
        }
    }

    /** DISCONNECTED once, straight (no DISCONNECTING), no onError, and the socket closed. */
    private static void dropped(ImapFixture f) {
        endedOnce(f);
        assertThat(f.callback.statusSnapshot()).doesNotContain(IxpStatus.DISCONNECTING);
        assertThat(f.callback.errors).as("onError calls").isEmpty();
        assertThat(f.server.awaitConnectionsClosed(WAIT)).as("the socket is closed").isTrue();
    }
}
