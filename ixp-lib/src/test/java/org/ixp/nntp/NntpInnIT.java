package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.nntp.NntpFixture.failure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ixp.DisconnectResult;
import org.ixp.InetServer;
import org.ixp.IsState;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Secret;
import org.ixp.Security;
import org.ixp.TlsSettings;
import org.ixp.testkit.Lab;
import org.junit.jupiter.api.Test;

/**
 * Interop against the lab's INN 2 (nnrpd on 10119 with STARTTLS, 10563 with implicit TLS): anonymous reading,
 * posting as alice (bob: 440, anonymous: 480), the SASL mechanisms, a 480 mid-session, LISTGROUP ranges, HDR,
 * NEWGROUPS, post then read back byte for byte. Runs with {@code -Pinterop}; fails (never skips) without the lab.
 */
class NntpInnIT {
    private static final String GROUP = "local.test";

    private static InetServer.Builder server(Security security) {
        Lab lab = Lab.get();
        return InetServer.builder().serverName(lab.tlsHostname())
                .port(security == Security.IMPLICIT_TLS ? lab.nntpsPort() : lab.nntpPort())
                .security(security).tls(TlsSettings.trusting(lab.caCert()))
                .timeouts(org.ixp.Timeouts.all(Duration.ofSeconds(20)).withGoodbye(Duration.ofSeconds(5)));
    }

    private static InetServer.Builder as(int user, Security security) {
        Lab lab = Lab.get();
        return server(security).userName(lab.user(user)).password(lab.password(user));
    }

