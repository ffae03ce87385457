package org.ixp.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpReplyCodesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "211, IXP_E_SMTP_211_SYSTEM_STATUS",
            "214, IXP_E_SMTP_214_HELP_MESSAGE",
            "220, IXP_E_SMTP_220_READY",
            "221, IXP_E_SMTP_221_CLOSING",
            "235, IXP_E_SMTP_245_AUTH_SUCCESS",
            "250, IXP_E_SMTP_250_MAIL_ACTION_OKAY",
            "251, IXP_E_SMTP_251_FORWARDING_MAIL",
            "334, IXP_E_SMTP_334_AUTH_READY_RESPONSE",
            "354, IXP_E_SMTP_354_START_MAIL_INPUT",
            "421, IXP_E_SMTP_421_NOT_AVAILABLE",
            "450, IXP_E_SMTP_450_MAILBOX_BUSY",
            "451, IXP_E_SMTP_451_ERROR_PROCESSING",
            "452, IXP_E_SMTP_452_NO_SYSTEM_STORAGE",
            "500, IXP_E_SMTP_500_SYNTAX_ERROR",
            "501, IXP_E_SMTP_501_PARAM_SYNTAX",
            "502, IXP_E_SMTP_502_COMMAND_NOTIMPL",
            "503, IXP_E_SMTP_503_COMMAND_SEQ",
            "504, IXP_E_SMTP_504_COMMAND_PARAM_NOTIMPL",
            "530, IXP_E_SMTP_530_STARTTLS_REQUIRED",
            "535, IXP_E_AUTH_FAILED",
            "550, IXP_E_SMTP_550_MAILBOX_NOT_FOUND",
            "551, IXP_E_SMTP_551_USER_NOT_LOCAL",
            "552, IXP_E_SMTP_552_STORAGE_OVERFLOW",
            "553, IXP_E_SMTP_553_MAILBOX_NAME_SYNTAX",
            "554, IXP_E_SMTP_554_TRANSACT_FAILED",
    })
    void mappedCodes(int code, IxpCode expected) {
        assertThat(SmtpReplyCodes.toIxpCode(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {211, 214, 220, 221, 235, 250, 251, 334, 354})
    void positiveRepliesMapToSuccessCodes(int code) {
        assertThat(SmtpReplyCodes.toIxpCode(code).succeeded()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {421, 450, 451, 452, 500, 501, 502, 503, 504, 530, 535, 550, 551, 552, 553, 554})
    void negativeRepliesMapToErrorCodes(int code) {
        assertThat(SmtpReplyCodes.toIxpCode(code).succeeded()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 252, 253, 299})
    void unknown2xxIsTheGenericSuccess(int code) {
        assertThat(SmtpReplyCodes.toIxpCode(code)).isEqualTo(IxpCode.IXP_E_SMTP_250_MAIL_ACTION_OKAY);
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 399})
    void unknown3xxIsASuccess(int code) {
        assertThat(SmtpReplyCodes.toIxpCode(code).succeeded()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 454, 455, 499, 505, 521, 534, 538, 555, 556, 599})
    void unknown4xxAnd5xxIsTheGenericResponseError(int code) {
        assertThat(SmtpReplyCodes.toIxpCode(code)).isEqualTo(IxpCode.IXP_E_SMTP_RESPONSE_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -250, -1, 0, 1, 99, 100, 150, 199, 600, 650, 999, 1000, 2500,
            Integer.MAX_VALUE})
    void outOfRangeIsUnknownResponseCode(int code) {
        assertThat(SmtpReplyCodes.toIxpCode(code)).isEqualTo(IxpCode.IXP_E_SMTP_UNKNOWN_RESPONSE_CODE);
    }

    @Test
    void resultCarriesTheReply() {
        SmtpReply reply = new SmtpReply(550, List.of("5.1.1 no such user", "see docs"), "5.1.1");
        IxpResult r = SmtpReplyCodes.result(reply);
        assertThat(r.code()).isEqualTo(IxpCode.IXP_E_SMTP_550_MAILBOX_NOT_FOUND);
        assertThat(r.serverError()).isEqualTo(550);
        assertThat(r.response()).isEqualTo("550 5.1.1 no such user / see docs");
        assertThat(r.succeeded()).isFalse();

        IxpResult explicit = SmtpReplyCodes.result(IxpCode.IXP_E_SMTP_454_STARTTLS_FAILED,
                new SmtpReply(454, List.of("4.7.0 TLS not available"), "4.7.0"), "STARTTLS refused");
        assertThat(explicit.code()).isEqualTo(IxpCode.IXP_E_SMTP_454_STARTTLS_FAILED);
        assertThat(explicit.serverError()).isEqualTo(454);
        assertThat(explicit.response()).isEqualTo("454 4.7.0 TLS not available");
        assertThat(explicit.problem()).isEqualTo("STARTTLS refused");
    }
}
