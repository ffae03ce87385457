package org.ixp;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IxpCodeTest {

    /**
     * The 61 codes of the Wine idl, name and HRESULT exactly as in TRANSPORT-CONTRACT.md §2.1. ixp spells the idl's
     * {@code IXP_E_SCOKET_INIT_ERROR} as {@code IXP_E_SOCKET_INIT_ERROR} (the docs' spelling).
     */
    private static final List<Map.Entry<String, Integer>> WINE_IDL = List.of(
            entry("IXP_E_LOAD_SICILY_FAILED", 0x800CCC00),
            entry("IXP_E_INVALID_CERT_CN", 0x800CCC01),
            entry("IXP_E_INVALID_CERT_DATE", 0x800CCC02),
            entry("IXP_E_ALREADY_CONNECTED", 0x800CCC03),
            entry("IXP_E_CONN", 0x800CCC04),
            entry("IXP_E_NOT_CONNECTED", 0x800CCC05),
            entry("IXP_E_CONN_SEND", 0x800CCC06),
            entry("IXP_E_WOULD_BLOCK", 0x800CCC07),
            entry("IXP_E_INVALID_STATE", 0x800CCC08),
            entry("IXP_E_CONN_RECV", 0x800CCC09),
            entry("IXP_E_INCOMPLETE", 0x800CCC0A),
            entry("IXP_E_BUSY", 0x800CCC0B),
            entry("IXP_E_NOT_INIT", 0x800CCC0C),
            entry("IXP_E_CANT_FIND_HOST", 0x800CCC0D),
            entry("IXP_E_FAILED_TO_CONNECT", 0x800CCC0E),
            entry("IXP_E_CONNECTION_DROPPED", 0x800CCC0F),
            entry("IXP_E_INVALID_ADDRESS", 0x800CCC10),
            entry("IXP_E_INVALID_ADDRESS_LIST", 0x800CCC11),
            entry("IXP_E_SOCKET_READ_ERROR", 0x800CCC12),
            entry("IXP_E_SOCKET_WRITE_ERROR", 0x800CCC13),
            entry("IXP_E_SOCKET_INIT_ERROR", 0x800CCC14),
            entry("IXP_E_SOCKET_CONNECT_ERROR", 0x800CCC15),
            entry("IXP_E_INVALID_ACCOUNT", 0x800CCC16),
            entry("IXP_E_USER_CANCEL", 0x800CCC17),
            entry("IXP_E_SICILY_LOGON_FAILED", 0x800CCC18),
            entry("IXP_E_TIMEOUT", 0x800CCC19),
            entry("IXP_E_SECURE_CONNECT_FAILED", 0x800CCC1A),
            entry("IXP_E_SMTP_RESPONSE_ERROR", 0x800CCC60),
            entry("IXP_E_SMTP_UNKNOWN_RESPONSE_CODE", 0x800CCC61),
            entry("IXP_E_SMTP_500_SYNTAX_ERROR", 0x800CCC62),
            entry("IXP_E_SMTP_501_PARAM_SYNTAX", 0x800CCC63),
            entry("IXP_E_SMTP_502_COMMAND_NOTIMPL", 0x800CCC64),
            entry("IXP_E_SMTP_503_COMMAND_SEQ", 0x800CCC65),
            entry("IXP_E_SMTP_504_COMMAND_PARAM_NOTIMPL", 0x800CCC66),
            entry("IXP_E_SMTP_421_NOT_AVAILABLE", 0x800CCC67),
            entry("IXP_E_SMTP_450_MAILBOX_BUSY", 0x800CCC68),
            entry("IXP_E_SMTP_550_MAILBOX_NOT_FOUND", 0x800CCC69),
            entry("IXP_E_SMTP_451_ERROR_PROCESSING", 0x800CCC6A),
            entry("IXP_E_SMTP_551_USER_NOT_LOCAL", 0x800CCC6B),
            entry("IXP_E_SMTP_452_NO_SYSTEM_STORAGE", 0x800CCC6C),
            entry("IXP_E_SMTP_552_STORAGE_OVERFLOW", 0x800CCC6D),
            entry("IXP_E_SMTP_553_MAILBOX_NAME_SYNTAX", 0x800CCC6E),
            entry("IXP_E_SMTP_554_TRANSACT_FAILED", 0x800CCC6F),
            entry("IXP_E_SMTP_211_SYSTEM_STATUS", 0x000CCC70),
            entry("IXP_E_SMTP_214_HELP_MESSAGE", 0x000CCC71),
            entry("IXP_E_SMTP_220_READY", 0x000CCC72),
            entry("IXP_E_SMTP_221_CLOSING", 0x000CCC73),
            entry("IXP_E_SMTP_250_MAIL_ACTION_OKAY", 0x000CCC74),
            entry("IXP_E_SMTP_251_FORWARDING_MAIL", 0x000CCC75),
            entry("IXP_E_SMTP_354_START_MAIL_INPUT", 0x000CCC76),
            entry("IXP_E_SMTP_CONTINUE", 0x000CCC77),
            entry("IXP_E_SMTP_334_AUTH_READY_RESPONSE", 0x000CCC78),
            entry("IXP_E_SMTP_245_AUTH_SUCCESS", 0x000CCC79),
            entry("IXP_E_SMTP_REJECTED_SENDER", 0x800CCC78),
            entry("IXP_E_SMTP_REJECTED_RECIPIENTS", 0x800CCC79),
            entry("IXP_E_SMTP_NO_SENDER", 0x800CCC7A),
            entry("IXP_E_SMTP_NO_RECIPIENTS", 0x800CCC7B),
            entry("IXP_E_SMTP_530_STARTTLS_REQUIRED", 0x800CCC7C),
            entry("IXP_E_SMTP_NO_STARTTLS_SUPPORT", 0x800CCC7D),
            entry("IXP_E_SMTP_NO_DSN_SUPPORT", 0x800CCC7E),
            entry("IXP_E_SMTP_454_STARTTLS_FAILED", 0x800CCC7F)
    );

    /** The ten codes built with HR_S: named IXP_E_… but successes. */
    private static final Set<String> HR_S = Set.of(
            "IXP_E_SMTP_211_SYSTEM_STATUS", "IXP_E_SMTP_214_HELP_MESSAGE", "IXP_E_SMTP_220_READY",
            "IXP_E_SMTP_221_CLOSING", "IXP_E_SMTP_250_MAIL_ACTION_OKAY", "IXP_E_SMTP_251_FORWARDING_MAIL",
            "IXP_E_SMTP_354_START_MAIL_INPUT", "IXP_E_SMTP_CONTINUE", "IXP_E_SMTP_334_AUTH_READY_RESPONSE",
            "IXP_E_SMTP_245_AUTH_SUCCESS");

    @Test
    void theTableHasAllSixtyOneCodes() {
        assertThat(WINE_IDL).hasSize(61);
        assertThat(WINE_IDL.stream().map(Map.Entry::getKey).collect(Collectors.toSet())).hasSize(61);
    }

    @Test
    void everyWineIdlCodeHasExactlyItsHresult() {
        for (Map.Entry<String, Integer> e : WINE_IDL) {
            IxpCode code = IxpCode.valueOf(e.getKey());
            assertThat(code.hresult()).as("%s", e.getKey())
                    .withFailMessage("%s is 0x%08X, the idl says 0x%08X", e.getKey(), code.hresult(), e.getValue())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void theIdlMisspellingIsNotAConstant() {
        assertThat(Arrays.stream(IxpCode.values()).map(Enum::name)).doesNotContain("IXP_E_SCOKET_INIT_ERROR")
                .contains("IXP_E_SOCKET_INIT_ERROR");
    }

    @Test
    void successCodesSucceedAndErrorsDoNot() {
        assertThat(WINE_IDL.stream().filter(e -> HR_S.contains(e.getKey()))).hasSize(10);
        for (Map.Entry<String, Integer> e : WINE_IDL) {
            IxpCode code = IxpCode.valueOf(e.getKey());
            assertThat(code.succeeded()).as("%s succeeded()", code.describe()).isEqualTo(HR_S.contains(e.getKey()));
        }
        assertThat(IxpCode.S_OK.succeeded()).isTrue();
        assertThat(IxpCode.S_FALSE.succeeded()).isTrue();
        assertThat(IxpCode.IXP_S_SMTP_NO_DSN_SUPPORT.succeeded()).isTrue();
        assertThat(IxpCode.IXP_S_IMAP_VERBATIM_MBOX.succeeded()).isTrue();
        assertThat(IxpCode.E_FAIL.succeeded()).isFalse();
        assertThat(IxpCode.E_INVALIDARG.succeeded()).isFalse();
        assertThat(IxpCode.E_UNEXPECTED.succeeded()).isFalse();
    }

    @Test
    void succeededIsTheSeverityBitForEveryConstant() {
        for (IxpCode c : IxpCode.values()) {
            assertThat(c.succeeded()).as("%s", c.describe()).isEqualTo((c.hresult() & 0x80000000) == 0);
            if (c.name().startsWith("IXP_S_") || c.name().startsWith("S_")) {
                assertThat(c.succeeded()).as("%s", c.describe()).isTrue();
            }
        }
    }

    @Test
    void standardHresults() {
        assertThat(IxpCode.S_OK.hresult()).isEqualTo(0);
        assertThat(IxpCode.S_FALSE.hresult()).isEqualTo(1);
        assertThat(IxpCode.E_FAIL.hresult()).isEqualTo(0x80004005);
        assertThat(IxpCode.E_INVALIDARG.hresult()).isEqualTo(0x80070057);
        assertThat(IxpCode.E_OUTOFMEMORY.hresult()).isEqualTo(0x8007000E);
        assertThat(IxpCode.E_UNEXPECTED.hresult()).isEqualTo(0x8000FFFF);
        assertThat(IxpCode.OLE_E_BLANK.hresult()).isEqualTo(0x80040007);
    }

    @Test
    void theSharedLowWordsAreDistinctConstants() {
        assertThat(IxpCode.IXP_E_SMTP_334_AUTH_READY_RESPONSE).isNotEqualTo(IxpCode.IXP_E_SMTP_REJECTED_SENDER);
        assertThat(IxpCode.IXP_E_SMTP_334_AUTH_READY_RESPONSE.hresult() & 0xFFFF).isEqualTo(0xCC78);
        assertThat(IxpCode.IXP_E_SMTP_REJECTED_SENDER.hresult() & 0xFFFF).isEqualTo(0xCC78);
        assertThat(IxpCode.IXP_E_SMTP_334_AUTH_READY_RESPONSE.hresult())
                .isNotEqualTo(IxpCode.IXP_E_SMTP_REJECTED_SENDER.hresult());

        assertThat(IxpCode.IXP_E_SMTP_245_AUTH_SUCCESS).isNotEqualTo(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS);
        assertThat(IxpCode.IXP_E_SMTP_245_AUTH_SUCCESS.hresult() & 0xFFFF).isEqualTo(0xCC79);
        assertThat(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS.hresult() & 0xFFFF).isEqualTo(0xCC79);
        assertThat(IxpCode.IXP_E_SMTP_245_AUTH_SUCCESS.hresult())
                .isNotEqualTo(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS.hresult());

        assertThat(IxpCode.fromHresult(0x000CCC78)).isEqualTo(IxpCode.IXP_E_SMTP_334_AUTH_READY_RESPONSE);
        assertThat(IxpCode.fromHresult(0x800CCC78)).isEqualTo(IxpCode.IXP_E_SMTP_REJECTED_SENDER);
        assertThat(IxpCode.fromHresult(0x000CCC79)).isEqualTo(IxpCode.IXP_E_SMTP_245_AUTH_SUCCESS);
        assertThat(IxpCode.fromHresult(0x800CCC79)).isEqualTo(IxpCode.IXP_E_SMTP_REJECTED_RECIPIENTS);
    }

    @Test
    void everyHresultIsUnique() {
        Set<Integer> seen = new HashSet<>();
        for (IxpCode c : IxpCode.values()) {
            assertThat(seen.add(c.hresult())).as("%s shares its HRESULT with another constant", c.describe())
                    .isTrue();
        }
    }

    @Test
    void describeFormat() {
        assertThat(IxpCode.IXP_E_NOT_INIT.describe()).isEqualTo("IXP_E_NOT_INIT (0x800CCC0C)");
        assertThat(IxpCode.IXP_E_SMTP_220_READY.describe()).isEqualTo("IXP_E_SMTP_220_READY (0x000CCC72)");
        assertThat(IxpCode.S_OK.describe()).isEqualTo("S_OK (0x00000000)");
        assertThat(IxpCode.E_UNEXPECTED.describe()).isEqualTo("E_UNEXPECTED (0x8000FFFF)");
        for (IxpCode c : IxpCode.values()) {
            assertThat(c.describe()).matches(c.name() + " \\(0x[0-9A-F]{8}\\)");
            assertThat(c.meaning()).isNotBlank();
        }
    }

    @Test
    void fromHresultRoundTrips() {
        for (IxpCode c : IxpCode.values()) {
            assertThat(IxpCode.fromHresult(c.hresult())).isSameAs(c);
        }
    }

    @Test
    void fromHresultRefusesAnUnknownValue() {
        assertThatThrownBy(() -> IxpCode.fromHresult(0x800CCCFF)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x800CCCFF");
        assertThatThrownBy(() -> IxpCode.fromHresult(0x000CCC00)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ixpStatusValuesInOrder() {
        assertThat(Arrays.stream(IxpStatus.values()).map(Enum::name)).containsExactly("FINDINGHOST", "CONNECTING",
                "SECURING", "CONNECTED", "AUTHORIZING", "AUTHRETRY", "AUTHORIZED", "DISCONNECTING", "DISCONNECTED");
        for (IxpStatus s : IxpStatus.values()) {
            assertThat(s.value()).as("%s", s).isEqualTo(s.ordinal());
        }
        assertThat(IxpStatus.DISCONNECTED.value()).isEqualTo(8);
    }

    @Test
    void isStateValues() {
        assertThat(Arrays.stream(IsState.values()).map(Enum::name))
                .containsExactly("CONNECTED", "BUSY", "READY", "AUTHENTICATED");
        for (IsState s : IsState.values()) {
            assertThat(s.value()).as("%s", s).isEqualTo(s.ordinal());
        }
    }

    @Test
    void ixpTypeValues() {
        assertThat(IxpType.NNTP.value()).isEqualTo(0);
        assertThat(IxpType.SMTP.value()).isEqualTo(1);
        assertThat(IxpType.POP3.value()).isEqualTo(2);
        assertThat(IxpType.IMAP.value()).isEqualTo(3);
        assertThat(IxpType.RAS.value()).isEqualTo(4);
        assertThat(IxpType.HTTPMAIL.value()).isEqualTo(5);
        assertThat(IxpType.values()).hasSize(6);
    }

    @Test
    void cmdTypeValues() {
        assertThat(CmdType.SEND.value()).isEqualTo(0);
        assertThat(CmdType.RESP.value()).isEqualTo(1);
        assertThat(CmdType.values()).containsExactly(CmdType.SEND, CmdType.RESP);
    }
}
