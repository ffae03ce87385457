package org.ixp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Minimal blocking line client for the testkit's own tests (unbuffered, so STARTTLS is safe). */
final class TestClient implements AutoCloseable {
    private final Socket raw;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private TestClient(Socket raw) throws IOException {
        this.raw = raw;
        raw.setSoTimeout(10_000);
        use(raw);
    }

    static TestClient connect(ScriptedServer server) throws IOException {
        return new TestClient(new Socket(server.host(), server.port()));
    }

    /** Connects and handshakes TLS at once, verifying {@code hostname} against the certificate. */
    static TestClient connectTls(ScriptedServer server, SSLContext ctx, String hostname) throws IOException {
        TestClient c = connect(server);
        try {
            c.startTls(ctx, hostname);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Client-side TLS handshake on the current connection with hostname verification. */
    void startTls(SSLContext ctx, String hostname) throws IOException {
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, hostname, raw.getPort(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        use(ssl);
    }

    SSLSocket sslSocket() {
        return (SSLSocket) socket;
    }

    void send(String line) throws IOException {
        sendRaw(line + "\r\n");
    }

    void sendRaw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** @return the next line without CRLF, or null at end of stream */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** @return the next byte, or -1 at end of stream */
    int read() throws IOException {
        return in.read();
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        raw.close();
    }
}
