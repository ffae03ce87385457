package org.ixp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * INETSERVER: where and how to connect. Immutable; {@link #toBuilder()} makes a changed copy.
 * The password and the OAuth token never appear in {@link #toString()}.
 */
public final class InetServer {
    private final String account;
    private final String userName;
    private final Secret password;
    private final Supplier<String> oauthToken;
    private final String serverName;
    private final String connectoid;
    private final int port;
    private final Security security;
    private final boolean trySicily;
    private final Timeouts timeouts;
    private final Set<ServerFlag> flags;
    private final TlsSettings tls;
    private final boolean allowPlaintextAuth;
    private final List<String> saslMechanisms;
    private final Limits limits;
    private final String localHostName;
    private final boolean compression;

    private InetServer(Builder b) {
        this.account = b.account;
        this.userName = b.userName;
        this.password = b.password;
        this.oauthToken = b.oauthToken;
        this.serverName = b.serverName;
        this.connectoid = b.connectoid;
        this.port = b.port;
        this.security = b.security;
        this.trySicily = b.trySicily;
        this.timeouts = b.timeouts;
        this.flags = Collections.unmodifiableSet(b.flags.isEmpty() ? EnumSet.noneOf(ServerFlag.class) : EnumSet.copyOf(b.flags));
        this.tls = b.tls;
        this.allowPlaintextAuth = b.allowPlaintextAuth;
        this.saslMechanisms = List.copyOf(b.saslMechanisms);
        this.limits = b.limits;
        this.localHostName = b.localHostName;
        this.compression = b.compression;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.account = account;
        b.userName = userName;
        b.password = password;
        b.oauthToken = oauthToken;
        b.serverName = serverName;
        b.connectoid = connectoid;
        b.port = port;
        b.security = security;
        b.trySicily = trySicily;
        b.timeouts = timeouts;
        b.flags = flags.isEmpty() ? EnumSet.noneOf(ServerFlag.class) : EnumSet.copyOf(flags);
        b.tls = tls;
        b.allowPlaintextAuth = allowPlaintextAuth;
        b.saslMechanisms = saslMechanisms;
        b.limits = limits;
        b.localHostName = localHostName;
        b.compression = compression;
        return b;
    }

    /** A copy with new credentials, as {@link TransportCallback#onLogonPrompt} supplies them. */
    public InetServer withCredentials(String user, Secret newPassword) {
        return toBuilder().userName(user).password(newPassword).build();
    }

    /** szAccount: the account name, for display. */
    public String account() { return account; }
    /** szUserName. */
    public String userName() { return userName; }
    /** szPassword; never logged. */
    public Secret password() { return password; }
    /** The OAuth 2 bearer token source for XOAUTH2 / OAUTHBEARER, or {@code null}. */
    public Supplier<String> oauthToken() { return oauthToken; }
    /** szServerName: host name or address literal. */
    public String serverName() { return serverName; }
    /** szConnectoid: kept for fidelity; ixp does no dial-up. */
    public String connectoid() { return connectoid; }
    /** dwPort; 0 means the protocol's default for the chosen {@link #security()}. */
    public int port() { return port; }
    public Security security() { return security; }
    /** fSSL: TLS from the first byte. */
    public boolean ssl() { return security == Security.IMPLICIT_TLS; }
    /** fTrySicily: use SPA, i.e. NTLM. */
    public boolean trySicily() { return trySicily; }
    public Timeouts timeouts() { return timeouts; }
    /** dwTimeout in seconds: the response (inactivity) timeout. */
    public long timeoutSeconds() { return timeouts.response().toSeconds(); }
    public Set<ServerFlag> flags() { return flags; }
    public boolean has(ServerFlag flag) { return flags.contains(flag); }
    public TlsSettings tls() { return tls; }
    /** The user explicitly allows a password to travel without TLS. */
    public boolean allowPlaintextAuth() { return allowPlaintextAuth; }
    /** Mechanisms the user allows, strongest first; empty means every mechanism ixp knows. */
    public List<String> saslMechanisms() { return saslMechanisms; }
    public Limits limits() { return limits; }
    /** Name sent in EHLO/HELO; {@code null} means the local host's name. */
    public String localHostName() { return localHostName; }
    /** Whether DEFLATE compression (NNTP/IMAP COMPRESS) is used when the server offers it; default true. */
    public boolean compression() { return compression; }
    public boolean hasPassword() { return password != null && !password.isEmpty(); }

    @Override
    public String toString() {
        return "InetServer{account=" + account + ", user=" + userName
                + ", password=" + (password == null ? "none" : "****")
                + ", oauthToken=" + (oauthToken == null ? "none" : "****")
                + ", server=" + serverName + ", port=" + port + ", security=" + security
                + ", spa=" + trySicily + ", flags=" + flags + ", tls=" + tls + ", timeouts=" + timeouts + '}';
    }

    /** Builds an {@link InetServer}. Only {@link #serverName} is required. */
    public static final class Builder {
        private String account = "";
        private String userName;
        private Secret password;
        private Supplier<String> oauthToken;
        private String serverName;
        private String connectoid = "";
        private int port;
        private Security security = Security.STARTTLS;
        private boolean trySicily;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private Set<ServerFlag> flags = EnumSet.noneOf(ServerFlag.class);
        private TlsSettings tls = TlsSettings.DEFAULT;
        private boolean allowPlaintextAuth;
        private List<String> saslMechanisms = List.of();
        private Limits limits = Limits.DEFAULT;
        private String localHostName;
        private boolean compression = true;

        private Builder() {
        }

        public Builder account(String v) { this.account = v == null ? "" : v; return this; }
        public Builder userName(String v) { this.userName = v; return this; }
        public Builder password(Secret v) { this.password = v; return this; }
        public Builder password(String v) { this.password = v == null ? null : Secret.of(v); return this; }
        public Builder oauthToken(Supplier<String> v) { this.oauthToken = v; return this; }
        public Builder serverName(String v) { this.serverName = v; return this; }
        public Builder connectoid(String v) { this.connectoid = v == null ? "" : v; return this; }
        public Builder port(int v) { this.port = v; return this; }
        public Builder security(Security v) { this.security = Objects.requireNonNull(v); return this; }
        public Builder trySicily(boolean v) { this.trySicily = v; return this; }
        public Builder timeouts(Timeouts v) { this.timeouts = Objects.requireNonNull(v); return this; }
        public Builder flags(Set<ServerFlag> v) { this.flags = v.isEmpty() ? EnumSet.noneOf(ServerFlag.class) : EnumSet.copyOf(v); return this; }
        public Builder flag(ServerFlag v) { this.flags.add(v); return this; }
        public Builder tls(TlsSettings v) { this.tls = Objects.requireNonNull(v); return this; }
        public Builder allowPlaintextAuth(boolean v) { this.allowPlaintextAuth = v; return this; }
        public Builder saslMechanisms(List<String> v) { this.saslMechanisms = List.copyOf(v); return this; }
        public Builder limits(Limits v) { this.limits = Objects.requireNonNull(v); return this; }
        public Builder localHostName(String v) { this.localHostName = v; return this; }
        public Builder compression(boolean v) { this.compression = v; return this; }

        /** @throws IxpException E_INVALIDARG when a field is invalid (missing host, bad port, CR/LF/NUL in a name) */
        public InetServer build() {
            if (serverName == null || serverName.isBlank()) {
                throw new IxpException(IxpCode.E_INVALIDARG, "server name is required");
            }
            if (port < 0 || port > 65535) {
                throw new IxpException(IxpCode.E_INVALIDARG, "port out of range: " + port);
            }
            Arguments.requireSafe("server name", serverName);
            Arguments.requireSafe("user name", userName);
            Arguments.requireSafe("local host name", localHostName);
            if (password != null) {
                Arguments.requireSafeSecret("password", password);
            }
            return new InetServer(this);
        }
    }
}
