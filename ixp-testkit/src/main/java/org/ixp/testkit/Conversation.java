package org.ixp.testkit;

import java.time.Duration;

/**
 * The server end of one accepted connection, as seen by a {@link Script}.
 *
 * <p><b>Encoding.</b> Text is UTF-8 both ways: {@link #send}, {@link #sendRaw(String)} and
 * {@link #dribble} encode with UTF-8, {@link #readLine} and {@link #readUntilDotLine} decode with
 * UTF-8 (malformed bytes become U+FFFD). Use {@link #sendRaw(byte[])} / {@link #readBytes(int)}
 * for exact bytes.
 *
 * <p><b>Writes</b> are written and flushed at once (TCP_NODELAY is on), so each call normally
 * reaches the client as its own segment. If the client has gone away, a write ends the script
 * quietly (the error is kept in {@link ScriptedServer#ioErrors()}, not in the script failures).
 *
 * <p><b>Reads</b> wait at most {@link ScriptedServer#READ_TIMEOUT} for data; a timeout throws an
 * {@link AssertionError} (recorded as a script failure). A connection reset or other read error
 * counts as end of stream ({@link #clientClosed()} becomes true). Every line read, by any method,
 * is appended to {@link ScriptedServer#received()}.
 *
 * <p>Instances are used by the script's thread only and are not thread-safe.
 */
public interface Conversation {

    /** @return the 0-based number of this connection on its server */
    int index();

    /** @return true once TLS is active (implicit TLS, or after {@link #startTls()}) */
    boolean isTls();

    /**
     * Sends {@code line} followed by CRLF, UTF-8 encoded, in one write.
     *
     * @param line the line without terminator
     */
    void send(String line);

    /**
     * Sends exact bytes in one write.
     *
     * @param bytes the bytes
     */
    void sendRaw(byte[] bytes);

    /**
     * Sends {@code s} UTF-8 encoded, as is (no terminator added), in one write.
     *
     * @param s the text
     */
    void sendRaw(String s);

    /**
     * Sends {@code s} (UTF-8) one byte per write, pausing {@code perByte} after each byte.
     *
     * @param s       the text, no terminator added
     * @param perByte the pause after each byte
     */
    void dribble(String s, Duration perByte);

    /**
     * Reads the next line, terminated by LF or CRLF.
     *
     * @return the line without its terminator; a final unterminated fragment is returned as a line;
     *         null at end of stream
     */
    String readLine();

    /**
     * Reads a line and checks that it starts with {@code prefix}, ignoring case.
     *
     * @param prefix the expected beginning
     * @return the line
     * @throws AssertionError if the line does not match or the client closed
     */
    String expect(String prefix);

    /**
     * Reads exactly {@code n} bytes, or fewer if the client closes first.
     *
     * @param n how many bytes
     * @return the bytes read
     */
    byte[] readBytes(int n);

    /**
     * Reads a dot-terminated body (up to a line consisting of a single ".").
     *
     * @return the raw body, dot-stuffing kept, each line with the terminator the client sent
     *         (normally CRLF), without the final ".\r\n"
     * @throws AssertionError if the client closes before the terminating line
     */
    String readUntilDotLine();

    /**
     * Performs the server side of a TLS handshake on the existing connection (the script must have
     * sent the go-ahead already). Bytes the client sent after the STARTTLS command line are fed to
     * the handshake. If the handshake fails, the failure is recorded in
     * {@link ScriptedServer#handshakeFailures()}, the connection is closed and the script ends
     * (not recorded as a script failure).
     */
    void startTls();

    /**
     * Sends {@code plaintext} exactly as given (one write, nothing appended), then {@link #startTls()}.
     * For the STARTTLS response-injection attack, pass the go-ahead and the injected lines together,
     * e.g. {@code "220 Ready\r\n250 injected\r\n"}, so they arrive in one segment.
     *
     * @param plaintext the clear text to send before the handshake
     */
    void startTlsAfterInjecting(String plaintext);

    /**
     * Sleeps without reading or writing.
     *
     * @param d how long
     */
    void sleep(Duration d);

    /**
     * Reads (and records, see {@link ScriptedServer#received()}) until the client closes or
     * {@code max} has elapsed, then returns quietly either way.
     *
     * @param max the longest wait
     */
    void awaitClientClose(Duration max);

    /** @return true once end of stream (or a read error) has been seen */
    boolean clientClosed();

    /**
     * Does not read for {@code d}, so that a client writing a lot eventually blocks.
     *
     * @param d how long
     */
    void stopReading(Duration d);

    /**
     * Never answers: reads and records whatever arrives, until the client closes or {@code max} elapses.
     *
     * @param max the longest wait
     */
    void silence(Duration max);

    /**
     * Closes the connection now, without draining: on TLS a close_notify is sent first, then the
     * TCP connection is closed. Unread client data makes the kernel send an RST.
     * Further reads or writes fail.
     */
    void close();

    /**
     * Closes the TCP connection now without a TLS close_notify (a truncation); on a plain connection
     * this is the same as {@link #close()}.
     */
    void closeTcp();

    /** Aborts the connection with a TCP RST (SO_LINGER 0, then close). */
    void reset();
}
