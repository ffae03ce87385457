package org.ixp.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.ixp.CmdType;
import org.ixp.InetServer;
import org.ixp.InternetTransport;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpStatus;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.TransportCallback;
import org.ixp.imap.ImapCallback;
import org.ixp.imap.ImapTransport;
import org.ixp.nntp.NntpAuthInfo;
import org.ixp.nntp.NntpCallback;
import org.ixp.nntp.NntpTransport;
import org.ixp.pop3.Pop3Callback;
import org.ixp.pop3.Pop3Transport;
import org.ixp.smtp.SmtpCallback;
import org.ixp.smtp.SmtpTransport;
import org.ixp.testkit.Lab;
import org.ixp.testkit.Mode;
import org.ixp.testkit.ScriptedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every authentication mechanism, over SMTP, POP3, IMAP and NNTP, with command logging on, a protocol log file and
 * ixp's SLF4J loggers at TRACE (captured); then every log line, onCommand line, error, exception message and
 * toString() is searched for the passwords, the OAuth token and their base64 forms: zero hits. Wrong passwords are
 * tried too, so failure paths are searched as well.
 *
 * <p>Against the lab: SMTP, POP3 and IMAP SCRAM-SHA-256/1, CRAM-MD5, PLAIN (IMAP: inline, SASL-IR), LOGIN mechanism;
 * POP3 APOP and USER/PASS; NNTP AUTHINFO SASL and AUTHINFO USER/PASS. On scripted servers (the lab has no OAuth, and
 * Dovecot's AUTH= list makes ixp prefer AUTHENTICATE to the LOGIN command): IMAP LOGIN with the password quoted and
 * as a literal, AUTHENTICATE PLAIN by continuation (no SASL-IR), XOAUTH2 and OAUTHBEARER over IMAP and SMTP.
 */
class SecretsIT {
    private final Lab lab = Lab.get();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** Records everything a callback is told. */
    private final class Spy implements SmtpCallback, Pop3Callback, NntpCallback, ImapCallback {
        @Override
        public void onCommand(CmdType type, String line, IxpCode response, InternetTransport<?> transport) {
            seen.add(line);
        }

        @Override
        public void onError(IxpStatus status, IxpResult result, InternetTransport<?> transport) {
            seen.add(result.toString() + " " + result.describe());
        }
    }

    private InetServer.Builder tls(int port, int user) {
        return InetServer.builder().serverName(lab.tlsHostname()).port(port).security(Security.STARTTLS)
                .tls(TlsSettings.trusting(lab.caCert())).userName(lab.user(user)).password(lab.password(user))
                .timeouts(org.ixp.Timeouts.all(Duration.ofSeconds(20)).withGoodbye(Duration.ofSeconds(5)));
    }

    private <C extends TransportCallback> void session(InternetTransport<C> t, C cb, Path log, InetServer s)
            throws Exception {
        t.initNew(log, cb);
        seen.add(s.toString());
        seen.add(t.toString());
        try {
            t.connect(s, true, true).get(20, TimeUnit.SECONDS);
            seen.add(t.getServerInfo().toString());
            t.disconnect().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            IxpException ie = IxpException.unwrap(e);
            seen.add(ie.getMessage());
            seen.add(String.valueOf(ie.result()));
            t.dropConnection();
        }
    }

    /** Passwords and a token for the scripted servers: one quoted, one that must travel as an IMAP literal. */
    private static final String QUOTED_PW = "Quoted \"pass\" word";
    private static final String LITERAL_PW = "Lit\u00e9ral-p\u00e4ss";
    private static final String TOKEN = "ya29.fault-Token_0123456789abcdef";

    private InetServer.Builder scripted(ScriptedServer server, String user) {
        return InetServer.builder().serverName(server.host()).port(server.port()).security(Security.NONE)
                .allowPlaintextAuth(true).userName(user)
                .timeouts(org.ixp.Timeouts.all(Duration.ofSeconds(10)).withGoodbye(Duration.ofSeconds(3)));
    }

    @Test
    void noPasswordOrItsBase64AppearsAnywhere(@TempDir Path dir) throws Exception {
        try (TraceCapture trace = new TraceCapture()) {
            everyMechanism(dir, trace);
        }
    }

    private void everyMechanism(Path dir, TraceCapture trace) throws Exception {
        Path log = dir.resolve("protocol.log");
        Spy spy = new Spy();
        List<String> smtp = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN");
        for (String mech : smtp) {
            session(new SmtpTransport(), spy, log, tls(lab.smtpSubmissionPort(), 1).saslMechanisms(List.of(mech)).build());
            session(new SmtpTransport(), spy, log, tls(lab.smtpSubmissionPort(), 1).password("wrong-" + lab.password(1))
                    .saslMechanisms(List.of(mech)).build());
        }
        for (String mech : List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN", "APOP", "USER")) {
            session(new Pop3Transport(), spy, log, tls(lab.pop3Port(), 2).saslMechanisms(List.of(mech)).build());
        }
        for (String mech : List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN")) {
            session(new NntpTransport(), spy, log, tls(lab.nntpPort(), 1).saslMechanisms(List.of(mech)).build());
        }
        for (String mech : List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN")) {
            session(new ImapTransport(), spy, log, tls(lab.imapPort(), 2).saslMechanisms(List.of(mech)).build());
            session(new ImapTransport(), spy, log, tls(lab.imapPort(), 2).password("wrong-" + lab.password(2))
                    .saslMechanisms(List.of(mech)).build());
        }
        // IMAP LOGIN (quoted, literal), AUTHENTICATE PLAIN by continuation, XOAUTH2 and OAUTHBEARER: scripted
        try (ScriptedServer login = ScriptedServer.start(Mode.PLAIN, c -> ScriptedLogons.imap(c, "IMAP4rev1"));
             ScriptedServer sasl = ScriptedServer.start(Mode.PLAIN,
                     c -> ScriptedLogons.imap(c, "IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 AUTH=OAUTHBEARER"));
             ScriptedServer smtpOauth = ScriptedServer.start(Mode.PLAIN,
                     c -> ScriptedLogons.smtp(c, "PLAIN XOAUTH2 OAUTHBEARER"))) {
            session(new ImapTransport(), spy, log, scripted(login, "alice").password(QUOTED_PW).build());
            session(new ImapTransport(), spy, log, scripted(login, "alice").password(LITERAL_PW).build());
            session(new ImapTransport(), spy, log, scripted(sasl, "alice").password(QUOTED_PW)
                    .saslMechanisms(List.of("PLAIN")).build());
            for (String mech : List.of("XOAUTH2", "OAUTHBEARER")) {
                session(new ImapTransport(), spy, log, scripted(sasl, "alice").oauthToken(() -> TOKEN)
                        .saslMechanisms(List.of(mech)).build());
                session(new SmtpTransport(), spy, log, scripted(smtpOauth, "alice").oauthToken(() -> TOKEN)
                        .saslMechanisms(List.of(mech)).build());
            }
            assertThat(login.received()).as("LOGIN with the password quoted, then as a literal")
                    .anyMatch(l -> l.matches("a\\d+ LOGIN alice \".*"))
                    .anyMatch(l -> l.matches("a\\d+ LOGIN alice \\{\\d+}"));
            assertThat(sasl.received()).as("PLAIN by continuation, XOAUTH2, OAUTHBEARER")
                    .anyMatch(l -> l.matches("a\\d+ AUTHENTICATE PLAIN"))
                    .anyMatch(l -> l.matches("a\\d+ AUTHENTICATE XOAUTH2.*"))
                    .anyMatch(l -> l.matches("a\\d+ AUTHENTICATE OAUTHBEARER.*"));
        }
        // AUTHINFO USER/PASS, explicitly
        NntpTransport nntp = new NntpTransport();
        nntp.initNew(log, spy);
        nntp.connect(tls(lab.nntpPort(), 1).build(), false, true).get(20, TimeUnit.SECONDS);
        nntp.commandAUTHINFO(NntpAuthInfo.userPass(lab.user(1), org.ixp.Secret.of(lab.password(1))))
                .get(20, TimeUnit.SECONDS);
        nntp.disconnect().get(20, TimeUnit.SECONDS);

        Thread.sleep(300); // the log file is written by a worker
        String file = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(file).contains("AUTH SCRAM-SHA-256", "APOP", "AUTHINFO PASS ****", "PASS ****",
                "AUTHENTICATE SCRAM-SHA-256", "LOGIN alice ****", "AUTHENTICATE XOAUTH2", "AUTHENTICATE OAUTHBEARER",
                "AUTH XOAUTH2");
        String logged = trace.text();
        assertThat(logged).as("the TRACE-level wire log was captured").contains("AUTHENTICATE SCRAM-SHA-256",
                "AUTHINFO PASS ****");
        String everything = file + "\n" + logged + "\n" + String.join("\n", seen);
        List<String> secrets = new ArrayList<>();
        for (int user = 1; user <= 2; user++) {
            String name = lab.user(user);
            String pw = lab.password(user);
            secrets.add(pw);
            secrets.add(b64(pw));
            secrets.add(b64("\0" + name + "\0" + pw));
            secrets.add(b64(name + "\0" + name + "\0" + pw));
        }
        for (String pw : List.of(QUOTED_PW, LITERAL_PW, "wrong-" + lab.password(1), "wrong-" + lab.password(2))) {
            secrets.add(pw);
            secrets.add(b64(pw));
            secrets.add(b64("\0alice\0" + pw));
        }
        secrets.add(QUOTED_PW.replace("\"", "\\\"")); // as the quoted string went on the wire
        secrets.add(TOKEN);
        secrets.add(b64(TOKEN));
        secrets.add(b64("user=alice\u0001auth=Bearer " + TOKEN + "\u0001\u0001"));
        secrets.add(b64("n,a=alice,\u0001auth=Bearer " + TOKEN + "\u0001\u0001"));
        secrets.add(b64("n,,\u0001auth=Bearer " + TOKEN + "\u0001\u0001"));
        for (String secret : secrets) {
            assertThat(everything).as("the text searched (%d chars)", everything.length()).doesNotContain(secret);
        }
        assertThat(seen).as("sessions were logged").hasSizeGreaterThan(100);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
