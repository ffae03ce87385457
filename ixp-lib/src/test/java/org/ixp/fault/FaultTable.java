package org.ixp.fault;

import static org.ixp.DisconnectResult.Ending.NO_REPLY;
import static org.ixp.DisconnectResult.Ending.SERVER_CLOSED;
import static org.ixp.IxpCode.IXP_E_CONNECTION_DROPPED;
import static org.ixp.IxpCode.IXP_E_IMAP_BYE;
import static org.ixp.IxpCode.IXP_E_IMAP_NO;
import static org.ixp.IxpCode.IXP_E_INVALID_CERT_CN;
import static org.ixp.IxpCode.IXP_E_INVALID_CERT_DATE;
import static org.ixp.IxpCode.IXP_E_INVALID_CERT_UNTRUSTED;
import static org.ixp.IxpCode.IXP_E_NNTP_NOT_SUPPORTED;
import static org.ixp.IxpCode.IXP_E_NNTP_SERVICE_DISCONTINUED;
import static org.ixp.IxpCode.IXP_E_OUTCOME_UNKNOWN;
import static org.ixp.IxpCode.IXP_E_POP3_PARSE_FAILURE;
import static org.ixp.IxpCode.IXP_E_POP3_RESPONSE_ERROR;
import static org.ixp.IxpCode.IXP_E_PROTOCOL_ERROR;
import static org.ixp.IxpCode.IXP_E_RESPONSE_TOO_LARGE;
import static org.ixp.IxpCode.IXP_E_SECURE_CONNECT_FAILED;
import static org.ixp.IxpCode.IXP_E_SMTP_421_NOT_AVAILABLE;
import static org.ixp.IxpCode.IXP_E_SMTP_500_SYNTAX_ERROR;
import static org.ixp.IxpCode.IXP_E_SMTP_NO_STARTTLS_SUPPORT;
import static org.ixp.IxpCode.IXP_E_SMTP_UNKNOWN_RESPONSE_CODE;
import static org.ixp.IxpCode.IXP_E_STARTTLS_NOT_OFFERED;
import static org.ixp.IxpCode.IXP_E_TIMEOUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ixp.DisconnectResult;
import org.ixp.IxpCode;

/**
 * The fault matrix: scenario × protocol → the outcome the application must see. {@code null} means the scenario does
 * not apply to that protocol (POP3 uploads nothing; tags are IMAP's). docs/FAULTS.md renders this table
 * ({@link #markdown()}; {@code FaultMatrixTest.theDocumentIsTheTable} keeps them equal).
 */
final class FaultTable {
    static final List<Dialect> DIALECTS = List.of(new SmtpDialect(), new Pop3Dialect(), new ImapDialect(),
            new NntpDialect());

    private static final Object N_A = null;

