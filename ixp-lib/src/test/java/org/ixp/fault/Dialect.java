package org.ixp.fault;

import java.util.concurrent.CompletableFuture;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.testkit.Conversation;

/**
 * One protocol as the fault matrix needs it: a well-behaved server's answers (so a scenario can serve normally up to
 * the moment it misbehaves) and the client calls a scenario makes. Server answers offer only what the matrix needs:
 * STARTTLS (when asked), plaintext logon with a user name and password, one multi-line command, one single-line
 * command, one upload (DATA, APPEND, POST) and the goodbye.
 */
interface Dialect {
    String USER = "fault-user";
    String PASSWORD = "fault-Pa55word";

    /** SMTP, POP3, IMAP or NNTP: the matrix's column. */
    String name();

    /** A new transport of the protocol (its callback type is one FaultRecorder implements). */
    InternetTransport<? super FaultRecorder> create();

    /** A transport with {@code cb} registered (initNew done). */
    default InternetTransport<?> transport(FaultRecorder cb) {
        InternetTransport<? super FaultRecorder> t = create();
        t.initNew(null, cb);
        return t;
    }

    /** The settings every case starts from: the server, credentials, plaintext logon allowed. */
    default InetServer.Builder settings(InetServer.Builder base) {
        return base.userName(USER).password(PASSWORD).allowPlaintextAuth(true);
    }

    /** The greeting line (without CRLF). */
    String greeting();

    /**
     * Answers one client line as a well-behaved server does (TLS upgrades included).
     *
     * @param offerTls whether capability lists offer STARTTLS
     * @return false once the line was the goodbye (answered), true otherwise
     */
    boolean answer(Conversation c, String line, boolean offerTls);

    /** Whether a client line carries (or starts sending) a credential: the STARTTLS-before-credentials check. */
    boolean isCredential(String line);

    /** Whether a client line is the goodbye (QUIT, LOGOUT). */
    boolean isGoodbye(String line);

    /** The STARTTLS command line's start, and the go-ahead a server sends before the handshake (no CRLF). */
    String startTlsCommand();

    String startTlsGoAhead(String line);

    // ---------------------------------------------------------------- the client's calls and their server lines

    /** A command whose reply spans several lines (EHLO-style NOOP reply, LIST, LIST, LIST). */
    CompletableFuture<?> multiLine(InternetTransport<?> t);

    boolean isMultiLine(String line);

    /** The first part of the multi-line reply, CRLF-terminated, with the end still missing. */
    String multiLineFirstPart(String line);

    /** A command with a one-line reply (NOOP, NOOP, NOOP, DATE). */
    CompletableFuture<?> simple(InternetTransport<?> t);

    boolean isSimple(String line);

    /** The reply line {@code line} would get, with the tag where there is one, for a given status word/code. */
    String simpleReply(String line, String status);

    /** A refusal of the simple command (500, -ERR, NO, 500). */
    String refusal(String line);

    /** Something that is not a reply at all. */
    String garbage(String line);

    /** What the server says when it ends the session on its own (421, -ERR, * BYE, 400). */
    String unsolicitedEnd();

    /**
     * The command that hands the server something to keep: an upload of {@code size} bytes from {@code body}
     * (SMTP DATA, IMAP APPEND, NNTP POST); POP3 has no upload, its equivalent is DELE (body ignored).
     */
    CompletableFuture<?> upload(InternetTransport<?> t, java.io.InputStream body, long size);

    /** Whether a client line is the one that starts the upload's data (DATA, APPEND, POST; POP3: DELE). */
    boolean isUpload(String line);

    /**
     * Plays the server up to the upload's data: sends the go-ahead for {@code line}. Returns the size of an IMAP
     * literal (the bytes to read), -1 for dot-terminated data, 0 when there is no data (POP3 DELE).
     */
    long uploadGoAhead(Conversation c, String line);

    /** Whether the protocol streams an upload big enough to block our writes (not POP3). */
    default boolean uploads() {
        return true;
    }

    /** A command whose reply carries a size or count the server may inflate. */
    CompletableFuture<?> sizeCommand(InternetTransport<?> t);

    boolean isSizeCommand(String line);

    /** The reply to the size command, claiming an absurd size or count (per protocol, see docs/FAULTS.md). */
    String hugeSizeReply(String line);

    /** What to do before the goodbye so that it carries a commitment (POP3: DELE 1); null when nothing. */
    default CompletableFuture<?> beforeGoodbye(InternetTransport<?> t) {
        return null;
    }

    /** Whether the transport reports that the server committed what the session did (POP3: deletions). */
    default boolean reportsCommitted(InternetTransport<?> t) {
        return false;
    }
}
