package org.ixp;

import java.nio.file.Path;

/**
 * How the server's certificate is checked. The default checks the chain against the system trust store and the
 * host name against the certificate; {@link #caFile} adds the CA certificates of a PEM file; {@link #insecure}
 * turns every check off and must be asked for by name.
 *
 * @param caFile   PEM file of CA certificates to trust instead of the system store, or {@code null}
 * @param insecure accept any certificate for any host (tests against throwaway servers only)
 */
public record TlsSettings(Path caFile, boolean insecure) {
    public static final TlsSettings DEFAULT = new TlsSettings(null, false);

    public static TlsSettings trusting(Path caFile) {
        return new TlsSettings(caFile, false);
    }

    public static TlsSettings insecureAcceptAnyCertificate() {
        return new TlsSettings(null, true);
    }
}
