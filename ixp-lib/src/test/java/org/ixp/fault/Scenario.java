package org.ixp.fault;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpStatus;
import org.ixp.Security;
import org.ixp.Timeouts;
import org.ixp.testkit.Conversation;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.ixp.testkit.TestCertificate;

/**
 * The hostile-server scenarios of issue 7 §1, each a server part (what the scripted server does, built from the
 * protocol's {@link Dialect}) and a client part (what the application calls, and the {@link Outcome} it saw). The
 * expected outcome per protocol is in {@link FaultTable}; docs/FAULTS.md is that table.
 */
enum Scenario {
    CLOSE_IN_GREETING("the server closes during the greeting (half a line, then FIN)", Setup.PLAIN,
            (d, c) -> {
                c.sendRaw(d.greeting().substring(0, 8));
                c.closeTcp();
            },
            Client::connect),
    CLOSE_IN_AUTH("the server closes when the credentials arrive", Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                if (Serve.until(d, c, false, d::isCredential) != null) {
                    c.closeTcp();
                }
            },
            Client::connect),
    CLOSE_MID_MULTILINE("the server closes in the middle of a multi-line response", Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, false, d::isMultiLine);
                if (l != null) {
                    c.sendRaw(d.multiLineFirstPart(l));
                    c.closeTcp();
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(k.dialect().multiLine(k.transport()));
            }),
    CLOSE_AFTER_DATA("the server closes after the end of the data, before its verdict (POP3: after DELE)", Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, false, d::isUpload);
                if (l != null) {
                    Client.readUpload(c, d.uploadGoAhead(c, l));
                    c.closeTcp();
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(k.dialect().upload(k.transport(), Client.body(4096), 4096));
            }),
    CLOSE_IN_GOODBYE("the server closes on the goodbye without answering it", Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                if (Serve.until(d, c, false, d::isGoodbye) != null) {
                    c.closeTcp();
                }
            },
            Client::goodbye),
    SILENT_AT_CONNECT("TCP connect never completes (the listener's accept queue is full)", Setup.BLACK_HOLE,
            (d, c) -> { },
            Client::connect),
    SILENT_AT_TLS_HANDSHAKE("implicit TLS: the server never answers the ClientHello", Setup.SILENT_TLS,
            (d, c) -> c.silence(Duration.ofSeconds(10)),
            Client::connect),
    SILENT_AT_GREETING("the server accepts and never greets", Setup.SHORT_RESPONSE,
            (d, c) -> c.silence(Duration.ofSeconds(10)),
            Client::connect),
    SILENT_AT_COMMAND("the server never answers a command", Setup.SHORT_RESPONSE,
            (d, c) -> {
                Serve.greet(d, c);
                if (Serve.until(d, c, false, d::isSimple) != null) {
                    c.silence(Duration.ofSeconds(10));
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(k.dialect().simple(k.transport()));
            }),
    SILENT_AT_GOODBYE("the server never answers the goodbye", Setup.SHORT_GOODBYE,
            (d, c) -> {
                Serve.greet(d, c);
                if (Serve.until(d, c, false, d::isGoodbye) != null) {
                    c.silence(Duration.ofSeconds(10));
                }
            },
            Client::goodbye),
    DRIP_ONE_BYTE_A_SECOND("the greeting arrives one byte a second (response timeout 700 ms, an idle timeout)",
            Setup.SHORT_RESPONSE,
            (d, c) -> c.dribble(d.greeting() + "\r\n", Duration.ofSeconds(1)),
            Client::connect),
    STOPS_READING("the server stops reading during a 40 MiB upload (more than the kernel buffers), so our writes block", Setup.SHORT_WRITE,
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, false, d::isUpload);
                if (l != null) {
                    d.uploadGoAhead(c, l);
                    c.stopReading(Duration.ofSeconds(10));
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(k.dialect().upload(k.transport(), Client.lazyBody(40 << 20), 40 << 20));
            }),
    LINE_OF_10_MB("a command's reply is a 10 MB line", Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                if (Serve.until(d, c, false, d::isSimple) != null) {
                    c.sendRaw(Client.TEN_MB);
                    c.silence(Duration.ofSeconds(10));
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(k.dialect().simple(k.transport()));
            }),
    HUGE_SIZE_CLAIM("a reply claims an absurd size or count (SMTP SIZE, POP3 LIST, IMAP {2^31} literal, NNTP GROUP)",
            Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                if (Serve.until(d, c, false, d::isSizeCommand) != null) {
                    c.send(d.hugeSizeReply(""));
                    Serve.toEnd(d, c, false);
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(k.dialect().sizeCommand(k.transport()));
            }),
    GARBAGE_REPLY("a command is answered with a line that is no reply at all (IMAP: skipped as malformed; the command"
            + " then waits for its tagged reply, bounded by the response timeout)", Setup.SHORT_RESPONSE,
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, false, d::isSimple);
                if (l != null) {
                    c.send(d.garbage(l));
                    Serve.toEnd(d, c, false);
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(k.dialect().simple(k.transport()));
            }),
    REFUSAL_AT_RANDOM("a command is refused for no reason (500, -ERR, NO, 503): that command fails, the session goes on",
            Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, false, d::isSimple);
                if (l != null) {
                    c.send(d.refusal(l));
                    Serve.toEnd(d, c, false);
                }
            },
            k -> {
                Client.connected(k);
                Outcome o = Client.outcome(k.dialect().simple(k.transport()));
                Client.stillConnected(k);
                return o;
            }),
    UNSOLICITED_END("between commands the server says it is going away (421, -ERR, * BYE, 400) and closes",
            Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, false, d::isSimple);
                if (l != null) {
                    d.answer(c, l, false);
                    c.sleep(Duration.ofMillis(100));
                    c.send(d.unsolicitedEnd());
                    c.closeTcp();
                }
            },
            k -> {
                Client.connected(k);
                Client.outcome(k.dialect().simple(k.transport()));
                return Client.serverEnded(k);
            }),
    TLS_HANDSHAKE_FAILURE("implicit TLS: the server answers the ClientHello in plaintext", Setup.PLAINTEXT_FOR_TLS,
            (d, c) -> {
                c.readBytes(5);
                c.send(d.greeting());
                c.awaitClientClose(Duration.ofSeconds(5));
            },
            Client::connect),
    CERT_EXPIRED_TLS("implicit TLS: the certificate has expired", Setup.tls(TestCertificate.expired()),
            (d, c) -> Serve.session(d, c, false), Client::connect),
    CERT_SELF_SIGNED_TLS("implicit TLS: the certificate is self-signed", Setup.tls(TestCertificate.selfSigned()),
            (d, c) -> Serve.session(d, c, false), Client::connect),
    CERT_WRONG_HOST_TLS("implicit TLS: the certificate names another host", Setup.tls(TestCertificate.wrongHost()),
            (d, c) -> Serve.session(d, c, false), Client::connect),
    CERT_EXPIRED_STARTTLS("STARTTLS: the certificate has expired", Setup.startTls(TestCertificate.expired()),
            (d, c) -> Serve.session(d, c, true), Client::connectNoCredentialAfterFailedTls),
    CERT_SELF_SIGNED_STARTTLS("STARTTLS: the certificate is self-signed", Setup.startTls(TestCertificate.selfSigned()),
            (d, c) -> Serve.session(d, c, true), Client::connectNoCredentialAfterFailedTls),
    CERT_WRONG_HOST_STARTTLS("STARTTLS: the certificate names another host", Setup.startTls(TestCertificate.wrongHost()),
            (d, c) -> Serve.session(d, c, true), Client::connectNoCredentialAfterFailedTls),
    STARTTLS_NOT_OFFERED("STARTTLS required but not offered: fail before any credential is sent",
            Setup.startTls(TestCertificate.localhost()),
            (d, c) -> Serve.session(d, c, false), Client::connectNoCredential),
    PLAINTEXT_AFTER_GO_AHEAD("plaintext injected right after the STARTTLS go-ahead", Setup.startTls(TestCertificate.localhost()),
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, true, x -> x.toUpperCase(java.util.Locale.ROOT).contains(d.startTlsCommand())
                        && !d.isCredential(x));
                if (l != null) {
                    c.startTlsAfterInjecting(d.startTlsGoAhead(l) + "\r\n" + d.greeting() + "\r\n");
                    Serve.toEnd(d, c, true);
                }
            },
            Client::connectNoCredential),
    UNKNOWN_TAG("IMAP: a tagged reply with a tag never sent (ignored and logged: tags are unique, it cannot settle"
            + " another command), then the right one", Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, false, d::isSimple);
                if (l != null) {
                    c.send("zz99 OK nobody asked");
                    d.answer(c, l, false);
                    Serve.toEnd(d, c, false);
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(k.dialect().simple(k.transport()));
            }),
    DUPLICATE_TAG("IMAP: a command's tagged reply comes twice; the next command must get its own", Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                String l = Serve.until(d, c, false, d::isSimple);
                if (l != null) {
                    d.answer(c, l, false);
                    d.answer(c, l, false);
                    Serve.toEnd(d, c, false);
                }
            },
            k -> {
                Client.connected(k);
                Client.outcome(k.dialect().simple(k.transport()));
                return Client.outcome(k.dialect().simple(k.transport()));
            }),
    HUGE_LITERAL_STREAMED("IMAP: FETCH announces a 2^31-byte body literal, sends 1 MB and closes", Setup.PLAIN,
            (d, c) -> {
                Serve.greet(d, c);
                if (Serve.until(d, c, false, l -> ImapDialect.command(l).equals("FETCH")) != null) {
                    c.sendRaw("* 1 FETCH (BODY[] {2147483648}\r\n");
                    c.sendRaw(Arrays.copyOf(Client.TEN_MB, 1 << 20));
                    c.closeTcp();
                }
            },
            k -> {
                Client.connected(k);
                return Client.outcome(ImapDialect.fetchBody(k.transport()));
            });

    final String what;
    final Setup setup;
    final ServerPart server;
    final ClientPart client;

    Scenario(String what, Setup setup, ServerPart server, ClientPart client) {
        this.what = what;
        this.setup = setup;
        this.server = server;
        this.client = client;
    }

    /** The server's side of a scenario, for one protocol. */
    @FunctionalInterface
    interface ServerPart {
        void play(Dialect d, Conversation c) throws Exception;
    }

    /** The application's side: the calls, and what they ended with. */
    @FunctionalInterface
    interface ClientPart {
        Outcome run(Case k) throws Exception;
    }

    /** One running case. */
    record Case(Dialect dialect, InternetTransport<?> transport, FaultRecorder callback, ScriptedServer server,
                InetServer settings) {
    }

    /** Server mode and certificate, client security and timeouts. */
    record Setup(Mode mode, TestCertificate cert, Security security, Timeouts timeouts, boolean blackHole) {
        static final Duration SHORT = Duration.ofMillis(700);
        static final Timeouts NORMAL = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(2));
        static final Setup PLAIN = new Setup(Mode.PLAIN, TestCertificate.localhost(), Security.NONE, NORMAL, false);
        static final Setup SHORT_RESPONSE = PLAIN.with(NORMAL.withResponse(SHORT));
        static final Setup SHORT_GOODBYE = PLAIN.with(NORMAL.withGoodbye(SHORT));
        static final Setup SHORT_WRITE = PLAIN.with(new Timeouts(NORMAL.connect(), NORMAL.tlsHandshake(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), NORMAL.goodbye()));
        static final Setup BLACK_HOLE = new Setup(Mode.PLAIN, TestCertificate.localhost(), Security.NONE,
                new Timeouts(SHORT, SHORT, SHORT, SHORT, SHORT), true);
        static final Setup SILENT_TLS = new Setup(Mode.PLAIN, TestCertificate.localhost(), Security.IMPLICIT_TLS,
                new Timeouts(NORMAL.connect(), SHORT, NORMAL.response(), NORMAL.write(), NORMAL.goodbye()), false);
        static final Setup PLAINTEXT_FOR_TLS = new Setup(Mode.PLAIN, TestCertificate.localhost(), Security.IMPLICIT_TLS,
                NORMAL, false);

        static Setup tls(TestCertificate cert) {
            return new Setup(Mode.IMPLICIT_TLS, cert, Security.IMPLICIT_TLS, NORMAL, false);
        }

        static Setup startTls(TestCertificate cert) {
            return new Setup(Mode.PLAIN, cert, Security.STARTTLS, NORMAL, false);
        }

        Setup with(Timeouts t) {
            return new Setup(mode, cert, security, t, blackHole);
        }
    }

    /** The client calls scenarios share. */
    static final class Client {
        static final Duration LONGEST = Duration.ofSeconds(20);
        static final byte[] TEN_MB = new byte[10 << 20];

        static {
            Arrays.fill(TEN_MB, (byte) 'x');
        }

        private Client() {
        }

        static Outcome connect(Case k) throws InterruptedException {
            return outcome(k.transport().connect(k.settings(), true, true));
        }

        static Outcome connectNoCredential(Case k) throws InterruptedException {
            Outcome o = connect(k);
            if (k.server().received().stream().anyMatch(k.dialect()::isCredential)) {
                throw new AssertionError("a credential reached the server: " + k.server().received());
            }
            return o;
        }

        /** After a failed STARTTLS handshake nothing may follow in clear: no credential reaches the server. */
        static Outcome connectNoCredentialAfterFailedTls(Case k) throws InterruptedException {
            return connectNoCredential(k);
        }

        static void connected(Case k) throws Exception {
            Outcome o = connect(k);
            if (o != Outcome.OK) {
                throw new AssertionError("connect should succeed before the fault; it ended with " + o + ", errors "
                        + k.callback().errors);
            }
        }

        /** POP3's DELE first (so the goodbye commits something), then Disconnect. */
        static Outcome goodbye(Case k) throws Exception {
            connected(k);
            CompletableFuture<?> before = k.dialect().beforeGoodbye(k.transport());
            if (before != null) {
                before.get(LONGEST.toSeconds(), TimeUnit.SECONDS);
            }
            Outcome o = outcome(k.transport().disconnect());
            if (k.dialect().reportsCommitted(k.transport())) {
                throw new AssertionError("reported committed although the server never confirmed the goodbye");
            }
            return o;
        }

        /** Waits for the session to end on its own; the code of its last onError (null if none). */
        static Outcome serverEnded(Case k) {
            k.callback().awaitStatus(IxpStatus.DISCONNECTED, LONGEST);
            java.util.List<IxpResult> errors = k.callback().errors;
            return errors.isEmpty() ? Outcome.OK : Outcome.fails(errors.get(errors.size() - 1).code());
        }

        static void stillConnected(Case k) {
            if (k.transport().getStatus() != IxpStatus.CONNECTED && k.transport().getStatus() != IxpStatus.AUTHORIZED) {
                throw new AssertionError("a refused command must not end the session; status "
                        + k.transport().getStatus());
            }
        }

        /** Waits (bounded: a hang is a failure) and tells how the call ended. */
        static Outcome outcome(CompletableFuture<?> f) throws InterruptedException {
            try {
                Object r = f.get(LONGEST.toSeconds(), TimeUnit.SECONDS);
                return r instanceof DisconnectResult d ? Outcome.ends(d.ending()) : Outcome.OK;
            } catch (ExecutionException e) {
                IxpException x = IxpException.unwrap(e);
                if (x.getMessage() == null || x.getMessage().isBlank()) {
                    throw new AssertionError("an IxpException without a message: " + x.code());
                }
                return Outcome.fails(x.code());
            } catch (TimeoutException e) {
                throw new AssertionError("the call did not complete within " + LONGEST + ": it hangs");
            }
        }

        static void readUpload(Conversation c, long literal) {
            if (literal < 0) {
                c.readUntilDotLine();
            } else if (literal > 0) {
                c.readBytes((int) literal);
                c.readLine();
            }
        }

        static InputStream body(int size) {
            StringBuilder b = new StringBuilder("Subject: fault\r\nFrom: a@fault.example\r\nNewsgroups: misc.test\r\n\r\n");
            while (b.length() < size - 2) {
                b.append('y');
                if (b.length() % 70 == 0) {
                    b.append("\r\n");
                }
            }
            b.setLength(size - 2);
            b.append("\r\n");
            return new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.US_ASCII));
        }

        /** {@code size} bytes of 78-character lines, made as they are read (nothing held). */
        static InputStream lazyBody(long size) {
            return new InputStream() {
                private long left = size;
                private long pos;

                @Override
                public int read() {
                    if (left == 0) {
                        return -1;
                    }
                    left--;
                    long col = pos++ % 80;
                    return left == 1 || col == 78 ? '\r' : left == 0 || col == 79 ? '\n' : 'z';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left == 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    for (int i = 0; i < n; i++) {
                        b[off + i] = (byte) read();
                    }
                    return n;
                }
            };
        }
    }
}
