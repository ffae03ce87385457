package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NntpCapabilitiesTest {

    @Test
    void innReaderCapabilities() {
        NntpCapabilities c = NntpCapabilities.of(List.of("VERSION 2", "IMPLEMENTATION INN 2.7.1", "AUTHINFO USER SASL",
                "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256", "HDR", "LIST ACTIVE ACTIVE.TIMES COUNTS "
                        + "DISTRIB.PATS DISTRIBUTIONS HEADERS MODERATORS MOTD NEWSGROUPS OVERVIEW.FMT SUBSCRIPTIONS",
                "NEWNEWS", "OVER", "POST", "READER", "STARTTLS", "COMPRESS DEFLATE"));
        assertThat(c.known()).isTrue();
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.needsModeReader()).isFalse();
        assertThat(c.startTls()).isTrue();
        assertThat(c.over()).isTrue();
        assertThat(c.hdr()).isTrue();
        assertThat(c.authinfoUser()).isTrue();
        assertThat(c.authinfoSasl()).isTrue();
        assertThat(c.saslMechanisms()).containsExactly("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256");
        assertThat(c.has("list", "overview.fmt")).isTrue();
        assertThat(c.post()).isTrue();
        assertThat(c.compressDeflate()).isTrue();
    }

    @Test
    void aModeSwitchingTransitServer() {
        NntpCapabilities c = NntpCapabilities.of(List.of("VERSION 2", "IHAVE", "MODE-READER", "STREAMING"));
        assertThat(c.needsModeReader()).isTrue();
        assertThat(c.authinfo()).isFalse();
        assertThat(c.authinfoUser()).isFalse();
        assertThat(c.over()).isFalse();
    }

    @Test
    void legacyKnowsNothingButAllowsTheFallbacks() {
        NntpCapabilities c = NntpCapabilities.LEGACY;
        assertThat(c.known()).isFalse();
        assertThat(c.version()).isZero();
        assertThat(c.needsModeReader()).isTrue();
        assertThat(c.authinfoUser()).isTrue();
        assertThat(c.authinfoSasl()).isFalse();
        assertThat(c.over()).isFalse();
        assertThat(c.hdr()).isFalse();
        assertThat(c.lines()).isEmpty();
    }
}
