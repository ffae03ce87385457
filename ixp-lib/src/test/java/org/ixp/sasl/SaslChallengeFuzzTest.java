package org.ixp.sasl;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ixp.IxpException;
import org.ixp.Secret;

/**
 * Hostile server challenges for every mechanism: each step either answers or fails with an IxpException — never
 * another exception, never a hang.
 */
class SaslChallengeFuzzTest {
    private static final String[] MECHANISMS = {"SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "LOGIN", "PLAIN",
            "XOAUTH2", "OAUTHBEARER"};

    @FuzzTest(maxDuration = "30s")
    void challengesAreAnsweredOrRefused(FuzzedDataProvider data) {
        String name = data.pickValue(MECHANISMS);
        SaslCredentials creds = new SaslCredentials("alice", Secret.of("pencil"), () -> "token-123", null);
        SaslMechanism m = SaslMechanisms.create(name, creds, true, false, "imap", "mail.example.com");
        try {
            if (m.hasInitialResponse()) {
                m.initialResponse();
            }
            for (int step = 0; step < 4 && data.remainingBytes() > 0; step++) {
                m.evaluateChallenge(data.consumeBytes(data.consumeInt(0, 512)));
            }
        } catch (IxpException expected) {
            // refused with a code: the contract
        }
    }
}
