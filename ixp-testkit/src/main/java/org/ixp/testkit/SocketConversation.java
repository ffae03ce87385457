package org.ixp.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** {@link Conversation} over a blocking socket; also drives one connection's life cycle. */
final class SocketConversation implements Conversation {
    /** How long the graceful end of a connection waits for the client to close. */
    static final Duration LINGER = Duration.ofSeconds(1);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final ScriptedServer server;
    private final Journal journal;
    private final int index;
    private final Socket raw;
    private final SSLContext tls;
    private final int readTimeoutMillis;
    private final LineInput input;
    private Socket current;
    private OutputStream out;
    private boolean closedByScript;

    SocketConversation(ScriptedServer server, Journal journal, int index, Socket raw, SSLContext tls)
            throws IOException {
        this.server = server;
        this.journal = journal;
        this.index = index;
        this.raw = raw;
        this.tls = tls;
        this.readTimeoutMillis = (int) ScriptedServer.READ_TIMEOUT.toMillis();
        raw.setTcpNoDelay(true);
        raw.setSoTimeout(readTimeoutMillis);
        this.current = raw;
        this.out = raw.getOutputStream();
        this.input = new LineInput(raw.getInputStream());
    }

    /** Runs the whole connection: optional implicit TLS, the script, then a graceful close. */
    void run(Mode mode, Script script) {
        try {
            if (mode == Mode.IMPLICIT_TLS) {
                upgrade();
            }
            script.run(this);
            finish();
        } catch (ConversationAborted e) {
            // already recorded where it matters
        } catch (Throwable t) {
            if (!server.closing()) {
                journal.scriptFailure(t);
            }
            finish();
        } finally {
            abort();
        }
    }

    /** Closes the TCP socket from any thread (server shutdown, end of run). */
    void abort() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean isTls() {
        return current instanceof SSLSocket;
    }

    @Override
    public void send(String line) {
        write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendRaw(byte[] bytes) {
        write(bytes.clone());
    }

    @Override
    public void sendRaw(String s) {
        write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void dribble(String s, Duration perByte) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            write(new byte[] {b});
            sleep(perByte);
        }
    }

    @Override
    public String readLine() {
        byte[] line = nextLine();
        return line == null ? null : record(line);
    }

    @Override
    public String expect(String prefix) {
        String line = readLine();
        if (line == null) {
            throw new AssertionError("connection " + index + ": expected a line starting with \"" + prefix
                    + "\" but the client closed" + readErrorSuffix());
        }
        if (!line.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new AssertionError("connection " + index + ": expected a line starting with \"" + prefix
                    + "\" but got \"" + line + "\"");
        }
        return line;
    }

    @Override
    public byte[] readBytes(int n) {
        checkOpen();
        byte[] data = new byte[n];
        int got = 0;
        try {
            while (got < n) {
                int r = input.read(data, got, n - got);
                if (r < 0) {
                    return Arrays.copyOf(data, got);
                }
                got += r;
            }
            return data;
        } catch (SocketTimeoutException e) {
            throw timeout("bytes (" + got + " of " + n + " received)", e);
        }
    }

    @Override
    public String readUntilDotLine() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] line = nextLine();
            if (line == null) {
                throw new AssertionError("connection " + index
                        + ": client closed before the terminating \".\" line" + readErrorSuffix());
            }
            if (record(line).equals(".")) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.writeBytes(line);
        }
    }

    @Override
    public void startTls() {
        checkOpen();
        if (isTls()) {
            throw new IllegalStateException("TLS is already active");
        }
        upgrade();
    }

    @Override
    public void startTlsAfterInjecting(String plaintext) {
        sendRaw(plaintext);
        startTls();
    }

    @Override
    public void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConversationAborted("interrupted", e);
        }
    }

    @Override
    public void awaitClientClose(Duration max) {
        checkOpen();
        readAndRecordUntil(System.nanoTime() + max.toNanos());
    }

    @Override
    public boolean clientClosed() {
        return input.eof();
    }

    @Override
    public void stopReading(Duration d) {
        sleep(d);
    }

    @Override
    public void silence(Duration max) {
        awaitClientClose(max);
    }

    @Override
    public void close() {
        if (closedByScript) {
            return;
        }
        closedByScript = true;
        if (current instanceof SSLSocket) {
            try {
                current.shutdownOutput(); // close_notify without SSLSocket.close()'s wait for the peer's
            } catch (IOException | RuntimeException ignored) {
                // abrupt anyway
            }
        }
        abort();
    }

    @Override
    public void closeTcp() {
        closedByScript = true;
        abort();
    }

    @Override
    public void reset() {
        closedByScript = true;
        try {
            raw.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closed already
        }
        abort();
    }

    // ---------------------------------------------------------------------------------------------

    private void upgrade() {
        byte[] early = input.takeBuffered();
        try {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory()
                    .createSocket(raw, early.length == 0 ? null : new ByteArrayInputStream(early), true);
            ssl.setUseClientMode(false);
            ssl.setEnabledProtocols(supported(ssl.getSupportedProtocols()));
            ssl.startHandshake();
            current = ssl;
            out = ssl.getOutputStream();
            input.switchTo(ssl.getInputStream());
        } catch (IOException | RuntimeException e) {
            if (!server.closing()) {
                journal.handshakeFailure(e);
            }
            closedByScript = true;
            abort();
            throw new ConversationAborted("TLS handshake failed", e);
        }
    }

    private static String[] supported(String[] available) {
        return Arrays.stream(PROTOCOLS).filter(p -> Arrays.asList(available).contains(p)).toArray(String[]::new);
    }

    /** Ends the connection politely: FIN (or close_notify), then wait briefly for the client's close. */
    private void finish() {
        if (closedByScript || server.closing()) {
            return;
        }
        try {
            if (current instanceof SSLSocket) {
                current.shutdownOutput();
            } else {
                raw.shutdownOutput();
            }
            readAndRecordUntil(System.nanoTime() + LINGER.toNanos());
        } catch (IOException | RuntimeException ignored) {
            // the socket is closed right after this anyway
        }
    }

    private void readAndRecordUntil(long deadline) {
        try {
            while (!input.eof()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                current.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                byte[] line = input.readLineRaw();
                if (line == null) {
                    return;
                }
                record(line);
            }
        } catch (SocketTimeoutException e) {
            // max elapsed
        } catch (IOException e) {
            // setSoTimeout on a closed socket: treat as closed
        } finally {
            try {
                current.setSoTimeout(readTimeoutMillis);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    private byte[] nextLine() {
        checkOpen();
        try {
            return input.readLineRaw();
        } catch (SocketTimeoutException e) {
            throw timeout("a line", e);
        }
    }

    private String record(byte[] line) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
        }
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        journal.line(text);
        return text;
    }

    private void write(byte[] bytes) {
        checkOpen();
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            if (!server.closing()) {
                journal.ioError(e);
            }
            throw new ConversationAborted("client went away", e);
        }
    }

    private void checkOpen() {
        if (closedByScript) {
            throw new IllegalStateException("connection " + index + " was already closed by the script");
        }
    }

    private AssertionError timeout(String what, SocketTimeoutException e) {
        return new AssertionError("connection " + index + ": no " + what + " from the client within "
                + ScriptedServer.READ_TIMEOUT.toSeconds() + "s", e);
    }

    private String readErrorSuffix() {
        IOException error = input.error();
        return error == null ? "" : " (" + error + ")";
    }
}
