package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.nntp.NntpFixture.failure;
import static org.ixp.nntp.NntpFixture.failureCode;
import static org.ixp.nntp.NntpFixture.get;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.junit.jupiter.api.Test;

/** Exact dialogues on the scripted server: greetings, capability fallbacks, 480 handling, overview, 64-bit. */
class NntpSessionTest {

    @Test
    void greeting200AllowsPostingAnd201DoesNot() throws Exception {
        for (int code : new int[] {200, 201}) {
            try (NntpFixture f = new NntpFixture(c -> {
                c.send(code + " news ready");
                c.expect("CAPABILITIES");
                c.sendRaw("101 caps\r\nVERSION 2\r\nREADER\r\n.\r\n");
                c.expect("QUIT");
                c.send("205 bye");
            })) {
                f.connect(f.plain().build(), false);
                assertThat(f.transport.postingAllowed()).isEqualTo(code == 200);
                assertThat(f.transport.getGreeting()).isEqualTo(code + " news ready");
                assertThat(f.transport.getCapabilities()).containsExactly("VERSION 2", "READER");
                NntpResponse connect = f.callback.of(NntpState.CONNECT).get(0);
                assertThat(connect.done()).isTrue();
                assertThat(connect.result().serverError()).isEqualTo(code);
                get(f.transport.disconnect());
                f.callback.awaitStatus(IxpStatus.DISCONNECTED, NntpFixture.WAIT);
                assertThat(f.callback.of(NntpState.IDLE)).hasSize(1);
                assertThat(f.server.scriptFailures()).isEmpty();
            }
        }
    }

    @Test
    void greeting400Or502RefusesTheSession() throws Exception {
        for (String greeting : List.of("400 service temporarily unavailable", "502 service permanently unavailable")) {
            try (NntpFixture f = new NntpFixture(c -> {
                c.send(greeting);
                c.awaitClientClose(Duration.ofSeconds(5));
            })) {
                IxpException e = failure(f.transport.connect(f.plain().build(), false, true));
                assertThat(e.code()).isEqualTo(IxpCode.IXP_E_GREETING_REFUSED);
                assertThat(e.result().response()).isEqualTo(greeting);
                f.endedOnce();
                assertThat(f.callback.errors).singleElement()
                        .satisfies(r -> assertThat(r.code()).isEqualTo(IxpCode.IXP_E_GREETING_REFUSED));
            }
        }
    }

