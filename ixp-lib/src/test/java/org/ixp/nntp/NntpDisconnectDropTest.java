package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.nntp.NntpFixture.failure;
import static org.ixp.nntp.NntpFixture.failureCode;
import static org.ixp.nntp.NntpFixture.get;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.ixp.DisconnectResult;
import org.ixp.DisconnectResult.Ending;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.junit.jupiter.api.Test;

/**
 * The founding page for NNTP: Disconnect = QUIT → 205 → close; DropConnection sends nothing. A POST whose article
 * went out but whose 240 never came is IXP_E_OUTCOME_UNKNOWN.
 */
class NntpDisconnectDropTest {
    private static final String TEXT = "From: alice@ixp-lab.test\r\nNewsgroups: misc.test\r\n"
            + "Subject: test\r\nMessage-ID: <post.1@ixp.test>\r\n\r\nHello\r\n";

    @Test
    void disconnectSendsQuitAndTheServerAcknowledgesWith205() throws Exception {
        try (NntpFixture f = new NntpFixture(NntpScripts::politeSession)) {
            f.connect(f.plain().build(), false);
            DisconnectResult r = get(f.transport.disconnect());
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            assertThat(r.response()).isEqualTo("205 closing connection");
            f.endedOnce();
            assertThat(f.callback.statuses).containsSubsequence(IxpStatus.DISCONNECTING, IxpStatus.DISCONNECTED);
            assertThat(f.server.received()).endsWith("QUIT");
            NntpResponse quit = f.callback.of(NntpState.QUIT).get(0);
            assertThat(quit.done()).isTrue();
            assertThat(quit.result().serverError()).isEqualTo(205);
        }
    }

    @Test
    void commandQuitIsDisconnect() throws Exception {
        try (NntpFixture f = new NntpFixture(NntpScripts::politeSession)) {
            f.connect(f.plain().build(), false);
            assertThat(get(f.transport.commandQUIT()).ending()).isEqualTo(Ending.ACKNOWLEDGED);
            f.endedOnce();
        }
    }

