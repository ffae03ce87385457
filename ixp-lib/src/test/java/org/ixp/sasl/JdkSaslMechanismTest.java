package org.ixp.sasl;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.Secret;
import org.junit.jupiter.api.Test;

/** PLAIN, CRAM-MD5 and NTLM through the JDK's SASL clients. */
class JdkSaslMechanismTest {

    private static SaslCredentials creds(String user, String password, String authzid) {
        return new SaslCredentials(user, Secret.of(password), null, authzid);
    }

    @Test
    void plainSendsNulUserNulPassword() {
        SaslMechanism m = JdkSaslMechanism.plain(creds("user", "pass", null), "smtp", "mail.example.com");
        assertThat(m.name()).isEqualTo("PLAIN");
        assertThat(m.hasInitialResponse()).isTrue();
        assertThat(m.revealsPassword()).isTrue();
        assertThat(m.isComplete()).isFalse();
        assertThat(m.initialResponse()).isEqualTo("\0user\0pass".getBytes(UTF_8));
        assertThat(m.isComplete()).isTrue();
    }

    @Test
    void plainPutsTheAuthorizationIdFirst() {
        SaslMechanism m = JdkSaslMechanism.plain(creds("user", "pass", "admin"), "imap", "mail.example.com");
        assertThat(m.initialResponse()).isEqualTo("admin\0user\0pass".getBytes(UTF_8));
    }

    @Test
    void plainEncodesUtf8() {
        SaslMechanism m = JdkSaslMechanism.plain(creds("jürgen", "päss", null), "imap", "mail.example.com");
        assertThat(m.initialResponse()).isEqualTo("\0jürgen\0päss".getBytes(UTF_8));
    }

    @Test
    void plainAnswersAnEmptyChallengeWhenNoInitialResponseWasSent() {
        SaslMechanism m = JdkSaslMechanism.plain(creds("user", "pass", null), "imap", "mail.example.com");
        assertThat(m.evaluateChallenge(new byte[0])).isEqualTo("\0user\0pass".getBytes(UTF_8));
        assertThat(m.isComplete()).isTrue();
    }

    @Test
    void plainRefusesAChallengeAfterItsResponseAndASecondInitialResponse() {
        SaslMechanism m = JdkSaslMechanism.plain(creds("user", "pass", null), "smtp", "mail.example.com");
        m.initialResponse();
        assertThatThrownBy(() -> m.evaluateChallenge("more".getBytes(UTF_8)))
                .isInstanceOf(IxpException.class)
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
        assertThatThrownBy(m::initialResponse)
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_INVALID_STATE);
    }

    @Test
    void cramMd5MatchesRfc2195() {
        SaslMechanism m = JdkSaslMechanism.cramMd5(creds("tim", "tanstaaftanstaaf", null), "imap", "mail.example.com");
        assertThat(m.hasInitialResponse()).isFalse();
        assertThat(m.revealsPassword()).isFalse();
        byte[] response = m.evaluateChallenge("<1896.697170952@postoffice.reston.mci.net>".getBytes(UTF_8));
        assertThat(new String(response, UTF_8)).isEqualTo("tim b913a602c7eda7a495b4e6e7334d3890");
        assertThat(m.isComplete()).isTrue();
    }

    @Test
    void cramMd5RefusesAnEmptyChallengeAndAnInitialResponseRequest() {
        SaslMechanism m = JdkSaslMechanism.cramMd5(creds("tim", "tanstaaftanstaaf", null), "imap", "mail.example.com");
        assertThatThrownBy(() -> m.evaluateChallenge(new byte[0]))
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
        assertThatThrownBy(m::initialResponse)
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_INVALID_STATE);
    }

    @Test
    void passwordMechanismsNeedAPassword() {
        SaslCredentials tokenOnly = SaslCredentials.ofToken("user", () -> "t");
        assertThatThrownBy(() -> JdkSaslMechanism.plain(tokenOnly, "smtp", "h"))
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.E_INVALIDARG);
        assertThatThrownBy(() -> JdkSaslMechanism.ntlm(tokenOnly, "smtp", "h"))
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.E_INVALIDARG);
    }

    @Test
    void ntlmSendsTypeOneFirst() {
        SaslMechanism m = JdkSaslMechanism.ntlm(creds("EXAMPLE\\bob", "secret", null), "smtp", "mail.example.com");
        assertThat(m.name()).isEqualTo("NTLM");
        assertThat(m.hasInitialResponse()).isTrue();
        assertThat(m.revealsPassword()).isFalse();
        byte[] type1 = m.initialResponse();
        assertThat(new String(type1, 0, 8, ISO_8859_1)).isEqualTo("NTLMSSP\0");
        assertThat(type1[8]).isEqualTo((byte) 1);
        assertThat(m.isComplete()).isFalse();
    }

    @Test
    void ntlmAnswersTypeTwoWithTypeThreeNamingDomainAndUser() {
        SaslMechanism m = JdkSaslMechanism.ntlm(creds("EXAMPLE\\bob", "secret", null), "smtp", "mail.example.com");
        m.initialResponse();
        byte[] type3 = m.evaluateChallenge(type2());
        assertThat(new String(type3, 0, 8, ISO_8859_1)).isEqualTo("NTLMSSP\0");
        assertThat(type3[8]).isEqualTo((byte) 3);
        String text = new String(type3, java.nio.charset.StandardCharsets.UTF_16LE)
                + new String(type3, 1, type3.length - 1, java.nio.charset.StandardCharsets.UTF_16LE);
        assertThat(text).contains("EXAMPLE").contains("bob").doesNotContain("EXAMPLE\\bob");
        assertThat(m.isComplete()).isTrue();
        assertThatThrownBy(() -> m.evaluateChallenge(type2()))
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
    }

    @Test
    void ntlmAnswersAnEmptyChallengeWithTypeOne() {
        SaslMechanism m = JdkSaslMechanism.ntlm(creds("bob", "secret", null), "imap", "mail.example.com");
        assertThat(new String(m.evaluateChallenge(new byte[0]), 0, 8, ISO_8859_1)).isEqualTo("NTLMSSP\0");
    }

    @Test
    void ntlmRefusesAGarbageTypeTwo() {
        SaslMechanism m = JdkSaslMechanism.ntlm(creds("bob", "secret", null), "smtp", "mail.example.com");
        m.initialResponse();
        assertThatThrownBy(() -> m.evaluateChallenge("not ntlm".getBytes(UTF_8)))
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.IXP_E_PROTOCOL_ERROR);
    }

    /** A minimal NTLM type-2 message: Unicode, NTLM, target info holding only MsvAvEOL. */
    static byte[] type2() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("NTLMSSP\0".getBytes(ISO_8859_1));
        le32(b, 2);
        le16(b, 0); le16(b, 0); le32(b, 48);            // target name: empty
        le32(b, 0x00000001 | 0x00000200 | 0x00800000);  // UNICODE | NTLM | TARGET_INFO
        b.writeBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // server challenge
        b.writeBytes(new byte[8]);                        // reserved
        le16(b, 4); le16(b, 4); le32(b, 48);            // target info
        b.writeBytes(new byte[4]);                        // MsvAvEOL
        return b.toByteArray();
    }

    private static void le16(ByteArrayOutputStream b, int v) {
        b.write(v & 0xFF);
        b.write((v >>> 8) & 0xFF);
    }

    private static void le32(ByteArrayOutputStream b, int v) {
        le16(b, v & 0xFFFF);
        le16(b, v >>> 16);
    }
}