    @Test
    void withoutCapabilitiesTheFallbacksAreUsed() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            c.send("201 old server");
            c.expect("CAPABILITIES");
            c.send("500 What?");
            c.expect("MODE READER");
            c.send("200 posting ok");
            c.expect("GROUP misc");
            c.send("211 2 1 2 misc");
            c.expect("LIST OVERVIEW.FMT");
            c.send("500 What?");
            c.expect("XOVER 1-2");
            c.sendRaw("224 data\r\n1\ts1\tf\td\t<1@x>\t\t10\t1\r\n2\ts2\tf\td\t<2@x>\t<1@x>\t20\t2\r\n.\r\n");
            c.expect("XHDR subject 1-2");
            c.sendRaw("221 subject\r\n1 s1\r\n2 s2\r\n.\r\n");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            assertThat(f.transport.nntpCapabilities().known()).isFalse();
            assertThat(f.transport.postingAllowed()).isTrue();
            get(f.transport.commandGROUP("misc"));
            List<NntpHeader> headers = new ArrayList<>();
            get(f.transport.over(NntpRange.of(1, 2), headers::add, null));
            assertThat(headers).extracting(NntpHeader::messageId).containsExactly("<1@x>", "<2@x>");
            assertThat(headers.get(1).references()).isEqualTo("<1@x>");
            assertThat(headers.get(1).bytes()).isEqualTo(20);
            assertThat(headers.get(1).xref()).isNull();
            assertThat(f.transport.overviewFormat()).isSameAs(OverviewFormat.DEFAULT);
            List<NntpXhdr> subjects = new ArrayList<>();
            get(f.transport.hdr("subject", NntpRange.of(1, 2), null, subjects::add));
            assertThat(subjects).containsExactly(new NntpXhdr(1, "s1"), new NntpXhdr(2, "s2"));
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void aModeSwitchingServerGetsModeReaderThenCapabilitiesAgain() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            c.send("200 transit server");
            c.expect("CAPABILITIES");
            c.sendRaw("101 caps\r\nVERSION 2\r\nIHAVE\r\nMODE-READER\r\n.\r\n");
            c.expect("MODE READER");
            c.send("201 reader mode, no posting");
            c.expect("CAPABILITIES");
            c.sendRaw("101 caps\r\nVERSION 2\r\nREADER\r\nOVER\r\n.\r\n");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            assertThat(f.transport.postingAllowed()).isFalse();
            assertThat(f.transport.nntpCapabilities().over()).isTrue();
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void a480MidSessionAuthenticatesOnceAndRetriesOnce() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("GROUP misc.test");
            c.send("480 authentication required");
            c.expect("AUTHINFO USER alice");
            c.send("381 password please");
            c.expect("AUTHINFO PASS ");
            c.send("281 welcome");
            c.expect("GROUP misc.test");
            c.send("211 5 1 5 misc.test");
            c.expect("STAT 3");
            c.send("480 authentication required again");
            c.expect("AUTHINFO USER alice");
            c.send("381 password please");
            c.expect("AUTHINFO PASS ");
            c.send("281 welcome");
            c.expect("STAT 3");
            c.send("480 still not enough");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().userName("alice").password("pw").allowPlaintextAuth(true).build(), false);
            assertThat(get(f.transport.commandGROUP("misc.test")).count()).isEqualTo(5);
            // one retry per command: a second 480 for the same command is its answer
            assertThat(failureCode(f.transport.commandSTAT(ArticleId.number(3))))
                    .isEqualTo(IxpCode.IXP_E_NNTP_AUTH_REQUIRED);
            assertThat(f.callback.commands()).contains("> AUTHINFO PASS ****").noneMatch(l -> l.contains("pw"));
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void aRejectedLogonAfter480FailsTheCommandWithoutRetrying() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("LIST");
            c.send("480 authentication required");
            c.expect("AUTHINFO USER alice");
            c.send("381 password please");
            c.expect("AUTHINFO PASS ");
            c.send("481 no");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().userName("alice").password("wrong").allowPlaintextAuth(true).build(), false);
            IxpException e = failure(f.transport.commandLIST(null));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_AUTH_FAILED);
            assertThat(e.result().serverError()).isEqualTo(481);
            get(f.transport.disconnect());
            assertThat(f.server.received()).filteredOn(l -> l.equals("LIST")).hasSize(1);
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void aScramServerThatAcceptsWithoutProofIsRefused() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c, "101 caps\r\nVERSION 2\r\nREADER\r\nAUTHINFO SASL\r\nSASL SCRAM-SHA-256\r\n.\r\n");
            c.expect("AUTHINFO SASL SCRAM-SHA-256 ");
            c.send("281 sure, whoever you are");
            c.awaitClientClose(Duration.ofSeconds(5));
        })) {
            IxpException e = failure(f.transport.connect(f.plain().userName("alice").password("pw").build(), true,
                    true));
            assertThat(e.code()).isEqualTo(IxpCode.IXP_E_AUTH_FAILED);
            assertThat(e.getMessage()).contains("proved");
        }
    }

    @Test
    void malformedOverviewLinesAreReportedPerArticleAndParsingGoesOn() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("GROUP g");
            c.send("211 4 1 4 g");
            c.expect("LIST OVERVIEW.FMT");
            c.sendRaw("215 fmt\r\nSubject:\r\nFrom:\r\nDate:\r\nMessage-ID:\r\nReferences:\r\nBytes:\r\nLines:\r\n"
                    + "Xref:full\r\n.\r\n");
            c.expect("OVER 1-4");
            c.sendRaw("224 data\r\n"
                    + "1\ts1\tf\td\t<1@x>\t\t10\t1\tXref: h g:1\r\n"
                    + "2\ts2\tf\td\t<2@x>\t\tten\t1\tXref: h g:2\r\n"
                    + "x3\ts3\tf\td\t<3@x>\t\t10\t1\r\n"
                    + "4\ts4\tf\td\t<4@x>\t\t40\t4\tXref: h g:4\r\n"
                    + ".\r\n");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            get(f.transport.commandGROUP("g"));
            List<NntpHeader> headers = new ArrayList<>();
            List<OverviewProblem> problems = new ArrayList<>();
            OverviewSummary s = get(f.transport.over(NntpRange.of(1, 4), headers::add, problems::add));
            assertThat(s).isEqualTo(new OverviewSummary(2, 2));
            assertThat(headers).extracting(NntpHeader::articleNumber).containsExactly(1L, 4L);
            assertThat(headers.get(1).xref()).isEqualTo("h g:4");
            assertThat(problems).extracting(OverviewProblem::articleNumber).containsExactly(2L, -1L);
            assertThat(problems.get(0).reason()).contains(":bytes");
            assertThat(problems.get(0).code()).isEqualTo(IxpCode.IXP_E_NNTP_MALFORMED_OVERVIEW);
            NntpHeaderResp part = f.callback.of(NntpState.HEADERS).get(0).headers();
            assertThat(part.supportsXref()).isTrue();
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void articleNumbersAre64Bit() throws Exception {
        long big = 5_000_000_000L;
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("GROUP huge");
            c.send("211 3 " + big + " " + (big + 2) + " huge");
            c.expect("LISTGROUP huge " + (big + 1) + "-");
            c.sendRaw("211 3 " + big + " " + (big + 2) + " huge\r\n" + (big + 1) + "\r\n" + (big + 2) + "\r\n.\r\n");
            c.expect("STAT " + (big + 2));
            c.send("223 " + (big + 2) + " <b@x>");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            NntpGroup g = get(f.transport.commandGROUP("huge"));
            assertThat(g.first()).isEqualTo(big);
            List<Long> numbers = new ArrayList<>();
            get(f.transport.listGroup("huge", NntpRange.from(big + 1), numbers::add));
            assertThat(numbers).containsExactly(big + 1, big + 2);
            assertThat(get(f.transport.commandSTAT(ArticleId.number(big + 2))).articleNumber()).isEqualTo(big + 2);
            get(f.transport.disconnect());
        }
    }

    @Test
    void aSecondCommandWhileOneIsInFlightIsBusy() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("DATE");
            c.sleep(Duration.ofMillis(300));
            c.send("111 20240102030405");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            CompletableFuture<java.time.Instant> date = f.transport.commandDATE();
            assertThatThrownBy(() -> f.transport.commandGROUP("x")).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.IXP_E_BUSY));
            assertThat(get(date)).isEqualTo(java.time.Instant.parse("2024-01-02T03:04:05Z"));
            get(f.transport.disconnect());
        }
    }

    @Test
    void aConsumerThatThrowsFailsItsCommandButTheResponseIsReadToItsEnd() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("LIST");
            c.sendRaw("215 list\r\na 1 1 y\r\nb 1 1 y\r\n.\r\n");
            c.expect("DATE");
            c.send("111 20240102030405");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            IxpException e = failure(f.transport.list(null, line -> {
                throw new IllegalStateException("consumer broke");
            }));
            assertThat(e.code()).isEqualTo(IxpCode.E_FAIL);
            assertThat(e.getMessage()).contains("consumer broke");
            assertThat(get(f.transport.commandDATE())).isNotNull();
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void anUnsolicited400EndsTheSessionWithOnError() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.sleep(Duration.ofMillis(200));
            c.send("400 server shutting down");
        })) {
            f.connect(f.plain().build(), false);
            f.endedOnce();
            assertThat(f.callback.errors).singleElement()
                    .satisfies(r -> assertThat(r.code()).isEqualTo(IxpCode.IXP_E_NNTP_SERVICE_DISCONTINUED));
        }
    }

    @Test
    void errorRepliesMapToTheirCodes() throws Exception {
        try (NntpFixture f = new NntpFixture(c -> {
            NntpScripts.greet(c);
            c.expect("GROUP nope");
            c.send("411 no such group");
            c.expect("NEXT");
            c.send("412 no newsgroup selected");
            c.expect("ARTICLE <gone@x>");
            c.send("430 no such article");
            c.expect("LIST ACTIVE");
            c.send("503 not supported");
            c.expect("QUIT");
            c.send("205 bye");
        })) {
            f.connect(f.plain().build(), false);
            assertThat(failureCode(f.transport.commandGROUP("nope"))).isEqualTo(IxpCode.IXP_E_NNTP_NO_SUCH_GROUP);
            assertThat(failureCode(f.transport.commandNEXT())).isEqualTo(IxpCode.IXP_E_NNTP_NO_GROUP_SELECTED);
            assertThat(failureCode(f.transport.commandARTICLE(ArticleId.messageId("<gone@x>"))))
                    .isEqualTo(IxpCode.IXP_E_NNTP_NO_SUCH_ARTICLE);
            assertThat(failureCode(f.transport.commandLIST("active"))).isEqualTo(IxpCode.IXP_E_NNTP_NOT_SUPPORTED);
            NntpResponse last = f.callback.of(NntpState.GROUP).get(0);
            assertThat(last.done()).isTrue();
            assertThat(last.result().code()).isEqualTo(IxpCode.IXP_E_NNTP_NO_SUCH_GROUP);
            assertThat(last.result().response()).isEqualTo("411 no such group");
            get(f.transport.disconnect());
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }
}
