package org.ixp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TlsTest {

    private static final Script GREET_AND_QUIT = conv -> {
        conv.send("+OK tls=" + conv.isTls());
        conv.expect("QUIT");
        conv.send("+OK bye");
    };

    /** A client context built the way library users will: from the CA PEM file on disk. */
    static SSLContext trustingCaPemFile(String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(TestCertificate.caPemFile())) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void implicitTlsWithClientTrustingCaPemFile(String protocol) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, GREET_AND_QUIT);
             TestClient client = TestClient.connectTls(server, trustingCaPemFile(protocol), "localhost")) {
            assertThat(client.sslSocket().getSession().getProtocol()).isEqualTo(protocol);
            assertThat(client.readLine()).isEqualTo("+OK tls=true");
            client.send("QUIT");
            assertThat(client.readLine()).isEqualTo("+OK bye");
            assertThat(client.readLine()).isNull();
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.scriptFailures()).isEmpty();
            assertThat(server.handshakeFailures()).isEmpty();
            assertThat(server.received()).containsExactly("QUIT");
        }
    }

    @Test
    void ipAddressIsInTheLocalhostCertificate() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, GREET_AND_QUIT);
             TestClient client = TestClient.connectTls(server, TestCertificate.clientContext(), "127.0.0.1")) {
            assertThat(client.readLine()).isEqualTo("+OK tls=true");
            client.send("QUIT");
            assertThat(client.readLine()).isEqualTo("+OK bye");
        }
    }

    @Test
    void startTlsUpgradeMidDialogue() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.send("220 hi");
            conv.expect("EHLO");
            conv.send("250-hi");
            conv.send("250 STARTTLS");
            conv.expect("STARTTLS");
            conv.send("220 go ahead");
            conv.startTls();
            conv.expect("EHLO");
            conv.send("250 tls=" + conv.isTls());
            conv.expect("QUIT");
            conv.send("221 bye");
        }); TestClient client = TestClient.connect(server)) {
            assertThat(client.readLine()).isEqualTo("220 hi");
            client.send("EHLO me");
            assertThat(client.readLine()).isEqualTo("250-hi");
            assertThat(client.readLine()).isEqualTo("250 STARTTLS");
            client.send("STARTTLS");
            assertThat(client.readLine()).isEqualTo("220 go ahead");
            client.startTls(TestCertificate.clientContext(), "localhost");
            client.send("EHLO me");
            assertThat(client.readLine()).isEqualTo("250 tls=true");
            client.send("QUIT");
            assertThat(client.readLine()).isEqualTo("221 bye");
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.scriptFailures()).isEmpty();
            assertThat(server.received()).containsExactly("EHLO me", "STARTTLS", "EHLO me", "QUIT");
        }
    }

    @Test
    void startTlsAfterInjectingSendsPlaintextFirst() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, conv -> {
            conv.expect("STARTTLS");
            conv.startTlsAfterInjecting("220 go ahead\r\n250 injected\r\n");
            conv.send("250 after");
        }); TestClient client = TestClient.connect(server)) {
            client.send("STARTTLS");
            assertThat(client.readLine()).isEqualTo("220 go ahead");
            assertThat(client.readLine()).isEqualTo("250 injected"); // a careless client would see this
            client.startTls(TestCertificate.clientContext(), "localhost");
            assertThat(client.readLine()).isEqualTo("250 after");
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    static Stream<Arguments> badCertificates() {
        return Stream.of(
                Arguments.of("expired", (Supplier<TestCertificate>) TestCertificate::expired),
                Arguments.of("wrongHost", (Supplier<TestCertificate>) TestCertificate::wrongHost),
                Arguments.of("selfSigned", (Supplier<TestCertificate>) TestCertificate::selfSigned));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCertificates")
    void validatingClientRejectsBadCertificates(String name, Supplier<TestCertificate> cert) throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, cert.get(), GREET_AND_QUIT)) {
                assertThatThrownBy(() -> TestClient.connectTls(server, trustingCaPemFile(protocol), "localhost"))
                        .as(name + " over " + protocol)
                        .isInstanceOf(SSLHandshakeException.class);
                assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
                assertThat(server.handshakeFailures()).hasSize(1);
                assertThat(server.scriptFailures()).isEmpty();
                assertThat(server.received()).isEmpty();
            }
        }
    }

    @Test
    void clientRejectingTheCertificateAfterStartTlsIsAHandshakeFailure() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.PLAIN, TestCertificate.wrongHost(), conv -> {
            conv.expect("STLS");
            conv.send("+OK go");
            conv.startTls();
            conv.send("+OK never reached");
        }); TestClient client = TestClient.connect(server)) {
            client.send("STLS");
            assertThat(client.readLine()).isEqualTo("+OK go");
            assertThatThrownBy(() -> client.startTls(TestCertificate.clientContext(), "localhost"))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(server.handshakeFailures()).hasSize(1);
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void scriptCloseOnTlsSendsCloseNotifyAndDoesNotWaitForTheClient() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, conv -> {
            conv.send("* BYE");
            conv.close();
        }); TestClient client = TestClient.connectTls(server, TestCertificate.clientContext(), "localhost")) {
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(3))).isTrue(); // client has not read yet
            assertThat(client.readLine()).isEqualTo("* BYE");
            assertThat(client.readLine()).isNull();
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void closeTcpTruncatesTheTlsStream() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Mode.IMPLICIT_TLS, conv -> {
            conv.send("* partial");
            conv.closeTcp();
        }); TestClient client = TestClient.connectTls(server, TestCertificate.clientContext(), "localhost")) {
            assertThat(client.readLine()).isEqualTo("* partial");
            assertThat(server.awaitConnectionsClosed(Duration.ofSeconds(5))).isTrue();
            try {
                assertThat(client.read()).isEqualTo(-1);
            } catch (javax.net.ssl.SSLException expected) {
                // JSSE reports the missing close_notify as an error
            }
            assertThat(server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void certificateMaterialIsConsistent() {
        assertThat(TestCertificate.localhost().certificateChain()).hasSize(2);
        assertThat(TestCertificate.localhost().certificateChain()[1]).isEqualTo(TestCertificate.caCertificate());
        assertThat(TestCertificate.selfSigned().certificateChain()).hasSize(1);
        assertThat(TestCertificate.expired().certificateChain()[0].getNotAfter())
                .isBefore(java.time.Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(TestCertificate.localhost().privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(new String(TestCertificate.caPem(), java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(TestCertificate.caPemFile()).exists();
    }
}