    private static NntpTransport open(InetServer s, boolean authenticate, NntpRecorder cb) throws Exception {
        NntpTransport t = new NntpTransport();
        t.initNew(null, cb, cb.executor());
        t.connect(s, authenticate, true).get(20, TimeUnit.SECONDS);
        return t;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static String article(String messageId, String subject, String body) {
        return "From: alice@ixp-lab.test\r\nNewsgroups: " + GROUP + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: " + messageId + "\r\n\r\n" + body;
    }

    @Test
    void anonymousReadingOverStartTls() throws Exception {
        NntpRecorder cb = new NntpRecorder();
        NntpTransport t = open(server(Security.STARTTLS).build(), false, cb);
        assertThat(t.nntpCapabilities().has("READER")).isTrue();
        assertThat(t.nntpCapabilities().over()).isTrue();
        NntpGroup g = get(t.commandGROUP(GROUP));
        assertThat(g.name()).isEqualTo(GROUP);
        assertThat(g.count()).isPositive();

        List<NntpHeader> headers = new ArrayList<>();
        OverviewSummary s = get(t.over(NntpRange.of(g.first(), g.last()), headers::add, null));
        assertThat(s.malformed()).isZero();
        assertThat(headers).isNotEmpty().allMatch(h -> h.messageId().startsWith("<"));
        assertThat(t.overviewFormat().fields()).contains("Subject:", "Message-ID:");

        NntpNext stat = get(t.commandSTAT(ArticleId.number(headers.get(0).articleNumber())));
        assertThat(stat.messageId()).isEqualTo(headers.get(0).messageId());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NntpArticleInfo info = get(t.article(ArticleId.number(stat.articleNumber()), out));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Message-ID: " + stat.messageId());
        assertThat(info.bytes()).isEqualTo(out.size());

        DisconnectResult bye = get(t.disconnect());
        assertThat(bye.ending()).isEqualTo(DisconnectResult.Ending.ACKNOWLEDGED);
        assertThat(bye.response()).startsWith("205");
    }

    @Test
    void compressDeflateIsNegotiatedAfterLogonAndEverythingWorksThroughIt() throws Exception {
        NntpRecorder cb = new NntpRecorder();
        NntpTransport t = open(as(1, Security.STARTTLS).build(), true, cb);
        assertThat(cb.commands()).containsSubsequence("> COMPRESS DEFLATE").anyMatch(l -> l.startsWith("< 206"));
        String id = "<ixp-z." + UUID.randomUUID() + "@ixp-lab.test>";
        String body = "compressed both ways\r\n" + "repeat me ".repeat(500) + "\r\n.dot line\r\n";
        assertThat(get(t.commandPOST(NntpMessage.of(article(id, "ixp compressed", body)))).code()).isEqualTo(240);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        get(t.body(ArticleId.messageId(id), out));
        assertThat(out.toByteArray()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        NntpGroup g = get(t.commandGROUP(GROUP));
        List<NntpHeader> headers = new ArrayList<>();
        OverviewSummary s = get(t.over(NntpRange.of(g.first(), g.last()), headers::add, null));
        assertThat(s.malformed()).isZero();
        assertThat(headers).extracting(NntpHeader::messageId).contains(id);
        assertThat(get(t.disconnect()).ending()).isEqualTo(DisconnectResult.Ending.ACKNOWLEDGED);
    }

    @Test
    void compressionCanBeTurnedOff() throws Exception {
        NntpRecorder cb = new NntpRecorder();
        NntpTransport t = open(as(1, Security.STARTTLS).compression(false).build(), true, cb);
        get(t.commandGROUP(GROUP));
        assertThat(cb.commands()).noneMatch(l -> l.contains("COMPRESS"));
        get(t.disconnect());
    }

    @Test
    void implicitTlsAndDate() throws Exception {
        NntpTransport t = open(server(Security.IMPLICIT_TLS).build(), false, new NntpRecorder());
        Instant date = get(t.commandDATE());
        assertThat(Duration.between(date, Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
        get(t.disconnect());
    }

    @Test
    void postThenReadBackByteForByte() throws Exception {
        NntpRecorder cb = new NntpRecorder();
        NntpTransport t = open(as(1, Security.STARTTLS).build(), true, cb);
        assertThat(t.isState(IsState.AUTHENTICATED)).isTrue();
        assertThat(cb.commands()).anyMatch(l -> l.startsWith("> AUTHINFO SASL SCRAM-SHA-256"));
        String id = "<ixp-it." + UUID.randomUUID() + "@ixp-lab.test>";
        String body = "Round trip through INN.\r\n.a line that starts with a dot\r\n..and two\r\n\r\n"
                + "Ümlaut and tab\there.\r\nlast line\r\n";
        NntpReply posted = get(t.commandPOST(NntpMessage.of(article(id, "ixp round trip", body))));
        assertThat(posted.code()).isEqualTo(240);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        get(t.body(ArticleId.messageId(id), out));
        assertThat(out.toByteArray()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        get(t.head(ArticleId.messageId(id), head));
        assertThat(head.toString(StandardCharsets.UTF_8)).contains("Subject: ixp round trip\r\n",
                "Message-ID: " + id + "\r\n", "From: alice@ixp-lab.test\r\n");
        NntpNext stat = get(t.commandSTAT(ArticleId.messageId(id)));
        assertThat(stat.messageId()).isEqualTo(id);

        // posted articles are in the overview at once
        NntpGroup g = get(t.commandGROUP(GROUP));
        List<NntpXhdr> ids = new ArrayList<>();
        get(t.hdr("Message-ID", NntpRange.of(g.last(), g.last()), null, ids::add));
        assertThat(ids).extracting(NntpXhdr::value).contains(id);
        get(t.disconnect());
    }

    @Test
    void bobMayNotPostAndAnonymousIsAskedToLogOn() throws Exception {
        NntpTransport bob = open(as(2, Security.STARTTLS).build(), true, new NntpRecorder());
        IxpException e = failure(bob.commandPOST(NntpMessage.of(article("<ixp-it." + UUID.randomUUID()
                + "@ixp-lab.test>", "bob", "no\r\n"))));
        assertThat(e.code()).isEqualTo(IxpCode.IXP_E_NNTP_NOT_PERMITTED);
        assertThat(e.result().serverError()).isEqualTo(440);
        get(bob.disconnect());

        NntpRecorder cb = new NntpRecorder();
        NntpTransport anonymous = open(server(Security.STARTTLS).build(), false, cb);
        IxpException a = failure(anonymous.commandPOST(NntpMessage.of(article("<ixp-it." + UUID.randomUUID()
                + "@ixp-lab.test>", "anonymous", "no\r\n"))));
        assertThat(a.code()).isEqualTo(IxpCode.IXP_E_NNTP_AUTH_REQUIRED);
        assertThat(a.result().serverError()).isEqualTo(480);
        assertThat(cb.commands()).noneMatch(l -> l.startsWith("> AUTHINFO"));
        get(anonymous.disconnect());
    }

    @Test
    void a480MidSessionLogsOnAndRetriesThePost() throws Exception {
        NntpRecorder cb = new NntpRecorder();
        // authenticate = false: connect anonymously; alice's credentials answer the 480 to POST
        NntpTransport t = open(as(1, Security.STARTTLS).build(), false, cb);
        assertThat(t.isState(IsState.AUTHENTICATED)).isFalse();
        String id = "<ixp-it.480." + UUID.randomUUID() + "@ixp-lab.test>";
        NntpReply r = get(t.commandPOST(NntpMessage.of(article(id, "after a 480", "posted after a 480\r\n"))));
        assertThat(r.code()).isEqualTo(240);
        List<String> verbs = cb.commands().stream().map(l -> l.length() > 5 ? l.substring(0, 5) : l).toList();
        // SCRAM ends with 283 (success with the server's final message), PLAIN with 281
        assertThat(verbs).containsSubsequence("> POS", "< 480", "> AUT", "< 383", "< 283", "> POS", "< 340",
                "< 240");
        assertThat(verbs.stream().filter(l -> l.equals("< 480")).count()).isEqualTo(1);
        assertThat(t.isState(IsState.AUTHENTICATED)).isTrue();
        assertThat(get(t.commandSTAT(ArticleId.messageId(id))).messageId()).isEqualTo(id);
        get(t.disconnect());
    }

    @Test
    void everySaslMechanismAndUserPass() throws Exception {
        for (String mech : List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN")) {
            NntpRecorder cb = new NntpRecorder();
            NntpTransport t = open(as(1, Security.IMPLICIT_TLS).saslMechanisms(List.of(mech)).build(), true, cb);
            assertThat(t.isState(IsState.AUTHENTICATED)).as(mech).isTrue();
            assertThat(cb.commands()).as(mech).anyMatch(l -> l.startsWith("> AUTHINFO SASL " + mech));
            get(t.disconnect());
        }
        NntpTransport t = open(server(Security.STARTTLS).build(), false, new NntpRecorder());
        IxpException wrong = failure(t.commandAUTHINFO(NntpAuthInfo.userPass("alice", Secret.of("wrong-pw"))));
        assertThat(wrong.code()).isEqualTo(IxpCode.IXP_E_AUTH_FAILED);
        assertThat(get(t.commandAUTHINFO(NntpAuthInfo.userPass("alice", Secret.of(Lab.get().password(1)))))
                .code()).isEqualTo(281);
        assertThat(t.isState(IsState.AUTHENTICATED)).isTrue();
        get(t.disconnect());
    }

    @Test
    void listGroupRangesHdrAndListings() throws Exception {
        NntpTransport t = open(server(Security.STARTTLS).build(), false, new NntpRecorder());
        NntpGroup g = get(t.commandGROUP(GROUP));
        List<Long> all = new ArrayList<>();
        get(t.listGroup(GROUP, null, all::add));
        assertThat(all).hasSize((int) Math.min(g.count(), Integer.MAX_VALUE)).isSorted();
        List<Long> some = new ArrayList<>();
        long first = all.get(0);
        get(t.listGroup(GROUP, NntpRange.of(first, first + 2), some::add));
        assertThat(some).isEqualTo(all.stream().filter(n -> n >= first && n <= first + 2).toList());
        some.clear();
        get(t.listGroup(GROUP, NntpRange.from(all.get(all.size() - 1)), some::add));
        assertThat(some).containsExactly(all.get(all.size() - 1));

        List<NntpXhdr> subjects = new ArrayList<>();
        get(t.hdr("Subject", NntpRange.of(g.first(), g.last()), null, subjects::add));
        assertThat(subjects).hasSize(all.size()).allMatch(x -> x.articleNumber() > 0);
        assertThat(t.nntpCapabilities().hdr()).isTrue();

        List<String> active = new ArrayList<>();
        get(t.list("ACTIVE local.*", active::add));
        assertThat(active).anyMatch(l -> l.startsWith("local.test ")).anyMatch(l -> l.startsWith("local.bench "));
        List<String> fmt = new ArrayList<>();
        get(t.list("OVERVIEW.FMT", fmt::add));
        assertThat(fmt).contains("Subject:", "Message-ID:");
        get(t.disconnect());
    }

    @Test
    void newGroupsSinceADate() throws Exception {
        NntpTransport t = open(server(Security.STARTTLS).build(), false, new NntpRecorder());
        List<String> since2000 = new ArrayList<>();
        get(t.newGroups(Instant.parse("2000-01-01T00:00:00Z"), null, since2000::add));
        assertThat(since2000).anyMatch(l -> l.startsWith("local.test ")).anyMatch(l -> l.startsWith("local.bench "));
        List<String> local = new ArrayList<>();
        get(t.newGroups(Instant.parse("2000-01-01T00:00:00Z"), "local", local::add));
        assertThat(local).isNotEmpty().allMatch(l -> l.startsWith("local."));
        List<String> future = new ArrayList<>();
        get(t.newGroups(Instant.now().plus(Duration.ofDays(1)), null, future::add));
        assertThat(future).isEmpty();
        get(t.disconnect());
    }
}
