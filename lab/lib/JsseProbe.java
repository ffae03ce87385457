// lab/lib/JsseProbe.java - what a Java client sees: for each HOST:PORT, a TLS handshake with
// JSSE trusting only the lab CA (from LAB_TRUSTSTORE_P12, or LAB_CA_CERT when the truststore is
// missing) and endpoint identification on. Prints "port=protocol" per target.
// usage: java lab/lib/JsseProbe.java HOST:PORT...   (single-file source launch, Java 11+)
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

public class JsseProbe {
    public static void main(String[] args) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        Path p12 = Path.of(System.getenv().getOrDefault("LAB_TRUSTSTORE_P12", "-"));
        String how;
        if (Files.isRegularFile(p12)) {
            try (InputStream in = Files.newInputStream(p12)) {
                trust.load(in, System.getenv().getOrDefault("LAB_TRUSTSTORE_PASSWORD", "changeit").toCharArray());
            }
            how = "truststore.p12";
        } else {
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(System.getenv("LAB_CA_CERT")))) {
                trust.setCertificateEntry("lab-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            how = "ca.crt";
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        StringBuilder out = new StringBuilder("JSSE trusting " + how + ", hostname verified:");
        for (String target : args) {
            int colon = target.lastIndexOf(':');
            String host = target.substring(0, colon);
            int port = Integer.parseInt(target.substring(colon + 1));
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(host, port)) {
                SSLParameters params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(params);
                s.setSoTimeout(10_000);
                s.startHandshake();
                out.append(' ').append(target).append('=').append(s.getSession().getProtocol());
            }
        }
        System.out.println(out);
    }
}
