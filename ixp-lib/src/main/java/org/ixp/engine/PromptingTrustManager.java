package org.ixp.engine;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.BiPredicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.ixp.IxpCode;

/**
 * Checks the server's chain and host name with the real trust manager; when that fails, remembers why (so the
 * error names IXP_E_INVALID_CERT_DATE / _CN / _UNTRUSTED) and, if the user's callback answers prompts, asks
 * whether to accept the certificate anyway.
 */
final class PromptingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final BiPredicate<IxpCode, String> askUser;
    private volatile IxpCode failure;
    private volatile String failureText;

    /** @param askUser asked (code, text) after a failed check; {@code true} accepts the certificate */
    PromptingTrustManager(X509ExtendedTrustManager delegate, BiPredicate<IxpCode, String> askUser) {
        this.delegate = delegate;
        this.askUser = askUser;
    }

    IxpCode failure() {
        return failure;
    }

    String failureText() {
        return failureText;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            decide(e, chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            decide(e, chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            decide(e, chain);
        }
    }

    private void decide(CertificateException e, X509Certificate[] chain) throws CertificateException {
        IxpCode code = TlsErrors.classify(e);
        String subject = chain != null && chain.length > 0 ? chain[0].getSubjectX500Principal().getName() : "?";
        String text = "The server's certificate (" + subject + ") failed its check: " + e.getMessage();
        failure = code;
        failureText = text;
        if (askUser.test(code, text)) {
            failure = null;
            failureText = null;
            return;
        }
        throw e;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client mode only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client mode only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client mode only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
