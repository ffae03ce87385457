package org.ixp.sasl;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;

/**
 * PLAIN, CRAM-MD5 and NTLM, done by the JDK's own SASL clients (provider {@code SunSASL}).
 *
 * <p>NTLM quirks: the JDK client speaks first (its type-1 message is the initial response) and uses
 * NTLMv2 unless the {@code ntlm.version} system property says otherwise. A user name of the form
 * <code>DOMAIN&#92;user</code> gives the domain; otherwise the domain is empty and the server uses its own.
 * ixp passes a fixed workstation name and a {@link SecureRandom}, so the JDK neither looks up the
 * local host name (a blocking DNS query) nor draws the client challenge from {@link java.util.Random}.
 */
final class JdkSaslMechanism implements SaslMechanism {
    static final String PLAIN = "PLAIN";
    static final String CRAM_MD5 = "CRAM-MD5";
    static final String NTLM = "NTLM";

    /** The NTLM workstation name: informational only, servers do not check it. */
    static final String NTLM_WORKSTATION = "localhost";

    private final String name;
    private final SaslClient client;
    private boolean started;

    private JdkSaslMechanism(String name, SaslClient client) {
        this.name = name;
        this.client = client;
    }

    static JdkSaslMechanism plain(SaslCredentials c, String protocol, String serverName) {
        return create(PLAIN, c, c.userName(), null, protocol, serverName, Map.of(), IxpCode.E_FAIL);
    }

    static JdkSaslMechanism cramMd5(SaslCredentials c, String protocol, String serverName) {
        return create(CRAM_MD5, c, c.userName(), null, protocol, serverName, Map.of(), IxpCode.E_FAIL);
    }

    static JdkSaslMechanism ntlm(SaslCredentials c, String protocol, String serverName) {
        String user = c.userName();
        String domain = "";
        int slash = user.indexOf('\\');
        if (slash >= 0) {
            domain = user.substring(0, slash);
            user = user.substring(slash + 1);
        }
        Map<String, Object> props = new HashMap<>();
        props.put("com.sun.security.sasl.ntlm.hostname", NTLM_WORKSTATION);
        props.put("com.sun.security.sasl.ntlm.random", new SecureRandom());
        return create(NTLM, c, user, domain, protocol, serverName, props, IxpCode.IXP_E_LOAD_SICILY_FAILED);
    }

    private static JdkSaslMechanism create(String mech, SaslCredentials c, String user, String realm, String protocol,
                                           String serverName, Map<String, ?> props, IxpCode failure) {
        if (!c.hasPassword()) {
            throw SaslErrors.invalidArg(mech, "a password is required");
        }
        CredentialsCallbackHandler handler = new CredentialsCallbackHandler(user, c.password().reveal(), realm);
        String authzid = PLAIN.equals(mech) ? c.authorizationId() : null;
        SaslClient client;
        try {
            client = Sasl.createSaslClient(new String[] {mech}, authzid, protocol, serverName, props, handler);
        } catch (SaslException | RuntimeException e) {
            throw new IxpException(IxpResult.of(failure, mech + ": the JDK SASL client could not be created ("
                    + e.getMessage() + ")"), e);
        }
        if (client == null) {
            throw new IxpException(failure, mech + ": this Java runtime has no SASL client for it");
        }
        return new JdkSaslMechanism(mech, client);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasInitialResponse() {
        return client.hasInitialResponse();
    }

    @Override
    public byte[] initialResponse() {
        if (!client.hasInitialResponse()) {
            throw SaslErrors.invalidState(name, "has no initial response");
        }
        if (started) {
            throw SaslErrors.invalidState(name, "the initial response was already produced");
        }
        return evaluate(new byte[0]);
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
        byte[] c = SaslErrors.nonNull(challenge);
        if (client.isComplete()) {
            throw SaslErrors.afterCompletion(name);
        }
        if (CRAM_MD5.equals(name) && c.length == 0) {
            throw SaslErrors.protocol(name, "the server's challenge is empty");
        }
        return evaluate(c);
    }

    private byte[] evaluate(byte[] challenge) {
        started = true;
        byte[] response;
        try {
            response = client.evaluateChallenge(challenge);
        } catch (SaslException | RuntimeException e) {
            throw SaslErrors.protocol(name, "could not answer the server's challenge (" + e.getMessage() + ")", e);
        }
        if (client.isComplete()) {
            dispose();
        }
        return response == null ? new byte[0] : response;
    }

    private void dispose() {
        try {
            client.dispose();
        } catch (SaslException | RuntimeException ignored) {
            // only clears the JDK client's copy of the password
        }
    }

    @Override
    public boolean isComplete() {
        return client.isComplete();
    }

    @Override
    public boolean revealsPassword() {
        return PLAIN.equals(name);
    }

    @Override
    public String toString() {
        return "SaslMechanism[" + name + ", complete=" + isComplete() + ']';
    }
}
