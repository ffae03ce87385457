package org.ixp;

/** The answer to {@link TransportCallback#onLogonPrompt}: new credentials ({@code S_OK}) or cancel ({@code S_FALSE}). */
public final class LogonDecision {
    private static final LogonDecision CANCEL = new LogonDecision(null, null);
    private final String userName;
    private final Secret password;

    private LogonDecision(String userName, Secret password) {
        this.userName = userName;
        this.password = password;
    }

    /** Cancel the logon: the transport ends DISCONNECTED and connect fails with the server's rejection. */
    public static LogonDecision cancel() {
        return CANCEL;
    }

    /** Try again with these credentials (status AUTHRETRY). */
    public static LogonDecision retry(String userName, Secret password) {
        return new LogonDecision(userName, password);
    }

    public boolean isCancel() {
        return this == CANCEL;
    }

    public String userName() {
        return userName;
    }

    public Secret password() {
        return password;
    }

    @Override
    public String toString() {
        return isCancel() ? "cancel" : "retry(user=" + userName + ", password=****)";
    }
}
