package org.ixp.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server certificate (PKCS12 keystore on the classpath) plus the test CA that clients should trust.
 *
 * <p>The files live in {@code org/ixp/testkit/} and are made by {@code make-certs.sh} there. All
 * keys are RSA 2048; every keystore uses password {@value #PASSWORD}, the server key entry is
 * {@value #KEY_ALIAS}. The CA and all certificates except {@link #expired()} are valid from
 * 2020-01-01 to 2120-01-01.
 */
public final class TestCertificate {
    /** Password of every keystore (and key entry) in this package. */
    public static final String PASSWORD = "ixp-testkit";
    /** Alias of the server key entry in each keystore. */
    public static final String KEY_ALIAS = "server";

    private static final String DIR = "/org/ixp/testkit/";
    private static final Map<String, TestCertificate> CACHE = new ConcurrentHashMap<>();
    private static Path caPemFile;

    private final String name;
    private final KeyStore keyStore;
    private final SSLContext serverContext;

    private TestCertificate(String name) {
        this.name = name;
        try {
            this.keyStore = load(name + ".p12");
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD.toCharArray());
            this.serverContext = SSLContext.getInstance("TLS");
            serverContext.init(kmf.getKeyManagers(), null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load test certificate " + name, e);
        }
    }

    /** @return CA-signed, SAN DNS:localhost and IP:127.0.0.1, valid 2020..2120 */
    public static TestCertificate localhost() {
        return named("localhost");
    }

    /** @return CA-signed, SAN DNS:localhost and IP:127.0.0.1, valid only 2020-01-01..2020-01-02 */
    public static TestCertificate expired() {
        return named("expired");
    }

    /** @return CA-signed, CN and SAN DNS:wrong.example only */
    public static TestCertificate wrongHost() {
        return named("wronghost");
    }

    /** @return self-signed (not by the test CA), SAN DNS:localhost and IP:127.0.0.1 */
    public static TestCertificate selfSigned() {
        return named("selfsigned");
    }

    private static TestCertificate named(String name) {
        return CACHE.computeIfAbsent(name, TestCertificate::new);
    }

    /** @return the keystore's base name: localhost, expired, wronghost or selfsigned */
    public String name() {
        return name;
    }

    /** @return a server-side context (TLS 1.2 and 1.3) presenting this certificate; shared, do not re-init */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** @return the server's private key */
    public PrivateKey privateKey() {
        try {
            return (PrivateKey) keyStore.getKey(KEY_ALIAS, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the chain the server presents, leaf first (leaf + CA, or just the leaf if self-signed) */
    public X509Certificate[] certificateChain() {
        try {
            Certificate[] chain = keyStore.getCertificateChain(KEY_ALIAS);
            return Arrays.copyOf(chain, chain.length, X509Certificate[].class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the test CA certificate in PEM form */
    public static byte[] caPem() {
        return resource("ca.pem");
    }

    /**
     * @return the test CA certificate as a PEM file, written to a temporary file on first use
     *         (deleted on exit) — pass it to clients as their CA file
     */
    public static synchronized Path caPemFile() {
        if (caPemFile == null || !Files.exists(caPemFile)) {
            try {
                Path file = Files.createTempFile("ixp-testkit-ca-", ".pem");
                file.toFile().deleteOnExit();
                Files.write(file, caPem());
                caPemFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return caPemFile;
    }

    /** @return the test CA certificate */
    public static X509Certificate caCertificate() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caPem()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return a client-side context that trusts only the test CA (no hostname check by itself:
     *         set the endpoint identification algorithm on the engine or socket for that)
     */
    public static SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ixp-testkit-ca", caCertificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(String file) throws GeneralSecurityException {
        try (InputStream in = new ByteArrayInputStream(resource(file))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = TestCertificate.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
