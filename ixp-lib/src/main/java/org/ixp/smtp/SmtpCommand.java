package org.ixp.smtp;

/** SMTPCOMMAND: which command or phase an {@link SmtpResponse} belongs to. Values as in the contract. */
public enum SmtpCommand {
    NONE(0), BANNER(1), CONNECTED(2), SEND_MESSAGE(3), AUTH(4), EHLO(5), HELO(6), MAIL(7), RCPT(8), RSET(9),
    QUIT(10), DATA(11), DOT(12), SEND_STREAM(13), CUSTOM(14);

    private final int value;

    SmtpCommand(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
