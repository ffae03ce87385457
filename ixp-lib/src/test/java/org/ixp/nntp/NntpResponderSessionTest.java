package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.nntp.NntpFixture.failure;
import static org.ixp.nntp.NntpFixture.failureCode;
import static org.ixp.nntp.NntpFixture.get;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ixp.DisconnectResult;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpStatus;
import org.ixp.Security;
import org.ixp.testkit.nntp.NewsStore;
import org.ixp.testkit.nntp.NntpResponder;
import org.junit.jupiter.api.Test;

/** The whole interface against the embedded responder (STARTTLS, AUTHINFO, reading, posting, QUIT). */
class NntpResponderSessionTest {

    private static NntpResponder responder() {
        return NntpResponder.withSampleGroups();
    }

    @Test
    void connectWithStartTlsAndAuthThenReadAndDisconnect() throws Exception {
        NntpResponder r = responder();
        try (NntpFixture f = new NntpFixture(r)) {
            f.connect(f.tls(Security.STARTTLS).userName("alice").password("alice-pw").build(), true);
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).isTrue();
            assertThat(f.transport.postingAllowed()).isTrue();
            assertThat(f.transport.getGreeting()).startsWith("201 ");
            f.callback.drain(); // callbacks and futures are independent streams: let the status events run first
            assertThat(f.callback.statusSnapshot()).containsSubsequence(IxpStatus.CONNECTED, IxpStatus.SECURING,
                    IxpStatus.CONNECTED, IxpStatus.AUTHORIZING, IxpStatus.AUTHORIZED, IxpStatus.CONNECTED);
            assertThat(f.callback.commands()).contains("> STARTTLS", "< 382 Continue with TLS negotiation",
                    "> AUTHINFO SASL PLAIN ****", "< 281 authentication accepted");

            NntpGroup g = get(f.transport.commandGROUP("local.test"));
            assertThat(g).isEqualTo(new NntpGroup(3, 1, 3, "local.test"));

            NntpNext stat = get(f.transport.commandSTAT(ArticleId.number(2)));
            assertThat(stat.articleNumber()).isEqualTo(2);
            assertThat(get(f.transport.commandNEXT()).articleNumber()).isEqualTo(3);
            assertThat(get(f.transport.commandLAST()).articleNumber()).isEqualTo(2);
            assertThat(failureCode(f.transport.commandSTAT(ArticleId.number(99))))
                    .isEqualTo(IxpCode.IXP_E_NNTP_NO_SUCH_ARTICLE);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            NntpArticleInfo info = get(f.transport.article(ArticleId.messageId(stat.messageId()), out));
            NewsStore.Article stored = r.store().byMessageId(stat.messageId());
            assertThat(out.toByteArray()).isEqualTo(stored.bytes());
            assertThat(info.bytes()).isEqualTo(stored.bytes().length);
            assertThat(info.articleNumber()).isZero();

            List<NntpResponse> parts = f.callback.of(NntpState.ARTICLE);
            assertThat(parts.get(parts.size() - 1).done()).isTrue();
            assertThat(parts.subList(0, parts.size() - 1)).allMatch(p -> !p.done() && p.article() != null);

            DisconnectResult bye = get(f.transport.disconnect());
            assertThat(bye.ending()).isEqualTo(DisconnectResult.Ending.ACKNOWLEDGED);
            assertThat(bye.response()).isEqualTo("205 bye");
            f.endedOnce();
            assertThat(f.server.scriptFailures()).isEmpty();
        }
    }

    @Test
    void postThenReadBackByteForByte() throws Exception {
        NntpResponder r = responder();
        try (NntpFixture f = new NntpFixture(r)) {
            f.connect(f.tls(Security.STARTTLS).userName("alice").password("alice-pw").build(), true);
            String body = "First line\r\n.starts with a dot\r\n..two dots\r\n\r\nlast line\r\n";
            String article = "From: alice@ixp-lab.test\r\nNewsgroups: local.test\r\nSubject: round trip\r\n"
                    + "Message-ID: <round.trip.1@ixp.test>\r\n\r\n" + body;
            NntpReply posted = get(f.transport.commandPOST(NntpMessage.of(article)));
            assertThat(posted.code()).isEqualTo(240);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            get(f.transport.body(ArticleId.messageId("<round.trip.1@ixp.test>"), out));
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(body);

            ByteArrayOutputStream head = new ByteArrayOutputStream();
            get(f.transport.head(ArticleId.messageId("<round.trip.1@ixp.test>"), head));
            assertThat(head.toString(StandardCharsets.UTF_8)).contains("Subject: round trip\r\n");
        }
    }

    @Test
    void anLfArticleIsPostedWithCrlf() throws Exception {
        NntpResponder r = responder();
        try (NntpFixture f = new NntpFixture(r)) {
            f.connect(f.tls(Security.STARTTLS).userName("alice").password("alice-pw").build(), true);
            get(f.transport.commandPOST(NntpMessage.of("From: a@b.test\nNewsgroups: local.test\nSubject: lf\n"
                    + "Message-ID: <lf@ixp.test>\n\nbody\n.dot")));
            assertThat(r.store().byMessageId("<lf@ixp.test>").body()).isEqualTo("body\r\n.dot\r\n");
        }
    }

    @Test
    void listingsStreamInPartsAndSinksSeeEveryLine() throws Exception {
        NntpResponder r = responder();
        r.store().group("local.big", "many", Instant.now(), 1).seed("local.big", 2000, 100);
        try (NntpFixture f = new NntpFixture(r)) {
            f.connect(f.tls(Security.STARTTLS).build(), false);

            List<String> active = new CopyOnWriteArrayList<>();
            assertThat(get(f.transport.list(null, active::add))).isEqualTo(3);
            assertThat(active).anyMatch(l -> l.startsWith("local.big 2000 1 "));
            assertThat(get(f.transport.commandLIST("NEWSGROUPS local.*"))).isEqualTo(3);

            get(f.transport.commandGROUP("local.big"));
            List<NntpHeader> headers = new ArrayList<>();
            OverviewSummary sum = get(f.transport.over(NntpRange.of(1, 2000), headers::add, null));
            assertThat(sum).isEqualTo(new OverviewSummary(2000, 0));
            assertThat(headers).hasSize(2000);
            assertThat(headers.get(0).articleNumber()).isEqualTo(1);
            assertThat(headers.get(1999).subject()).isEqualTo("seed 2000/2000");
            assertThat(headers.get(0).xref()).isEqualTo("responder.ixp.test local.big:1");
            assertThat(headers.get(0).bytes()).isPositive();
            assertThat(f.transport.overviewFormat().supportsXref()).isTrue();
            List<NntpResponse> hdrParts = f.callback.of(NntpState.HEADERS);
            assertThat(hdrParts.size()).isGreaterThan(2);
            assertThat(hdrParts.stream().filter(p -> p.headers() != null).mapToInt(p -> p.headers().headers().size())
                    .sum()).isEqualTo(2000);

            List<Long> numbers = new ArrayList<>();
            NntpGroup lg = get(f.transport.listGroup("local.big", NntpRange.of(10, 19), numbers::add));
            assertThat(lg.name()).isEqualTo("local.big");
            assertThat(numbers).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
            numbers.clear();
            get(f.transport.listGroup("local.big", NntpRange.from(1995), numbers::add));
            assertThat(numbers).containsExactly(1995L, 1996L, 1997L, 1998L, 1999L, 2000L);

            List<NntpXhdr> subjects = new ArrayList<>();
            assertThat(get(f.transport.hdr("Subject", NntpRange.of(1, 3), null, subjects::add))).isEqualTo(3);
            assertThat(subjects).containsExactly(new NntpXhdr(1, "seed 1/2000"), new NntpXhdr(2, "seed 2/2000"),
                    new NntpXhdr(3, "seed 3/2000"));
            assertThat(f.callback.commands()).contains("> HDR Subject 1-3");
        }
    }

    @Test
    void newGroupsSinceADateWithDistributionsAndNewNews() throws Exception {
        NntpResponder r = responder();
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        r.store().group("alt.old", "old", old, 1).group("alt.tv.new", "new", Instant.parse("2024-06-01T00:00:00Z"), 1)
                .group("comp.new", "new", Instant.parse("2024-06-02T00:00:00Z"), 1);
        try (NntpFixture f = new NntpFixture(r)) {
            f.connect(f.tls(Security.STARTTLS).build(), false);
            List<String> lines = new ArrayList<>();
            get(f.transport.newGroups(Instant.parse("2024-01-01T00:00:00Z"), null, lines::add));
            assertThat(lines).anyMatch(l -> l.startsWith("alt.tv.new ")).anyMatch(l -> l.startsWith("comp.new "))
                    .noneMatch(l -> l.startsWith("alt.old "));
            assertThat(f.callback.commands()).contains("> NEWGROUPS 20240101 000000 GMT");
            lines.clear();
            get(f.transport.newGroups(Instant.parse("2024-01-01T00:00:00Z"), "alt.tv", lines::add));
            assertThat(lines).hasSize(1).allMatch(l -> l.startsWith("alt.tv.new "));

            List<String> ids = new ArrayList<>();
            get(f.transport.newNews("local.*", Instant.parse("2020-01-01T00:00:00Z"), ids::add));
            assertThat(ids).hasSize(3).allMatch(id -> id.startsWith("<seed.local.test."));
            Instant date = get(f.transport.commandDATE());
            assertThat(Duration.between(date, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }

    @Test
    void postingPermissions() throws Exception {
        try (NntpFixture f = new NntpFixture(responder())) {
            f.connect(f.tls(Security.STARTTLS).build(), false);
            NntpMessage m = NntpMessage.of("From: x@y.test\r\nNewsgroups: local.test\r\nSubject: s\r\n\r\nb\r\n");
            IxpException anonymous = failure(f.transport.commandPOST(m));
            assertThat(anonymous.code()).isEqualTo(IxpCode.IXP_E_NNTP_AUTH_REQUIRED);
            assertThat(anonymous.result().serverError()).isEqualTo(480);
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("AUTHINFO"));
        }
        try (NntpFixture f = new NntpFixture(responder())) {
            f.connect(f.tls(Security.STARTTLS).userName("bob").password("bob-pw").build(), true);
            NntpMessage m = NntpMessage.of("From: x@y.test\r\nNewsgroups: local.test\r\nSubject: s\r\n\r\nb\r\n");
            assertThat(failureCode(f.transport.commandPOST(m))).isEqualTo(IxpCode.IXP_E_NNTP_NOT_PERMITTED);
            assertThat(f.transport.isState(IsState.READY)).isTrue();
        }
    }

    @Test
    void a480MidSessionLogsOnOnceAndRetries() throws Exception {
        NntpResponder r = new NntpResponder(responder().store(),
                NntpResponder.Options.defaults().withReadNeedsAuth(true));
        try (NntpFixture f = new NntpFixture(r)) {
            // authenticate=false: no logon at connect, but the credentials answer the server's 480
            f.connect(f.tls(Security.STARTTLS).userName("alice").password("alice-pw").build(), false);
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).isFalse();
            NntpGroup g = get(f.transport.commandGROUP("local.test"));
            assertThat(g.count()).isEqualTo(3);
            assertThat(f.server.received()).containsSubsequence("GROUP local.test",
                    "AUTHINFO SASL PLAIN AGFsaWNlAGFsaWNlLXB3", "GROUP local.test");
            assertThat(f.callback.commands()).containsSubsequence("> GROUP local.test", "< 480 authentication required",
                    "> AUTHINFO SASL PLAIN ****", "< 281 authentication accepted", "> GROUP local.test");
            assertThat(f.transport.isState(IsState.AUTHENTICATED)).isTrue();
        }
    }

    @Test
    void a480WithoutCredentialsNeverSendsAuthinfo() throws Exception {
        NntpResponder r = new NntpResponder(responder().store(),
                NntpResponder.Options.defaults().withReadNeedsAuth(true));
        try (NntpFixture f = new NntpFixture(r)) {
            f.connect(f.tls(Security.STARTTLS).build(), false);
            assertThat(failureCode(f.transport.commandGROUP("local.test")))
                    .isEqualTo(IxpCode.IXP_E_NNTP_AUTH_REQUIRED);
            NntpReply ok = get(f.transport.commandAUTHINFO(NntpAuthInfo.userPass("alice",
                    org.ixp.Secret.of("alice-pw"))));
            assertThat(ok.code()).isEqualTo(281);
            assertThat(get(f.transport.commandGROUP("local.test")).count()).isEqualTo(3);
            assertThat(f.callback.commands()).contains("> AUTHINFO USER alice", "> AUTHINFO PASS ****");
        }
    }

    @Test
    void legacyServerFallbacks() throws Exception {
        NntpResponder r = new NntpResponder(responder().store(),
                NntpResponder.Options.defaults().withLegacy(true).withStartTls(false));
        try (NntpFixture f = new NntpFixture(r)) {
            f.connect(f.plain().build(), false);
            assertThat(f.transport.nntpCapabilities().known()).isFalse();
            assertThat(f.server.received()).containsSubsequence("CAPABILITIES", "MODE READER");
            get(f.transport.commandGROUP("local.test"));
            assertThat(get(f.transport.getHeaders(NntpRange.from(1))).entries()).isEqualTo(3);
            assertThat(get(f.transport.commandXHDR("Subject", NntpRange.of(1, 3), null))).isEqualTo(3);
            assertThat(f.server.received()).contains("XOVER 1-", "XHDR Subject 1-3");
        }
    }

    @Test
    void startTlsRequiredButNotOfferedFailsBeforeAnyCredential() throws Exception {
        NntpResponder r = new NntpResponder(responder().store(), NntpResponder.Options.defaults().withStartTls(false));
        try (NntpFixture f = new NntpFixture(r)) {
            assertThat(failureCode(f.transport.connect(f.tls(Security.STARTTLS).userName("alice")
                    .password("alice-pw").build(), true, true))).isEqualTo(IxpCode.IXP_E_STARTTLS_NOT_OFFERED);
            f.server.awaitConnectionsClosed(Duration.ofSeconds(2));
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("AUTHINFO"));
        }
    }

    @Test
    void plaintextPasswordsAreRefusedWithoutTls() throws Exception {
        NntpResponder r = new NntpResponder(responder().store(), NntpResponder.Options.defaults().withStartTls(false));
        try (NntpFixture f = new NntpFixture(r)) {
            assertThat(failureCode(f.transport.connect(f.plain().userName("alice").password("alice-pw").build(),
                    true, true))).isEqualTo(IxpCode.IXP_E_PLAINTEXT_AUTH_REFUSED);
            assertThat(f.server.received()).noneMatch(l -> l.startsWith("AUTHINFO"));
        }
    }

    @Test
    void argumentsAreCheckedBeforeSending() throws Exception {
        try (NntpFixture f = new NntpFixture(responder())) {
            f.connect(f.tls(Security.STARTTLS).build(), false);
            for (Runnable bad : List.<Runnable>of(
                    () -> f.transport.commandGROUP("local.test\r\nPOST"),
                    () -> f.transport.commandGROUP("two words"),
                    () -> ArticleId.messageId("no-brackets@x"),
                    () -> ArticleId.messageId("<a b@x>"),
                    () -> ArticleId.messageId("<a>b@x>"),
                    () -> f.transport.commandLIST("ACTIVE x\0y"),
                    () -> f.transport.commandPOST(NntpMessage.of("Subject: x\r\n\r\nbad\0byte\r\n")),
                    () -> f.transport.commandPOST(NntpMessage.of("Subject: x\r\n\r\nlone\rcr\r\n")),
                    () -> f.transport.commandMODE("STREAM"))) {
                assertThatThrownBy(bad::run).isInstanceOfSatisfying(IxpException.class,
                        e -> assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG));
            }
            assertThat(f.transport.isState(IsState.READY)).isTrue();
        }
    }
}
