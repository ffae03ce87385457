package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void walksThroughTheThreeEndingsAndExits0() {
        long begin = System.nanoTime();
        CliRun r = CliRun.run("demo");
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(r.outLines()).containsSubsequence(
                "== 1. SMTP: connect with STARTTLS and AUTH, then Disconnect ==",
                "  status: FINDINGHOST",
                "  status: CONNECTING",
                "  status: CONNECTED",
                "  > STARTTLS",
                "  status: SECURING",
                "  status: CONNECTED",
                "  status: AUTHORIZING",
                "  > AUTH PLAIN ****",
                "  status: AUTHORIZED",
                "  status: CONNECTED",
                "  status: DISCONNECTING",
                "  > QUIT",
                "  < 221 2.0.0 Bye",
                "  status: DISCONNECTED",
                "  disconnect: ACKNOWLEDGED 221 2.0.0 Bye",
                "== 2. SMTP: the same session, ended by DropConnection ==",
                "  status: DISCONNECTED",
                "  dropped",
                "  server received: EHLO, STARTTLS, EHLO, AUTH (arguments not shown)",
                "== 3. SMTP: a server that never answers QUIT ==",
                "  status: DISCONNECTING",
                "  > QUIT",
                "  status: DISCONNECTED",
                "demo finished");
        assertThat(r.out()).containsPattern("disconnect: NO_REPLY after 1\\.\\d s");
        String auth = Base64.getEncoder().encodeToString(("\0alice\0" + DemoSmtpScript.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.out()).doesNotContain(DemoSmtpScript.PASSWORD, auth);
    }

    @Test
    void theNntpPartsReadPostAndEndBothWays() {
        CliRun r = CliRun.run("demo");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsSubsequence(
                "== 6. NNTP: STARTTLS and AUTHINFO, read and post, then Disconnect (QUIT, 205) ==",
                "  > STARTTLS",
                "  status: SECURING",
                "  > AUTHINFO SASL PLAIN ****",
                "  status: AUTHORIZED",
                "  GROUP local.test: 3 articles, 1-3",
                "  > QUIT",
                "  < 205 bye",
                "  status: DISCONNECTED",
                "  disconnect: ACKNOWLEDGED 205 bye",
                "== 7. NNTP: a 480 mid-session (logon, one retry), then DropConnection ==",
                "  > GROUP local.test",
                "  < 480 authentication required",
                "  > AUTHINFO SASL PLAIN ****",
                "  > GROUP local.test",
                "  status: DISCONNECTED",
                "  no QUIT: the server only saw the connection close",
                "demo finished");
        assertThat(r.out()).contains("identical to what was posted").doesNotContain(NntpDemo.PASSWORD);
    }

    @Test
    void theImapPartsIdleUntilNewMailAndShowThatDropConnectionExpungesNothing() {
        CliRun r = CliRun.run("demo");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsSubsequence(
                "== 8. IMAP: STARTTLS and AUTHENTICATE, SELECT, FETCH, IDLE sees new mail, then Disconnect (LOGOUT) ==",
                "  > a1 STARTTLS",
                "  status: SECURING",
                "  > a3 AUTHENTICATE PLAIN ****",
                "  status: AUTHORIZED",
                "  SELECT INBOX: 3 messages, UIDVALIDITY 1700000000, UIDNEXT 4",
                "  FETCH 1:* (UID FLAGS RFC822.SIZE ENVELOPE):",
                "    uid 1  \\Seen              188 bytes  Welcome to ixp",
                "    uid 2  \\Seen \\Flagged     162 bytes  Lunch on Friday?",
                "    uid 3                     216 bytes  Quarterly report",
                "  UID FETCH 3 (BODY.PEEK[]): 216 bytes, streamed as 1 FETCH_BODY chunk(s); PEEK leaves it unseen",
                "  > a7 IDLE",
                "  < + idling",
                "  < * 4 EXISTS",
                "  new mail while idling: EXISTS 4",
                "  > DONE",
                "  < a7 OK IDLE terminated",
                "  > a8 LOGOUT",
                "  < * BYE ixp demo server logging out",
                "  status: DISCONNECTED",
                "  disconnect: ACKNOWLEDGED * BYE ixp demo server logging out",
                "== 9. IMAP: flag a message \\Deleted, then DropConnection — no CLOSE, no LOGOUT: nothing is expunged ==",
                "  status: DISCONNECTED",
                "  server received: STARTTLS, CAPABILITY, AUTHENTICATE, SELECT, UID STORE (arguments not shown)",
                "  no CLOSE, no EXPUNGE, no LOGOUT: the server only saw the connection close",
                "  a fresh session: SELECT INBOX: 3 messages; UID SEARCH DELETED: [1]",
                "demo finished");
        String auth = Base64.getEncoder().encodeToString(("\0alice\0" + DemoImapScript.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.out()).doesNotContain(DemoImapScript.PASSWORD, auth);
    }
}
