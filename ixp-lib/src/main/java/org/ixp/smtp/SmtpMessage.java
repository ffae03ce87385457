package org.ixp.smtp;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ixp.Arguments;
import org.ixp.IxpCode;
import org.ixp.IxpException;

/**
 * SMTPMESSAGE / SMTPMESSAGE2: a message to send — its envelope (one sender, one or more recipients), its bytes as a
 * stream (RFC 5322, read once, in constant memory), the size when known, and the DSN envelope options.
 */
public final class SmtpMessage {
    private final InetAddr sender;
    private final List<InetAddr> recipients;
    private final InputStream stream;
    private final long size;
    private final String dsnEnvid;
    private final DsnRet dsnRet;
    private final boolean requireTls;

    private SmtpMessage(Builder b) {
        this.sender = b.sender;
        this.recipients = List.copyOf(b.recipients);
        this.stream = b.stream;
        this.size = b.size;
        this.dsnEnvid = b.dsnEnvid;
        this.dsnRet = b.dsnRet;
        this.requireTls = b.requireTls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * From the contract's address list (SMTPMESSAGE.rAddressList): exactly one FROM entry, at least one TO.
     *
     * @throws IxpException IXP_E_SMTP_NO_SENDER, IXP_E_SMTP_NO_RECIPIENTS, IXP_E_INVALID_ADDRESS_LIST
     */
    public static SmtpMessage of(List<InetAddr> addresses, InputStream stream, long size) {
        Builder b = builder().stream(stream).size(size);
        for (InetAddr a : addresses) {
            if (a.type() == AddrType.FROM) {
                if (b.sender != null) {
                    throw new IxpException(IxpCode.IXP_E_INVALID_ADDRESS_LIST, "more than one sender (ADDR_FROM)");
                }
                b.sender = a;
            } else {
                b.recipients.add(a);
            }
        }
        return b.build();
    }

    public InetAddr sender() { return sender; }
    public List<InetAddr> recipients() { return recipients; }
    public InputStream stream() { return stream; }
    /** cbSize: bytes in the stream, or -1 when unknown. */
    public long size() { return size; }
    /** pszDSNENVID, or {@code null}. */
    public String dsnEnvid() { return dsnEnvid; }
    public DsnRet dsnRet() { return dsnRet; }
    /** RFC 8689 REQUIRETLS: the message must only travel over TLS, end to end. */
    public boolean requireTls() { return requireTls; }

    /** Whether any DSN option was asked for (NOTIFY on a recipient, RET or ENVID). */
    boolean wantsDsn() {
        if (dsnEnvid != null || dsnRet != DsnRet.DEFAULT) {
            return true;
        }
        for (InetAddr r : recipients) {
            if (!r.dsn().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    boolean needsUtf8() {
        if (sender.needsUtf8()) {
            return true;
        }
        for (InetAddr r : recipients) {
            if (r.needsUtf8()) {
                return true;
            }
        }
        return false;
    }

    /** Builds an {@link SmtpMessage}. */
    public static final class Builder {
        private InetAddr sender;
        private final List<InetAddr> recipients = new ArrayList<>();
        private InputStream stream;
        private long size = -1;
        private String dsnEnvid;
        private DsnRet dsnRet = DsnRet.DEFAULT;
        private boolean requireTls;

        public Builder from(String email) { this.sender = InetAddr.from(email); return this; }
        public Builder to(String email, Dsn... notify) { recipients.add(InetAddr.to(email, notify)); return this; }
        public Builder recipient(InetAddr a) { recipients.add(Objects.requireNonNull(a)); return this; }
        public Builder stream(InputStream s) { this.stream = s; return this; }
        public Builder size(long s) { this.size = s; return this; }
        public Builder dsnEnvid(String envid) { this.dsnEnvid = envid; return this; }
        public Builder dsnRet(DsnRet ret) { this.dsnRet = Objects.requireNonNull(ret); return this; }
        public Builder requireTls(boolean v) { this.requireTls = v; return this; }

        public SmtpMessage build() {
            if (stream == null) {
                throw new IxpException(IxpCode.E_INVALIDARG, "the message stream is required");
            }
            if (sender == null) {
                throw new IxpException(IxpCode.IXP_E_SMTP_NO_SENDER, "the message has no sender (ADDR_FROM)");
            }
            if (recipients.isEmpty()) {
                throw new IxpException(IxpCode.IXP_E_SMTP_NO_RECIPIENTS, "the message has no recipient (ADDR_TO)");
            }
            for (InetAddr r : recipients) {
                if (r.type() != AddrType.TO) {
                    throw new IxpException(IxpCode.IXP_E_INVALID_ADDRESS_LIST, "recipient list holds a sender: " + r.email());
                }
            }
            if (dsnEnvid != null) {
                Arguments.requireSafe("DSN ENVID", dsnEnvid);
                if (!dsnEnvid.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    throw new IxpException(IxpCode.E_INVALIDARG, "DSN ENVID must be printable ASCII without spaces");
                }
            }
            return new SmtpMessage(this);
        }
    }
}