    /** Columns: SMTP, POP3, IMAP, NNTP. */
    private static final Object[][] TABLE = {
        {Scenario.CLOSE_IN_GREETING, IXP_E_CONNECTION_DROPPED, IXP_E_CONNECTION_DROPPED, IXP_E_CONNECTION_DROPPED,
            IXP_E_CONNECTION_DROPPED},
        {Scenario.CLOSE_IN_AUTH, IXP_E_CONNECTION_DROPPED, IXP_E_CONNECTION_DROPPED, IXP_E_CONNECTION_DROPPED,
            IXP_E_CONNECTION_DROPPED},
        {Scenario.CLOSE_MID_MULTILINE, IXP_E_CONNECTION_DROPPED, IXP_E_CONNECTION_DROPPED, IXP_E_CONNECTION_DROPPED,
            IXP_E_CONNECTION_DROPPED},
        {Scenario.CLOSE_AFTER_DATA, IXP_E_OUTCOME_UNKNOWN, IXP_E_CONNECTION_DROPPED, IXP_E_OUTCOME_UNKNOWN,
            IXP_E_OUTCOME_UNKNOWN},
        {Scenario.CLOSE_IN_GOODBYE, SERVER_CLOSED, SERVER_CLOSED, SERVER_CLOSED, SERVER_CLOSED},
        {Scenario.SILENT_AT_CONNECT, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT},
        {Scenario.SILENT_AT_TLS_HANDSHAKE, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT},
        {Scenario.SILENT_AT_GREETING, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT},
        {Scenario.SILENT_AT_COMMAND, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT},
        {Scenario.SILENT_AT_GOODBYE, NO_REPLY, NO_REPLY, NO_REPLY, NO_REPLY},
        {Scenario.DRIP_ONE_BYTE_A_SECOND, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT, IXP_E_TIMEOUT},
        {Scenario.STOPS_READING, IXP_E_TIMEOUT, N_A, IXP_E_TIMEOUT, IXP_E_TIMEOUT},
        {Scenario.LINE_OF_10_MB, IXP_E_RESPONSE_TOO_LARGE, IXP_E_RESPONSE_TOO_LARGE, IXP_E_RESPONSE_TOO_LARGE,
            IXP_E_RESPONSE_TOO_LARGE},
        {Scenario.HUGE_SIZE_CLAIM, Outcome.OK, IXP_E_POP3_PARSE_FAILURE, IXP_E_RESPONSE_TOO_LARGE,
            IXP_E_PROTOCOL_ERROR},
        {Scenario.GARBAGE_REPLY, IXP_E_SMTP_UNKNOWN_RESPONSE_CODE, IXP_E_POP3_PARSE_FAILURE, IXP_E_TIMEOUT,
            IXP_E_PROTOCOL_ERROR},
        {Scenario.REFUSAL_AT_RANDOM, IXP_E_SMTP_500_SYNTAX_ERROR, IXP_E_POP3_RESPONSE_ERROR, IXP_E_IMAP_NO,
            IXP_E_NNTP_NOT_SUPPORTED},
        {Scenario.UNSOLICITED_END, IXP_E_SMTP_421_NOT_AVAILABLE, IXP_E_POP3_RESPONSE_ERROR, IXP_E_IMAP_BYE,
            IXP_E_NNTP_SERVICE_DISCONTINUED},
        {Scenario.TLS_HANDSHAKE_FAILURE, IXP_E_SECURE_CONNECT_FAILED, IXP_E_SECURE_CONNECT_FAILED,
            IXP_E_SECURE_CONNECT_FAILED, IXP_E_SECURE_CONNECT_FAILED},
        {Scenario.CERT_EXPIRED_TLS, IXP_E_INVALID_CERT_DATE, IXP_E_INVALID_CERT_DATE, IXP_E_INVALID_CERT_DATE,
            IXP_E_INVALID_CERT_DATE},
        {Scenario.CERT_SELF_SIGNED_TLS, IXP_E_INVALID_CERT_UNTRUSTED, IXP_E_INVALID_CERT_UNTRUSTED,
            IXP_E_INVALID_CERT_UNTRUSTED, IXP_E_INVALID_CERT_UNTRUSTED},
        {Scenario.CERT_WRONG_HOST_TLS, IXP_E_INVALID_CERT_CN, IXP_E_INVALID_CERT_CN, IXP_E_INVALID_CERT_CN,
            IXP_E_INVALID_CERT_CN},
        {Scenario.CERT_EXPIRED_STARTTLS, IXP_E_INVALID_CERT_DATE, IXP_E_INVALID_CERT_DATE, IXP_E_INVALID_CERT_DATE,
            IXP_E_INVALID_CERT_DATE},
        {Scenario.CERT_SELF_SIGNED_STARTTLS, IXP_E_INVALID_CERT_UNTRUSTED, IXP_E_INVALID_CERT_UNTRUSTED,
            IXP_E_INVALID_CERT_UNTRUSTED, IXP_E_INVALID_CERT_UNTRUSTED},
        {Scenario.CERT_WRONG_HOST_STARTTLS, IXP_E_INVALID_CERT_CN, IXP_E_INVALID_CERT_CN, IXP_E_INVALID_CERT_CN,
            IXP_E_INVALID_CERT_CN},
        {Scenario.STARTTLS_NOT_OFFERED, IXP_E_SMTP_NO_STARTTLS_SUPPORT, IXP_E_STARTTLS_NOT_OFFERED,
            IXP_E_STARTTLS_NOT_OFFERED, IXP_E_STARTTLS_NOT_OFFERED},
        {Scenario.PLAINTEXT_AFTER_GO_AHEAD, IXP_E_PROTOCOL_ERROR, IXP_E_PROTOCOL_ERROR, IXP_E_PROTOCOL_ERROR,
            IXP_E_PROTOCOL_ERROR},
        {Scenario.UNKNOWN_TAG, N_A, N_A, Outcome.OK, N_A},
        {Scenario.DUPLICATE_TAG, N_A, N_A, Outcome.OK, N_A},
        {Scenario.HUGE_LITERAL_STREAMED, N_A, N_A, IXP_E_CONNECTION_DROPPED, N_A},
    };

    /** One cell: a scenario on a protocol, and the outcome expected. */
    record Row(Scenario scenario, Dialect dialect, Outcome expected) {
        @Override
        public String toString() {
            return dialect.name() + " " + scenario.name();
        }
    }

    private FaultTable() {
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Object[] line : TABLE) {
            for (int i = 0; i < DIALECTS.size(); i++) {
                Object cell = line[i + 1];
                if (cell != null) {
                    rows.add(new Row((Scenario) line[0], DIALECTS.get(i), outcome(cell)));
                }
            }
        }
        return rows;
    }

    private static Outcome outcome(Object cell) {
        if (cell instanceof IxpCode c) {
            return Outcome.fails(c);
        }
        if (cell instanceof DisconnectResult.Ending e) {
            return Outcome.ends(e);
        }
        return (Outcome) cell;
    }

    /** The table as docs/FAULTS.md shows it. */
    static String markdown() {
        StringBuilder b = new StringBuilder("| scenario | what the server does | SMTP | POP3 | IMAP | NNTP |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Object[] line : TABLE) {
            Scenario s = (Scenario) line[0];
            b.append("| `").append(s.name()).append("` | ").append(s.what).append(" |");
            for (int i = 1; i < line.length; i++) {
                b.append(' ').append(line[i] == null ? "n/a" : "`" + outcome(line[i]) + "`").append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    static Map<String, Long> countByProtocol() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Row r : rows()) {
            counts.merge(r.dialect().name(), 1L, Long::sum);
        }
        return counts;
    }
}
