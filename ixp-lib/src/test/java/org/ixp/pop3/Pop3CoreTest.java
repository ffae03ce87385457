package org.ixp.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.pop3.Pop3Fixture.thrownCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.Secret;
import org.junit.jupiter.api.Test;

/** The small sans-I/O pieces: commands, capabilities, reply data, results, the session's checks, header ends. */
class Pop3CoreTest {

    @Test
    void commandLinesAreCheckedBeforeSending() {
        assertThat(Pop3Commands.list(0)).isEqualTo("LIST");
        assertThat(Pop3Commands.list(7)).isEqualTo("LIST 7");
        assertThat(Pop3Commands.top(3, 0)).isEqualTo("TOP 3 0");
        assertThat(Pop3Commands.auth("PLAIN", "")).isEqualTo("AUTH PLAIN =");
        assertThat(Pop3Commands.pass(Secret.of("s p"))).isEqualTo("PASS s p");
        assertThat(thrownCode(() -> Pop3Commands.user("a\r\nDELE 1"))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(thrownCode(() -> Pop3Commands.user(""))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(thrownCode(() -> Pop3Commands.pass(Secret.of("x\0y")))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(thrownCode(() -> Pop3Commands.retr(0))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(thrownCode(() -> Pop3Commands.top(1, -1))).isEqualTo(IxpCode.E_INVALIDARG);
        assertThat(thrownCode(() -> Pop3Commands.auth("PL AIN", null))).isEqualTo(IxpCode.E_INVALIDARG);
    }

    @Test
    void capabilitiesAndTheirFallbacks() {
        Pop3Capabilities c = Pop3Capabilities.fromCapa(List.of("TOP", "sasl plain scram-sha-256", "PIPELINING",
                "RESP-CODES", "EXPIRE 31 USER", "IMPLEMENTATION x"));
        assertThat(c.known()).isTrue();
        assertThat(c.saslMechanisms()).containsExactly("PLAIN", "SCRAM-SHA-256");
        assertThat(c.pipelining()).isTrue();
        assertThat(c.respCodes()).isTrue();
        assertThat(c.arguments("expire")).containsExactly("31", "USER");
        assertThat(c.user()).isFalse();
        assertThat(c.uidl()).isFalse();
        assertThat(c.stls()).isFalse();
        Pop3Capabilities u = Pop3Capabilities.UNKNOWN;
        assertThat(u.user()).isTrue();
        assertThat(u.top()).isTrue();
        assertThat(u.uidl()).isTrue();
        assertThat(u.pipelining()).isFalse();
        assertThat(u.saslMechanisms()).isEmpty();
    }

    @Test
    void replyDataIs64BitAndEveryDigitIsChecked() {
        assertThat(Pop3Parse.stat("2 320")).isEqualTo(new Pop3Response.StatInfo(2, 320));
        assertThat(Pop3Parse.stat("5000000000 999999999999999999 extra"))
                .isEqualTo(new Pop3Response.StatInfo(5_000_000_000L, 999_999_999_999_999_999L));
        assertThat(Pop3Parse.list(" 1  120")).isEqualTo(new Pop3Response.ListInfo(1, 120));
        assertThat(Pop3Parse.uidl("3 QhdPYR:00WBw1Ph7x7")).isEqualTo(new Pop3Response.UidlInfo(3, "QhdPYR:00WBw1Ph7x7"));
        for (String bad : List.of("", "2", "x 1", "1 -5", "1 1e3", "1 9999999999999999999")) {
            assertThat(thrownCode(() -> Pop3Parse.list(bad))).as(bad).isEqualTo(IxpCode.IXP_E_POP3_PARSE_FAILURE);
        }
        assertThat(thrownCode(() -> Pop3Parse.uidl("1 caf\u00e9"))).isEqualTo(IxpCode.IXP_E_POP3_PARSE_FAILURE);
    }

    @Test
    void respCodesChooseTheResultCode() {
        assertThat(Pop3Results.failure(Pop3Reply.of(false, "[IN-USE] locked"), IxpCode.IXP_E_POP3_INVALID_PASSWORD,
                null).code()).isEqualTo(IxpCode.IXP_E_POP3_IN_USE);
        assertThat(Pop3Results.failure(Pop3Reply.of(false, "[LOGIN-DELAY] wait"), IxpCode.IXP_E_AUTH_FAILED, null)
                .code()).isEqualTo(IxpCode.IXP_E_POP3_LOGIN_DELAY);
        assertThat(Pop3Results.failure(Pop3Reply.of(false, "[SYS/PERM] gone"), IxpCode.IXP_E_POP3_RESPONSE_ERROR,
                null).code()).isEqualTo(IxpCode.IXP_E_POP3_SYS_PERM);
        assertThat(Pop3Results.failure(Pop3Reply.of(false, "[AUTH] bad"), IxpCode.IXP_E_POP3_INVALID_PASSWORD, "x")
                .code()).isEqualTo(IxpCode.IXP_E_POP3_INVALID_PASSWORD);
        assertThat(Pop3Results.failure(Pop3Reply.of(false, "[X-VENDOR] hm"), IxpCode.IXP_E_POP3_RESPONSE_ERROR, "x")
                .response()).isEqualTo("-ERR [X-VENDOR] hm");
        assertThat(Pop3Results.of(Pop3Reply.of(true, "ok"), IxpCode.E_FAIL, null).code()).isEqualTo(IxpCode.S_OK);
    }

    @Test
    void theSessionChecksInTheContractsOrder() {
        Pop3Session s = new Pop3Session();
        assertThat(thrownCode(() -> s.select(Pop3CmdType.GET_ALL, 0, Pop3MarkType.RETR, "RETR")))
                .isEqualTo(IxpCode.IXP_E_POP3_WRONG_STATE);
        s.loggedOn();
        assertThat(thrownCode(() -> s.select(Pop3CmdType.GET_ALL, 0, Pop3MarkType.RETR, "RETR")))
                .isEqualTo(IxpCode.IXP_E_POP3_NEED_STAT);
        s.stat(new Pop3Response.StatInfo(0, 0));
        assertThat(thrownCode(() -> s.select(Pop3CmdType.GET_POPID, 1, Pop3MarkType.RETR, "RETR")))
                .isEqualTo(IxpCode.IXP_E_POP3_NO_MESSAGES);
        s.stat(new Pop3Response.StatInfo(5, 500));
        assertThat(thrownCode(() -> s.select(Pop3CmdType.GET_POPID, 6, Pop3MarkType.RETR, "RETR")))
                .isEqualTo(IxpCode.IXP_E_POP3_POPID_OUT_OF_RANGE);
        assertThat(thrownCode(() -> s.select(Pop3CmdType.GET_MARKED, 0, Pop3MarkType.RETR, "RETR")))
                .isEqualTo(IxpCode.IXP_E_POP3_NO_MARKED_MESSAGES);
        s.deleted(2);
        s.deleted(4);
        s.stat(new Pop3Response.StatInfo(3, 300)); // STAT does not count deleted messages; numbering stays 1..5
        assertThat(s.highestId()).isEqualTo(5);
        assertThat(ids(s.select(Pop3CmdType.GET_ALL, 0, Pop3MarkType.RETR, "RETR"))).containsExactly(1L, 3L, 5L);
        s.mark(Pop3MarkType.RETR, 4, true);
        s.mark(Pop3MarkType.RETR, 5, true);
        s.mark(Pop3MarkType.DELE, 5, true);
        assertThat(ids(s.select(Pop3CmdType.GET_MARKED, 0, Pop3MarkType.RETR, "RETR"))).containsExactly(5L);
        s.mark(Pop3MarkType.RETR, 5, false);
        assertThat(s.marked(Pop3MarkType.RETR, 5)).isFalse();
        assertThat(s.marked(Pop3MarkType.DELE, 5)).isTrue();
        s.reset();
        assertThat(s.select(Pop3CmdType.GET_ALL, 0, Pop3MarkType.RETR, "RETR").count()).isEqualTo(5);
        assertThat(s.quitting()).isTrue();
        assertThat(s.state()).isEqualTo(Pop3State.UPDATE);
    }

    @Test
    void getAllIsARangeNotAnArraySoAHugeCountCostsNothing() {
        Pop3Session s = new Pop3Session();
        s.loggedOn();
        s.stat(new Pop3Response.StatInfo(4_000_000_000L, 1));
        Pop3Session.Messages m = s.select(Pop3CmdType.GET_ALL, 0, Pop3MarkType.RETR, "RETR");
        assertThat(m.count()).isEqualTo(4_000_000_000L);
        assertThat(m.ids().nextLong()).isEqualTo(1);
    }

    @Test
    void theHeaderEndsAtTheFirstEmptyLineAcrossChunks() {
        HeaderScanner h = new HeaderScanner();
        assertThat(h.feed("Subject: x\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(h.feed("\r".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(h.feed("\nbody\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(new HeaderScanner().feed("\r\nbody".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(new HeaderScanner().feed("A: b\n\nc".getBytes(StandardCharsets.US_ASCII))).isTrue();
    }

    private static List<Long> ids(Pop3Session.Messages m) {
        List<Long> out = new ArrayList<>();
        m.forEach(out::add);
        return out;
    }
}
