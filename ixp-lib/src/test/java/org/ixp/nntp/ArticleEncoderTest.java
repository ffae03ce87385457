package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

class ArticleEncoderTest {

    private static String wire(String article) {
        return new String(ArticleEncoder.encode(NntpMessage.of(article), 1 << 20).wire(), StandardCharsets.UTF_8);
    }

    @Test
    void dotStuffsAndTerminates() {
        assertThat(wire("Subject: s\r\n\r\n.one\r\n..two\r\n.\r\nend\r\n"))
                .isEqualTo("Subject: s\r\n\r\n..one\r\n...two\r\n..\r\nend\r\n.\r\n");
    }

    @Test
    void bareLfBecomesCrlfAndAFinalLineEndIsAdded() {
        assertThat(wire("Subject: s\n\nbody\nno final newline")).isEqualTo(
                "Subject: s\r\n\r\nbody\r\nno final newline\r\n.\r\n");
        assertThat(wire("")).isEqualTo(".\r\n");
    }

    @Test
    void findsTheMessageIdInTheHeaderOnly() {
        assertThat(ArticleEncoder.encode(NntpMessage.of("From: a\r\nMessage-ID: <x@y>\r\n\r\nb\r\n"), 1000)
                .messageId()).isEqualTo("<x@y>");
        assertThat(ArticleEncoder.encode(NntpMessage.of("From: a\r\n\r\nMessage-ID: <body@y>\r\n"), 1000)
                .messageId()).isNull();
        assertThat(ArticleEncoder.encode(NntpMessage.of("message-id:   <z@y>"), 1000).messageId()).isEqualTo("<z@y>");
    }

    @Test
    void nulLoneCrAndOversizeAreRefused() {
        for (String bad : new String[] {"a\0b\r\n", "a\rb\r\n", "ends with cr\r"}) {
            assertThatThrownBy(() -> wire(bad)).isInstanceOfSatisfying(IxpException.class,
                    e -> assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG));
        }
        assertThatThrownBy(() -> ArticleEncoder.encode(NntpMessage.of("x".repeat(2000)), 1000))
                .isInstanceOfSatisfying(IxpException.class, e -> assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG));
    }

    @Test
    void crlfSplitAcrossReadsIsKept() {
        InputStream trickle = new ByteArrayInputStream("a\r\n.b\r\n".getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(new String(ArticleEncoder.encode(new NntpMessage(trickle, -1), 1000).wire(),
                StandardCharsets.US_ASCII)).isEqualTo("a\r\n..b\r\n.\r\n");
    }
}
