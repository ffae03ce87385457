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
import org.ixp.nntp.NntpAuthInfo;
import org.ixp.nntp.NntpCallback;
import org.ixp.nntp.NntpTransport;
import org.ixp.pop3.Pop3Callback;
import org.ixp.pop3.Pop3Transport;
import org.ixp.smtp.SmtpCallback;
import org.ixp.smtp.SmtpTransport;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every authentication mechanism the lab's servers offer, over SMTP, POP3 and NNTP, with command logging on and a
 * protocol log file (the same redacted text reaches SLF4J's {@code org.ixp.wire}); then every log line, onCommand
 * line, error, exception message and toString() is searched for the password and its base64 forms: zero hits.
 * Wrong passwords are tried too, so failure paths are searched as well.
 */
class SecretsIT {
    private final Lab lab = Lab.get();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** Records everything a callback is told. */
    private final class Spy implements SmtpCallback, Pop3Callback, NntpCallback {
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

    @Test
    void noPasswordOrItsBase64AppearsAnywhere(@TempDir Path dir) throws Exception {
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
        // AUTHINFO USER/PASS, explicitly
        NntpTransport nntp = new NntpTransport();
        nntp.initNew(log, spy);
        nntp.connect(tls(lab.nntpPort(), 1).build(), false, true).get(20, TimeUnit.SECONDS);
        nntp.commandAUTHINFO(NntpAuthInfo.userPass(lab.user(1), org.ixp.Secret.of(lab.password(1))))
                .get(20, TimeUnit.SECONDS);
        nntp.disconnect().get(20, TimeUnit.SECONDS);

        Thread.sleep(300); // the log file is written by a worker
        String file = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(file).contains("AUTH SCRAM-SHA-256", "APOP", "AUTHINFO PASS ****", "PASS ****");
        String everything = file + "\n" + String.join("\n", seen);
        List<String> secrets = new ArrayList<>();
        for (int user = 1; user <= 2; user++) {
            String name = lab.user(user);
            String pw = lab.password(user);
            secrets.add(pw);
            secrets.add(b64(pw));
            secrets.add(b64("\0" + name + "\0" + pw));
            secrets.add(b64(name + "\0" + name + "\0" + pw));
        }
        for (String secret : secrets) {
            assertThat(everything).as("the text searched (%d chars)", everything.length()).doesNotContain(secret);
        }
        assertThat(seen).as("sessions were logged").hasSizeGreaterThan(100);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
