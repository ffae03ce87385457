package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpCapabilitiesTest {

    /** An EHLO reply: the first line is the greeting, the rest one extension each. */
    private static SmtpCapabilities ehlo(String... extensionLines) {
        List<String> lines = new ArrayList<>();
        lines.add("mail.example.com Hello client.example.org [192.0.2.1]");
        lines.addAll(List.of(extensionLines));
        return SmtpCapabilities.fromEhlo(new SmtpReply(250, lines, null));
    }

    @Test
    void parsesKeywordsAndParameters() {
        SmtpCapabilities caps = ehlo("PIPELINING", "SIZE 10240000", "VRFY", "ETRN", "STARTTLS",
                "AUTH PLAIN LOGIN CRAM-MD5", "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING");
        assertThat(caps.isEhlo()).isTrue();
        assertThat(caps.has("PIPELINING")).isTrue();
        assertThat(caps.has("STARTTLS")).isTrue();
        assertThat(caps.has("DSN")).isTrue();
        assertThat(caps.has("BINARYMIME")).isFalse();
        assertThat(caps.parameters("SIZE")).isEqualTo("10240000");
        assertThat(caps.parameters("PIPELINING")).isEmpty();
        assertThat(caps.parameters("AUTH")).isEqualTo("PLAIN LOGIN CRAM-MD5");
        assertThat(caps.parameters("XCLIENT")).isNull();
        assertThat(caps.lines()).containsExactly("PIPELINING", "SIZE 10240000", "VRFY", "ETRN", "STARTTLS",
                "AUTH PLAIN LOGIN CRAM-MD5", "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING");
    }

    @Test
    void theGreetingLineIsNotAnExtension() {
        SmtpCapabilities caps = SmtpCapabilities.fromEhlo(new SmtpReply(250, List.of("STARTTLS"), null));
        assertThat(caps.has("STARTTLS")).as("first line is the domain greeting").isFalse();
        assertThat(caps.lines()).isEmpty();
        assertThat(caps.isEhlo()).isTrue();
    }

    @Test
    void noneIsEmptyAndNotEhlo() {
        assertThat(SmtpCapabilities.NONE.isEhlo()).isFalse();
        assertThat(SmtpCapabilities.NONE.has("STARTTLS")).isFalse();
        assertThat(SmtpCapabilities.NONE.authMechanisms()).isEmpty();
        assertThat(SmtpCapabilities.NONE.maxSize()).isZero();
        assertThat(SmtpCapabilities.NONE.lines()).isEmpty();
    }

    @Test
    void blankAndPaddedLinesAreTolerated() {
        SmtpCapabilities caps = ehlo("", "   ", "  SIZE    5000  ", "STARTTLS ");
        assertThat(caps.has("STARTTLS")).isTrue();
        assertThat(caps.parameters("STARTTLS")).isEmpty();
        assertThat(caps.maxSize()).isEqualTo(5000);
        assertThat(caps.lines()).containsExactly("SIZE 5000", "STARTTLS");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        SmtpCapabilities caps = ehlo("starttls", "Size 2048", "auth plain login", "EnhancedStatusCodes");
        assertThat(caps.has("STARTTLS")).isTrue();
        assertThat(caps.has("starttls")).isTrue();
        assertThat(caps.has("StartTls")).isTrue();
        assertThat(caps.has("enhancedstatuscodes")).isTrue();
        assertThat(caps.parameters("size")).isEqualTo("2048");
        assertThat(caps.parameters("SIZE")).isEqualTo("2048");
        assertThat(caps.maxSize()).isEqualTo(2048);
        assertThat(caps.authMechanisms()).containsExactly("PLAIN", "LOGIN");
    }

    @Test
    void authMechanismList() {
        assertThat(ehlo("AUTH PLAIN LOGIN XOAUTH2 SCRAM-SHA-256").authMechanisms())
                .containsExactly("PLAIN", "LOGIN", "XOAUTH2", "SCRAM-SHA-256");
        assertThat(ehlo("AUTH   PLAIN    LOGIN ").authMechanisms()).containsExactly("PLAIN", "LOGIN");
        assertThat(ehlo("AUTH").authMechanisms()).isEmpty();
        assertThat(ehlo("SIZE 1").authMechanisms()).isEmpty();
        assertThat(ehlo("AUTH").has("AUTH")).isTrue();
    }

    /** Quirk: pre-RFC 2554 servers (Outlook era) announce {@code AUTH=LOGIN PLAIN}; it merges into AUTH. */
    @Test
    void oldAuthEqualsSyntaxIsMergedIntoAuth() {
        SmtpCapabilities old = ehlo("AUTH=LOGIN PLAIN");
        assertThat(old.has("AUTH")).isTrue();
        assertThat(old.authMechanisms()).containsExactly("LOGIN", "PLAIN");

        SmtpCapabilities both = ehlo("AUTH LOGIN PLAIN CRAM-MD5", "AUTH=LOGIN PLAIN");
        assertThat(both.authMechanisms()).as("duplicates dropped, order kept")
                .containsExactly("LOGIN", "PLAIN", "CRAM-MD5");
        assertThat(both.has("AUTH=LOGIN")).isFalse();

        SmtpCapabilities oldFirst = ehlo("AUTH=LOGIN", "AUTH PLAIN");
        assertThat(oldFirst.authMechanisms()).containsExactly("LOGIN", "PLAIN");

        SmtpCapabilities lower = ehlo("auth=login plain");
        assertThat(lower.authMechanisms()).containsExactly("LOGIN", "PLAIN");
    }

    @Test
    void sizeAbsentIsZero() {
        assertThat(ehlo("PIPELINING").maxSize()).isZero();
        assertThat(ehlo("PIPELINING").has("SIZE")).isFalse();
    }

    @Test
    void sizeWithoutNumberIsZero() {
        SmtpCapabilities caps = ehlo("SIZE");
        assertThat(caps.has("SIZE")).isTrue();
        assertThat(caps.maxSize()).as("SIZE without a number: no fixed limit").isZero();
    }

    @Test
    void sizeNumber() {
        assertThat(ehlo("SIZE 10240000").maxSize()).isEqualTo(10_240_000L);
        assertThat(ehlo("SIZE 0").maxSize()).isZero();
        assertThat(ehlo("SIZE 35882577").maxSize()).isEqualTo(35_882_577L);
        assertThat(ehlo("SIZE 4294967296").maxSize()).as("beyond int").isEqualTo(4_294_967_296L);
    }

    @Test
    void sizeGarbageIsZero() {
        assertThat(ehlo("SIZE abc").maxSize()).isZero();
        assertThat(ehlo("SIZE 10M").maxSize()).isZero();
        assertThat(ehlo("SIZE 1 2").maxSize()).isZero();
        assertThat(ehlo("SIZE 99999999999999999999999").maxSize()).isZero();
        assertThat(ehlo("SIZE 0x100").maxSize()).isZero();
    }

    /** RFC 1870: size-param = [1*DIGIT]; a sign is not a digit and a negative limit means nothing. */
    @Test
    void sizeWithASignIsGarbage() {
        assertThat(ehlo("SIZE -1").maxSize())
                .as("BUG SmtpCapabilities.maxSize: Long.parseLong accepts a sign, so 'SIZE -1' gives -1 instead of"
                        + " 0 (garbage); RFC 1870 size-param is digits only")
                .isZero();
    }

    @Test
    void sizeWithAPlusSignIsGarbage() {
        assertThat(ehlo("SIZE +1000").maxSize())
                .as("BUG SmtpCapabilities.maxSize: Long.parseLong accepts '+1000'; RFC 1870 size-param is digits"
                        + " only, so it is garbage (0)")
                .isZero();
    }

    @Test
    void repeatedKeywordParametersAreJoined() {
        SmtpCapabilities caps = ehlo("AUTH PLAIN", "AUTH LOGIN");
        assertThat(caps.authMechanisms()).containsExactly("PLAIN", "LOGIN");
    }

    @Test
    void parsedFromDecodedWire() {
        SmtpReplyDecoder d = new SmtpReplyDecoder(org.ixp.Limits.DEFAULT);
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.copiedBuffer(
                "250-smtp.example.com at your service\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n"
                        + "250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\r\n"
                        + "250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n",
                java.nio.charset.StandardCharsets.US_ASCII);
        try {
            SmtpCapabilities caps = SmtpCapabilities.fromEhlo(d.decode(buf));
            assertThat(buf.readableBytes()).isZero();
            assertThat(caps.maxSize()).isEqualTo(35_882_577L);
            assertThat(caps.authMechanisms())
                    .containsExactly("LOGIN", "PLAIN", "XOAUTH2", "PLAIN-CLIENTTOKEN", "OAUTHBEARER", "XOAUTH");
            assertThat(caps.has("smtputf8")).isTrue();
            assertThat(caps.has("STARTTLS")).isFalse();
        } finally {
            buf.release();
        }
    }
}
