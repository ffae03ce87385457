package org.ixp.nntp;

import java.util.Base64;
import org.ixp.InetServer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Secret;
import org.ixp.sasl.SaslCredentials;
import org.ixp.sasl.SaslMechanism;
import org.ixp.sasl.SaslMechanisms;

/**
 * One AUTHINFO logon (RFC 4643), as a state machine over status lines: USER/PASS (381 → PASS → 281), SASL (383
 * challenges → 281, or 283 with the server's final data; a SCRAM server must prove itself) or the obsolete SIMPLE
 * (RFC 2980: 350 → "user password" → 250). Every line carrying a secret is logged as {@code ****}. A challenge the
 * mechanism rejects is answered with {@code *} (cancel) and the logon fails with the mechanism's error.
 */
final class NntpLogin {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    enum Step { CONTINUE, SUCCEEDED, FAILED }

    /** Where the logon writes its lines (each expects one status line). */
    interface Lines {
        void send(String line, String logged);
    }

    private enum Kind { USERPASS, SASL, SIMPLE }

    private final Kind kind;
    private final String user;
    private final Secret password;
    private final SaslMechanism mechanism;
    private Lines out;
    private int stage;
    private IxpException failure;
    private IxpException clientError;

    private NntpLogin(Kind kind, String user, Secret password, SaslMechanism mechanism) {
        this.kind = kind;
        this.user = user;
        this.password = password;
        this.mechanism = mechanism;
    }

    /**
     * The logon for the connect flow: AUTHINFO SASL with the strongest mechanism both sides allow when the server
     * offers SASL, else AUTHINFO USER/PASS (password-revealing: only over TLS unless plaintext is allowed).
     *
     * @throws IxpException IXP_E_PLAINTEXT_AUTH_REFUSED, IXP_E_NO_AUTH_MECHANISM
     */
    static NntpLogin choose(NntpCapabilities caps, InetServer s, boolean encrypted) {
        if (s.userName() == null) {
            throw new IxpException(IxpCode.IXP_E_NNTP_AUTH_REQUIRED, "no user name to log on with");
        }
        IxpException saslFailure = null;
        if (caps.authinfoSasl() && !caps.saslMechanisms().isEmpty()) {
            try {
                SaslCredentials creds = new SaslCredentials(s.userName(), s.password(), s.oauthToken(), null);
                SaslMechanism m = SaslMechanisms.choose(caps.saslMechanisms(), creds, s.saslMechanisms(), encrypted,
                        s.allowPlaintextAuth(), s.trySicily(), "nntp", s.serverName());
                return new NntpLogin(Kind.SASL, s.userName(), null, m);
            } catch (IxpException e) {
                saslFailure = e;
            }
        }
        if (caps.authinfoUser() && s.hasPassword() && !s.trySicily()) {
            return userPass(s.userName(), s.password(), encrypted, s.allowPlaintextAuth());
        }
        if (saslFailure != null) {
            throw saslFailure;
        }
        throw new IxpException(IxpCode.IXP_E_NO_AUTH_MECHANISM, "the server offers no AUTHINFO form ixp can use"
                + " with these credentials (AUTHINFO: " + caps.arguments("AUTHINFO") + ", SASL: "
                + caps.saslMechanisms() + ")");
    }

    /** The logon answering a 480 mid-session, or {@code null} when there are no credentials to log on with. */
    static NntpLogin forRetry(NntpTransport transport, InetServer s, boolean encrypted) {
        NntpAuthInfo explicit = transport.explicitAuth();
        if (explicit != null) {
            return of(explicit, transport.nntpCapabilities(), s, encrypted);
        }
        if (s.userName() == null || (!s.hasPassword() && s.oauthToken() == null)) {
            return null;
        }
        NntpCapabilities caps = transport.nntpCapabilities();
        if (!caps.authinfo()) {
            return null; // not offered (e.g. already logged on): the 480 is the answer
        }
        return choose(caps, s, encrypted);
    }

