package org.ixp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static final Script POP = conv -> {
        conv.send("+OK ready");
        conv.expect("QUIT");
        conv.send("+OK bye");
    };

    @Test
    void closeLeavesNoServerThreads() throws Exception {
        ScriptedServer server = ScriptedServer.start(Mode.PLAIN, POP);
        try (TestClient client = TestClient.connect(server)) {
            client.readLine();
            assertThat(Threads.count(server.threadNamePrefix())).isEqualTo(2); // accept + connection
            // Closed while the conversation still waits for QUIT: closing ends it without a script failure. (Closing
            // the client first raced: the conversation could see the hang-up before the server was closing.)
            server.close();
        }
        // close() joins its threads with a bound; on a loaded machine the last one may need a moment to be gone
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (Threads.count(server.threadNamePrefix()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Threads.count(server.threadNamePrefix())).isZero();
        assertThat(server.scriptFailures()).isEmpty();
    }

    @Test
    void fiveHundredSequentialConnectionsLeaveNoThreadsOrDescriptors() throws Exception {
        warmUp();
        int fdsBefore = Threads.openFds();
        long threadsBefore = Threads.count(ScriptedServer.THREAD_PREFIX);
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, POP)) {
            for (int i = 0; i < 500; i++) {
                try (TestClient client = TestClient.connect(server)) {
                    assertThat(client.readLine()).isEqualTo("+OK ready");
                    client.send("QUIT");
                    assertThat(client.readLine()).isEqualTo("+OK bye");
                    assertThat(client.readLine()).isNull();
                }
            }
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(10))).isTrue();
            assertThat(server.connectionCount()).isEqualTo(500);
            assertThat(Threads.count(server.threadNamePrefix())).isEqualTo(1); // the accept thread
            assertThat(server.scriptFailures()).isEmpty();
            assertThat(server.received()).hasSize(500).containsOnly("QUIT");
        }
        assertThat(Threads.count(ScriptedServer.THREAD_PREFIX)).isEqualTo(threadsBefore);
        if (fdsBefore >= 0) {
            assertThat(Threads.openFds()).isLessThanOrEqualTo(fdsBefore + 2);
        }
    }

    @Test
    void clientsAbandoningConnectionsAreCleanedUp() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, POP)) {
            for (int i = 0; i < 200; i++) {
                TestClient.connect(server).close(); // gone before the greeting is read
            }
            assertThat(server.awaitConnectionCount(200, Duration.ofSeconds(10))).isTrue();
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(10))).isTrue();
            assertThat(Threads.count(server.threadNamePrefix())).isEqualTo(1);
            // each script either fails expect("QUIT") at EOF or finds the client gone when greeting
            assertThat(server.scriptFailures().size() + server.ioErrors().size()).isEqualTo(200);
        }
    }

    private static void warmUp() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, POP);
             TestClient client = TestClient.connect(server)) {
            client.readLine();
            client.send("QUIT");
            client.readLine();
        }
    }
}
