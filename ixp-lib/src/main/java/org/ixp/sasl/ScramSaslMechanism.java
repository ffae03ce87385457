package org.ixp.sasl;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.ServerFirstMessage;
import com.ongres.scram.common.exception.ScramInvalidServerSignatureException;
import com.ongres.scram.common.exception.ScramServerErrorException;
import java.util.List;
import java.util.function.Supplier;

/**
 * SCRAM-SHA-256 (RFC 7677) and SCRAM-SHA-1 (RFC 5802), done by ongres {@code scram-client}.
 *
 * <p>Four messages: client-first (the initial response), server-first, client-final, server-final. The
 * exchange is complete only once the server-final message has proved that the server knows the
 * password; it may arrive as a last challenge (answered with an empty response) or as the additional
 * data of the success reply. No channel binding: the gs2 flag is {@code n}, so {@code -PLUS} variants
 * are not offered.
 *
 * <p>Computing the client proof costs {@code i} PBKDF2 rounds on the calling thread (servers' defaults are
 * 4096 to 15000, about 2-6 ms; 600000, OWASP's 2023 advice for PBKDF2-SHA256, costs about 0.25 s). A
 * server that asks for more than {@link #MAX_ITERATIONS} is refused, so a hostile one cannot stall the
 * thread for long.
 */
final class ScramSaslMechanism implements SaslMechanism {
    static final String SHA_256 = "SCRAM-SHA-256";
    static final String SHA_1 = "SCRAM-SHA-1";

    /** Above OWASP's advice for PBKDF2-SHA256 (600000); about 0.4 s of CPU on a 2024 x86 core. */
    static final int MAX_ITERATIONS = 1_000_000;

    private enum State { NEW, FIRST_SENT, FINAL_SENT, COMPLETE }

    private final String name;
    private final ScramClient client;
    private State state = State.NEW;

    ScramSaslMechanism(String name, SaslCredentials credentials) {
        this(name, credentials, null);
    }

    /** @param nonce a fixed client nonce, for known-answer tests only; {@code null} for a random one */
    ScramSaslMechanism(String name, SaslCredentials credentials, Supplier<String> nonce) {
        if (!SHA_256.equals(name) && !SHA_1.equals(name)) {
            throw SaslErrors.invalidArg(name, "not a SCRAM mechanism ixp supports");
        }
        if (!credentials.hasPassword()) {
            throw SaslErrors.invalidArg(name, "a password is required");
        }
        this.name = name;
        try {
            ScramClient.FinalBuildStage b = ScramClient.builder()
                    .advertisedMechanisms(List.of(name))
                    .username(credentials.userName())
                    .password(credentials.password().reveal().toCharArray());
            if (credentials.authorizationId() != null) {
                b.authzid(credentials.authorizationId());
            }
            if (nonce != null) {
                b.nonceSupplier(nonce);
            }
            this.client = b.build();
        } catch (RuntimeException e) {
            throw SaslErrors.invalidArg(name, "the SCRAM client could not be set up (" + e.getMessage() + ")");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasInitialResponse() {
        return true;
    }

    @Override
    public byte[] initialResponse() {
        if (state != State.NEW) {
            throw SaslErrors.invalidState(name, "the initial response was already produced");
        }
        try {
            String first = client.clientFirstMessage().toString();
            state = State.FIRST_SENT;
            return SaslErrors.utf8(first);
        } catch (RuntimeException e) {
            // SASLprep refused the user name (prohibited characters)
            throw SaslErrors.invalidArg(name, "the user name cannot be used with SCRAM (" + e.getMessage() + ")");
        }
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
        byte[] c = SaslErrors.nonNull(challenge);
        return switch (state) {
            case NEW -> {
                if (c.length != 0) {
                    throw SaslErrors.protocol(name, "the server sent a challenge before the client's first message");
                }
                yield initialResponse();
            }
            case FIRST_SENT -> serverFirst(SaslErrors.utf8(c));
            case FINAL_SENT -> serverFinal(SaslErrors.utf8(c));
            case COMPLETE -> throw SaslErrors.afterCompletion(name);
        };
    }

    private byte[] serverFirst(String message) {
        ServerFirstMessage first;
        try {
            first = client.serverFirstMessage(message);
        } catch (Exception e) {
            throw SaslErrors.protocol(name, "malformed server-first-message (" + e.getMessage() + ")", e);
        }
        int iterations = first.getIterationCount();
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw SaslErrors.protocol(name, "the server asks for " + iterations
                    + " iterations; ixp accepts 1 to " + MAX_ITERATIONS);
        }
        String clientFinal;
        try {
            clientFinal = client.clientFinalMessage().toString();
        } catch (RuntimeException e) {
            throw SaslErrors.protocol(name, "the server-first-message cannot be used (" + e.getMessage() + ")", e);
        }
        state = State.FINAL_SENT;
        return SaslErrors.utf8(clientFinal);
    }

    private byte[] serverFinal(String message) {
        try {
            client.serverFinalMessage(message);
        } catch (ScramServerErrorException e) {
            throw SaslErrors.authFailed(name,
                    "the server reported " + e.getServerError() + " (" + e.getMessage() + ")");
        } catch (ScramInvalidServerSignatureException e) {
            throw SaslErrors.authFailed(name,
                    "the server's signature is wrong: it did not prove it knows the password (possible impostor)");
        } catch (Exception e) {
            throw SaslErrors.protocol(name, "malformed server-final-message (" + e.getMessage() + ")", e);
        }
        state = State.COMPLETE;
        return new byte[0];
    }

    @Override
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    @Override
    public boolean revealsPassword() {
        return false;
    }

    @Override
    public String toString() {
        return "SaslMechanism[" + name + ", state=" + state + ']';
    }
}