    /** An explicit commandAUTHINFO. */
    static NntpLogin of(NntpAuthInfo info, NntpCapabilities caps, InetServer s, boolean encrypted) {
        if (info.user() == null || info.user().isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "AUTHINFO needs a user name");
        }
        switch (info.type()) {
            case USERPASS:
                return userPass(info.user(), info.password(), encrypted, s.allowPlaintextAuth());
            case SIMPLE:
                if (!encrypted && !s.allowPlaintextAuth()) {
                    throw plaintextRefused();
                }
                NntpCommands.token("user name", info.user());
                return new NntpLogin(Kind.SIMPLE, info.user(), requirePassword(info.password()), null);
            default:
                SaslCredentials creds = SaslCredentials.ofPassword(info.user(), info.password());
                SaslMechanism m = info.mechanism() != null
                        ? SaslMechanisms.create(info.mechanism(), creds, encrypted, s.allowPlaintextAuth(), "nntp",
                        s.serverName())
                        : SaslMechanisms.choose(caps.saslMechanisms(), creds, s.saslMechanisms(), encrypted,
                        s.allowPlaintextAuth(), false, "nntp", s.serverName());
                return new NntpLogin(Kind.SASL, info.user(), null, m);
        }
    }

    private static NntpLogin userPass(String user, Secret password, boolean encrypted, boolean allowPlaintext) {
        if (!encrypted && !allowPlaintext) {
            throw plaintextRefused();
        }
        NntpCommands.token("user name", user);
        return new NntpLogin(Kind.USERPASS, user, requirePassword(password), null);
    }

    private static Secret requirePassword(Secret password) {
        if (password == null || password.isEmpty()) {
            throw new IxpException(IxpCode.E_INVALIDARG, "AUTHINFO needs a password");
        }
        return password;
    }

    private static IxpException plaintextRefused() {
        return new IxpException(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED, "AUTHINFO USER/PASS would reveal the password"
                + " on an unencrypted connection; use TLS or allow plaintext logon");
    }

    /** The mechanism (SASL) or form, for logs. */
    String name() {
        return kind == Kind.SASL ? "SASL " + mechanism.name() : kind.name();
    }

    void start(Lines lines) {
        this.out = lines;
        switch (kind) {
            case USERPASS -> out.send(NntpCommands.authinfoUser(user), NntpCommands.authinfoUser(user));
            case SIMPLE -> out.send("AUTHINFO SIMPLE", "AUTHINFO SIMPLE");
            default -> {
                if (mechanism.hasInitialResponse()) {
                    byte[] ir = mechanism.initialResponse();
                    String encoded = ir == null || ir.length == 0 ? "=" : B64.encodeToString(ir);
                    out.send(NntpCommands.authinfoSasl(mechanism.name(), encoded),
                            "AUTHINFO SASL " + mechanism.name() + " ****");
                } else {
                    String line = NntpCommands.authinfoSasl(mechanism.name(), null);
                    out.send(line, line);
                }
            }
        }
    }

    Step onReply(NntpReply reply) {
        return switch (kind) {
            case USERPASS -> userPassStep(reply);
            case SIMPLE -> simpleStep(reply);
            default -> saslStep(reply);
        };
    }

    private Step userPassStep(NntpReply reply) {
        if (reply.code() == 281) {
            return Step.SUCCEEDED;
        }
        if (reply.code() == 381 && stage == 0) {
            stage = 1;
            out.send(NntpCommands.authinfoPass(password.reveal()), "AUTHINFO PASS ****");
            return Step.CONTINUE;
        }
        return failed(reply, "AUTHINFO USER/PASS");
    }

    private Step simpleStep(NntpReply reply) {
        if (stage == 0 && reply.code() == 350) {
            stage = 1;
            String secret = password.reveal();
            org.ixp.Arguments.requireSafe("password", secret);
            out.send(user + " " + secret, user + " ****");
            return Step.CONTINUE;
        }
        if (stage == 1 && reply.code() == 250) {
            return Step.SUCCEEDED;
        }
        return failed(reply, "AUTHINFO SIMPLE");
    }

    private Step saslStep(NntpReply reply) {
        switch (reply.code()) {
            case 383 -> {
                if (clientError != null) {
                    return Step.CONTINUE;
                }
                try {
                    String answer = org.ixp.sasl.SaslLineStep.answer(mechanism, reply.text(), "AUTHINFO SASL");
                    out.send(answer.isEmpty() ? "=" : answer, "****");
                } catch (IxpException e) {
                    return cancel(e);
                }
                return Step.CONTINUE;
            }
            case 281, 283 -> {
                if (clientError != null) {
                    failure = clientError;
                    return Step.FAILED;
                }
                if (reply.code() == 283) {
                    try {
                        mechanism.evaluateChallenge(org.ixp.sasl.SaslLineStep.challenge(reply.text(), "AUTHINFO SASL"));
                    } catch (IxpException e) {
                        failure = new IxpException(NntpCodes.result(IxpCode.IXP_E_AUTH_FAILED, reply,
                                mechanism.name() + ": the server's final data was not accepted"));
                        return Step.FAILED;
                    }
                }
                if (!mechanism.isComplete()) {
                    failure = new IxpException(NntpCodes.result(IxpCode.IXP_E_AUTH_FAILED, reply,
                            mechanism.name() + " ended before the server proved itself"));
                    return Step.FAILED;
                }
                return Step.SUCCEEDED;
            }
            default -> {
                if (clientError != null) {
                    failure = clientError;
                    return Step.FAILED;
                }
                return failed(reply, "AUTHINFO SASL " + mechanism.name()
                        + (mechanism.serverError() != null ? ": " + mechanism.serverError() : ""));
            }
        }
    }

    private Step cancel(IxpException e) {
        clientError = e;
        out.send("*", "*");
        return Step.CONTINUE;
    }

    private Step failed(NntpReply reply, String what) {
        IxpCode code = NntpCodes.toIxpCode(reply.code());
        if (reply.code() == 452 || reply.code() == 481) {
            code = IxpCode.IXP_E_AUTH_FAILED;
        }
        failure = new IxpException(NntpCodes.result(code, reply, what + " failed"));
        return Step.FAILED;
    }

    IxpException failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "AUTHINFO " + name();
    }
}
