package org.ixp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptedServerTest {

    private static final Script ECHO = conv -> {
        conv.send("220 hello " + conv.index());
        String line;
        while ((line = conv.readLine()) != null) {
            if (line.equalsIgnoreCase("QUIT")) {
                conv.send("221 bye");
                return;
            }
            conv.send("250 " + line);
        }
    };

    @Test
    void greetingAndEchoDialogue() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, ECHO);
             TestClient client = TestClient.connect(server)) {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(client.readLine()).isEqualTo("220 hello 0");
            client.send("NOOP");
            assertThat(client.readLine()).isEqualTo("250 NOOP");
            client.send("héllo wörld");
            assertThat(client.readLine()).isEqualTo("250 héllo wörld");
            client.send("QUIT");
            assertThat(client.readLine()).isEqualTo("221 bye");
            assertThat(client.readLine()).isNull();
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void receivedRecordsLinesOfAllConnectionsInOrder() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, ECHO)) {
            for (int i = 0; i < 2; i++) {
                try (TestClient client = TestClient.connect(server)) {
                    client.readLine();
                    client.sendRaw("A" + i + "\r\nB" + i + "\n");
                    client.readLine();
                    client.readLine();
                    client.send("QUIT");
                    client.readLine();
                }
            }
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.received()).containsExactly("A0", "B0", "QUIT", "A1", "B1", "QUIT");
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void expectMismatchIsRecordedAsScriptFailure() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.send("+OK");
            conv.expect("user ");
            conv.send("+OK never");
        }); TestClient client = TestClient.connect(server)) {
            client.readLine();
            client.send("PASS secret");
            assertThat(client.readLine()).isNull();
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.scriptFailures()).singleElement()
                    .isInstanceOf(AssertionError.class)
                    .extracting(Throwable::getMessage).asString().contains("user ", "PASS secret");
        }
    }

    @Test
    void expectIsCaseInsensitive() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.send("+OK " + conv.expect("USER").substring(5));
        }); TestClient client = TestClient.connect(server)) {
            client.send("user bob");
            assertThat(client.readLine()).isEqualTo("+OK bob");
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void readUntilDotLineKeepsRawBody() throws Exception {
        String[] body = new String[1];
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.expect("DATA");
            conv.send("354 go");
            body[0] = conv.readUntilDotLine();
            conv.send("250 ok");
        }); TestClient client = TestClient.connect(server)) {
            client.send("DATA");
            client.readLine();
            client.sendRaw("Subject: x\r\n\r\n..stuffed\r\nlast\r\n.\r\n");
            assertThat(client.readLine()).isEqualTo("250 ok");
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(body[0]).isEqualTo("Subject: x\r\n\r\n..stuffed\r\nlast\r\n");
            assertThat(server.received()).containsExactly("DATA", "Subject: x", "", "..stuffed", "last", ".");
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void dribbleAndRawBytes() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.dribble("+OK slow\r\n", Duration.ofMillis(5));
            conv.sendRaw(new byte[] {'x', (byte) 0xff, '\r', '\n'});
            assertThat(new String(conv.readBytes(3), "UTF-8")).isEqualTo("abc");
        }); TestClient client = TestClient.connect(server)) {
            assertThat(client.readLine()).isEqualTo("+OK slow");
            assertThat(client.read()).isEqualTo('x');
            assertThat(client.read()).isEqualTo(0xff);
            client.readLine();
            client.sendRaw("abc");
            assertThat(client.read()).isEqualTo(-1);
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void resetAbortsTheConnection() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.send("220 hi");
            conv.expect("EHLO");
            conv.reset();
        }); TestClient client = TestClient.connect(server)) {
            client.readLine();
            client.send("EHLO me");
            try {
                assertThat(client.read()).isEqualTo(-1); // RST may also surface as EOF
            } catch (IOException expected) {
                assertThat(expected).hasMessageContaining("reset");
            }
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void silenceEndsWhenClientCloses() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.silence(Duration.ofSeconds(20));
            assertThat(conv.clientClosed()).isTrue();
        })) {
            try (Socket s = new Socket(server.host(), server.port())) {
                s.getOutputStream().write("NOOP\r\n".getBytes("UTF-8"));
                assertThat(server.awaitReceived("NOOP"::equals, Duration.ofSeconds(5))).isTrue();
            }
            long start = System.nanoTime();
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void stopReadingMakesClientWritesBlock() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.stopReading(Duration.ofSeconds(2));
            conv.awaitClientClose(Duration.ofSeconds(10));
        }); Socket s = new Socket(server.host(), server.port())) {
            byte[] chunk = new byte[64 * 1024];
            long start = System.nanoTime();
            long written = 0;
            while (written < 64L * 1024 * 1024 && System.nanoTime() - start < 1_000_000_000L) {
                s.getOutputStream().write(chunk);
                written += chunk.length;
            }
            // a blocked write ends only when the server starts reading again, after ~2 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
            s.shutdownOutput();
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(10))).isTrue();
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void closeEndsBlockedScriptsWithoutRecordingFailures() throws Exception {
        ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.send("220 hi");
            conv.expect("NEVER");
        });
        TestClient client = TestClient.connect(server);
        assertThat(client.readLine()).isEqualTo("220 hi");
        long start = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ScriptedServer.CLOSE_TIMEOUT);
        assertThat(Threads.count(server.threadNamePrefix())).isZero();
        assertThat(client.read()).isEqualTo(-1);
        client.close();
        assertThat(server.scriptFailures()).isEmpty();
    }
}
