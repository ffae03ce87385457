package org.ixp;

/** The INETSERVER {@code ISF_*} flags. Values as in the contract. */
public enum ServerFlag {
    /** Send the local IP address literal as the EHLO/HELO argument (SMTP). */
    SMTP_USEIPFORHELO(0x01),
    /** Never keep the password: ask {@link TransportCallback#onLogonPrompt} every time. */
    ALWAYSPROMPTFORPASSWORD(0x02),
    /** STARTTLS on the normal port (SMTP); implied by {@link Security#STARTTLS}. */
    SSLONSAMEPORT(0x04),
    /** Send EHLO at connect and note DSN support (SMTP). */
    QUERYDSNSUPPORT(0x08),
    /** Send EHLO at connect and note AUTH support (SMTP). */
    QUERYAUTHSUPPORT(0x10);

    private final int value;

    ServerFlag(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