    @Test
    void anErrorReplyToQuitIsRefused() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("QUIT");
            c.send("500 what?");
        })) {
            f.connect(f.plain().build(), false);
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.REFUSED);
            f.endedOnce();
        }
    }

    @Test
    void aServerThatNeverAnswersQuitIsBoundedByTheGoodbyeTimeout() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("QUIT");
            c.silence(Duration.ofSeconds(5));
        })) {
            f.connect(f.plain().build(), false);
            long t0 = System.nanoTime();
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.NO_REPLY);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(NntpFixture.GOODBYE.plusMillis(700));
            f.endedOnce();
            assertThat(f.callback.errors).isEmpty();
        }
    }

    @Test
    void aServerThatClosesInsteadOfAnsweringQuit() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("QUIT");
            c.close();
        })) {
            f.connect(f.plain().build(), false);
            assertThat(get(f.transport.disconnect()).ending()).isEqualTo(Ending.SERVER_CLOSED);
            f.endedOnce();
        }
    }

    @Test
    void dropSendsNothingAndClosesAtOnce() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            f.connect(f.plain().build(), false);
            get(f.transport.dropConnection());
            assertThat(f.server.awaitConnectionsClosed(Duration.ofSeconds(2))).isTrue();
            f.endedOnce();
            assertThat(f.callback.statuses).doesNotContain(IxpStatus.DISCONNECTING);
            assertThat(f.server.received()).containsExactly("CAPABILITIES");
        }
    }

    @Test
    void dropMidArticleFailsItWithConnectionDropped() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("ARTICLE <a@x>");
            c.sendRaw("220 0 <a@x>\r\nSubject: half\r\n");
            c.silence(Duration.ofSeconds(5));
        })) {
            f.connect(f.plain().build(), false);
            CompletableFuture<NntpArticleInfo> a = f.transport.article(ArticleId.messageId("<a@x>"),
                    new ByteArrayOutputStream());
            f.server.awaitReceived(l -> l.startsWith("ARTICLE"), Duration.ofSeconds(2));
            Thread.sleep(100);
            f.transport.dropConnection();
            assertThat(failureCode(a)).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
            f.endedOnce();
            assertThat(f.server.received()).noneMatch(l -> l.equals("QUIT"));
        }
    }

    @Test
    void disconnectMidArticleLetsItFinishThenQuits() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("BODY <a@x>");
            c.sendRaw("222 0 <a@x>\r\nfirst\r\n");
            c.sleep(Duration.ofMillis(300));
            c.sendRaw("second\r\n.\r\n");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<NntpArticleInfo> body = f.transport.body(ArticleId.messageId("<a@x>"), out);
            f.server.awaitReceived(l -> l.startsWith("BODY"), Duration.ofSeconds(2));
            DisconnectResult r = get(f.transport.disconnect());
            assertThat(get(body).lines()).isEqualTo(2);
            assertThat(out.toString()).isEqualTo("first\r\nsecond\r\n");
            assertThat(r.ending()).isEqualTo(Ending.ACKNOWLEDGED);
            f.endedOnce();
        }
    }

    @Test
    void postAcceptedWith240() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("POST");
            c.send("340 send article");
            String article = c.readUntilDotLine();
            c.send(article.contains("Hello\r\n") ? "240 article received <post.1@ixp.test>" : "441 mangled");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            assertThat(get(f.transport.commandPOST(NntpMessage.of(TEXT))).code()).isEqualTo(240);
            assertThat(f.callback.commands()).containsSubsequence("> POST", "< 340 send article",
                    "> (article, 107 bytes)", "< 240 article received <post.1@ixp.test>");
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void postWhoseVerdictNeverComesIsOutcomeUnknown() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("POST");
            c.send("340 send article");
            c.readUntilDotLine();
            c.close(); // after the terminating ".", before 240/441
        })) {
            f.connect(f.plain().build(), false);
            IxpException e = failure(f.transport.commandPOST(NntpMessage.of(TEXT)));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_OUTCOME_UNKNOWN);
            assertThat(e.getMessage()).contains("STAT <post.1@ixp.test>");
            f.endedOnce();
            NntpResponse last = f.callback.of(NntpState.POST).get(0);
            assertThat(last.done()).isTrue();
            assertThat(last.result().code()).isEqualTo(IxpCode.IXP_E_OUTCOME_UNKNOWN);
        }
    }

    @Test
    void postDroppedBeforeTheArticleWasSentIsAPlainFailure() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("POST");
            c.close();
        })) {
            f.connect(f.plain().build(), false);
            assertThat(failureCode(f.transport.commandPOST(NntpMessage.of(TEXT)))).isEqualTo(IxpCode.IXP_E_CONNECTION_DROPPED);
        }
    }

    @Test
    void post441And440() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("POST");
            c.send("440 posting not permitted");
            c.expect("POST");
            c.send("340 go");
            c.readUntilDotLine();
            c.send("441 posting failed: no From");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            assertThat(failureCode(f.transport.commandPOST(NntpMessage.of(TEXT)))).isEqualTo(IxpCode.IXP_E_NNTP_NOT_PERMITTED);
            IxpException e = failure(f.transport.commandPOST(NntpMessage.of(TEXT)));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NNTP_POST_FAILED);
            assertThat(e.result().response()).isEqualTo("441 posting failed: no From");
            get(f.transport.disconnect());
        }
    }

    @Test
    void a480AfterTheArticleIsNotRetried() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("POST");
            c.send("340 go");
            c.readUntilDotLine();
            c.send("480 authentication required");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().userName("alice").password("pw").allowPlaintextAuth(true).build(), false);
            assertThat(failureCode(f.transport.commandPOST(NntpMessage.of(TEXT)))).isEqualTo(IxpCode.IXP_E_NNTP_AUTH_REQUIRED);
            get(f.transport.disconnect());
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("AUTHINFO"));
        }
    }
}
