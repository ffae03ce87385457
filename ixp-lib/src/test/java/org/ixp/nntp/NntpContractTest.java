package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.nntp.NntpFixture.get;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.IxpType;
import org.ixp.Security;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Preconditions, INNTPTransport2's no-ops, ReleaseResponse, IHAVE, and handsOffCallback during a stream. */
class NntpContractTest {

    @Test
    void everyCommandBeforeInitNewIsNotInitAndBeforeConnectIsNotConnected() {
        NntpTransport t = new NntpTransport();
        assertThat(t.getIXPType()).isEqualTo(IxpType.NNTP);
        List<Executable> calls = List.of(() -> t.commandGROUP("g"), t::commandNEXT, t::commandDATE,
                () -> t.getHeaders(NntpRange.from(1)), t::setWindow, t::resetWindow, t::commandQUIT);
        for (Executable c : calls) {
            assertThatThrownBy(c::execute).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NOT_INIT));
        }
        t.initNew(null, new NntpRecorder());
        t.setWindow();
        t.resetWindow();
        for (Executable c : List.<Executable>of(() -> t.commandGROUP("g"), t::commandNEXT,
                () -> t.commandAUTHINFO(NntpAuthInfo.userPass("a", org.ixp.Secret.of("b"))))) {
            assertThatThrownBy(c::execute).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NOT_CONNECTED));
        }
        assertThatThrownBy(() -> t.releaseResponse(null)).isInstanceOfSatisfying(IxpException.class,
                e -> assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG));
        NntpResponse r = new NntpResponse(NntpState.DATE, true, IxpResult.ok(), null);
        assertThat(r.mustRelease()).isFalse();
        t.releaseResponse(r);
    }

    @Test
    void defaultPorts() throws Exception {
        try (NntpFixture f = new NntpFixture(NntpScripts::politeSession)) {
            assertThat(f.transport.defaultPort(Security.STARTTLS)).isEqualTo(119);
            assertThat(f.transport.defaultPort(Security.NONE)).isEqualTo(119);
            assertThat(f.transport.defaultPort(Security.IMPLICIT_TLS)).isEqualTo(563);
        }
    }

    @Test
    void ihaveOffersAnArticle() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("IHAVE <new@x>");
            c.send("335 send it");
            String a = c.readUntilDotLine();
            c.send(a.contains("Subject: transfer") ? "235 thanks" : "437 rejected");
            c.expect("IHAVE <old@x>");
            c.send("435 already have it");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            NntpMessage m = NntpMessage.of("Path: x\r\nSubject: transfer\r\nMessage-ID: <new@x>\r\n\r\nbody\r\n");
            assertThat(get(f.transport.commandIHAVE("<new@x>", m)).code()).isEqualTo(235);
            assertThat(NntpFixture.failureCode(f.transport.commandIHAVE("<old@x>", NntpMessage.of("x"))))
                    .isEqualTo(IxpCode.IXP_E_NNTP_TRANSFER_NOT_WANTED);
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void handingOffTheCallbackDuringAStreamEndsTheStreamingFuture() throws Exception {
        CountDownLatch firstPart = new CountDownLatch(1);
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("BODY <slow@x>");
            c.sendRaw("222 0 <slow@x>\r\nfirst line\r\n");
            c.sleep(Duration.ofMillis(400));
            c.sendRaw("second line\r\n.\r\n");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            OutputStream out = new ByteArrayOutputStream() {
                @Override
                public synchronized void write(byte[] b, int off, int len) {
                    super.write(b, off, len);
                    firstPart.countDown();
                }
            };
            CompletableFuture<NntpArticleInfo> body = f.transport.body(ArticleId.messageId("<slow@x>"), out);
            assertThat(firstPart.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(f.transport.handsOffCallback()).isTrue();
            try {
                body.get(5, TimeUnit.SECONDS);
                throw new AssertionError("the rest of the body cannot have been delivered");
            } catch (ExecutionException e) {
                assertThat(IxpException.unwrap(e).code()).isEqualTo(IxpCode.IXP_E_USER_CANCEL);
            }
            // the connection stayed in step: the next command works
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }
}
