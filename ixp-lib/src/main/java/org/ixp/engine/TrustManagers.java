package org.ixp.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/** The trust managers ixp verifies servers with: the system trust store, or the CA certificates of a PEM file. */
final class TrustManagers {
    private static final Map<Path, X509ExtendedTrustManager> BY_CA_FILE = new ConcurrentHashMap<>();
    private static volatile X509ExtendedTrustManager system;

    private TrustManagers() {
    }

    static X509ExtendedTrustManager forCaFile(Path caFile) {
        if (caFile == null) {
            X509ExtendedTrustManager s = system;
            if (s == null) {
                s = fromKeyStore(null);
                system = s;
            }
            return s;
        }
        return BY_CA_FILE.computeIfAbsent(caFile.toAbsolutePath(), TrustManagers::load);
    }

    private static X509ExtendedTrustManager load(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IxpException(IxpCode.E_INVALIDARG, "no certificate in CA file " + caFile);
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return fromKeyStore(ks);
        } catch (IOException | GeneralSecurityException e) {
            throw new IxpException(IxpCode.E_INVALIDARG, "cannot read CA file " + caFile + ": " + e.getMessage());
        }
    }

    private static X509ExtendedTrustManager fromKeyStore(KeyStore ks) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IxpException(IxpCode.IXP_E_SECURE_CONNECT_FAILED, "no X509 trust manager available");
        } catch (GeneralSecurityException e) {
            throw new IxpException(IxpCode.IXP_E_SECURE_CONNECT_FAILED, "trust store unusable: " + e.getMessage());
        }
    }
}
