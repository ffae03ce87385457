package org.ixp.engine;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import org.ixp.IxpCode;

/**
 * Maps TLS failures to the contract's codes. The whole cause chain is searched for the most specific reason
 * first (dates, then host name, then trust), because the JDK wraps an expired certificate in a PKIX failure.
 */
final class TlsErrors {
    private TlsErrors() {
    }

    static IxpCode classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                return IxpCode.IXP_E_INVALID_CERT_DATE;
            }
            if (c instanceof CertPathValidatorException v
                    && (v.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                return IxpCode.IXP_E_INVALID_CERT_DATE;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("No subject alternative") || m.contains("No name matching")
                    || m.contains("doesn't match any of the subject alternative names")) {
                return IxpCode.IXP_E_INVALID_CERT_CN;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (c instanceof CertPathValidatorException || m.contains("PKIX path")
                    || m.contains("unable to find valid certification path")) {
                return IxpCode.IXP_E_INVALID_CERT_UNTRUSTED;
            }
        }
        return IxpCode.IXP_E_SECURE_CONNECT_FAILED;
    }
}
