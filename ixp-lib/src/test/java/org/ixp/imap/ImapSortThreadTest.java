package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.imap.ExtensionSession.connected;
import static org.ixp.imap.ImapFixture.get;

import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/** SORT and THREAD (RFC 5256) and ESEARCH return options (RFC 4731) against a scripted server. */
class ImapSortThreadTest {
    private static final String CAPS = "SORT SORT=DISPLAY THREAD=REFERENCES THREAD=ORDEREDSUBJECT ESEARCH";

    private static void code(ThrowingRunnable r, IxpCode expected) {
        assertThatThrownBy(r::run).isInstanceOf(IxpException.class)
                .matches(e -> ((IxpException) e).code() == expected, "code " + expected);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void sortReturnsTheNumbersInOrderWithCharset() throws Exception {
        try (ImapFixture f = connected(CAPS, c -> {
            c.expect("a3 UID SORT (REVERSE DATE SUBJECT) UTF-8 UNSEEN");
            c.send("* SORT 5 3 4");
            c.send("a3 OK Sort completed");
            c.expect("a4 SORT (DISPLAYFROM) US-ASCII SUBJECT \"afternoon\"");
            c.send("* SORT 2 84 882");
            c.send("a4 OK Sort completed");
            ImapFixture.logout(c, "a5");
        })) {
            assertThat(get(f.transport.sort(List.of("reverse", "DATE", "SUBJECT"), "UNSEEN", true)))
                    .containsExactly(5L, 3L, 4L);
            assertThat(get(f.transport.sort(6, 0, null, List.of("DISPLAYFROM"), "US-ASCII",
                    "SUBJECT \"afternoon\"", false))).containsExactly(2L, 84L, 882L);
            get(f.transport.disconnect());
            List<ImapResponse> sorts = f.callback.of(ImapResponseType.SORT);
            assertThat(sorts).hasSize(2);
            assertThat(sorts.get(1).wParam()).isEqualTo(6);
            assertThat(sorts.get(0).data(List.class)).containsExactly(5L, 3L, 4L);
        }
    }

    @Test
    void sortArgumentsAreCheckedBeforeSending() throws Exception {
        try (ImapFixture f = connected("SORT", c -> ImapFixture.logout(c, "a3"))) {
            code(() -> f.transport.sort(List.of("DATE", "REVERSE"), "ALL", true), IxpCode.E_INVALIDARG);
            code(() -> f.transport.sort(List.of("SPAM"), "ALL", true), IxpCode.E_INVALIDARG);
            code(() -> f.transport.sort(List.of(), "ALL", true), IxpCode.E_INVALIDARG);
            code(() -> f.transport.sort(List.of("DATE"), "ALL\r\nA1 LOGOUT", true), IxpCode.E_INVALIDARG);
            code(() -> f.transport.sort(1, 0, null, List.of("DATE"), "UTF-8\r\n", "ALL", true), IxpCode.E_INVALIDARG);
            code(() -> f.transport.sort(List.of("DISPLAYTO"), "ALL", true), IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            code(() -> f.transport.thread("REFERENCES", "ALL", true), IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            code(() -> f.transport.esearch("ALL", true, List.of("MIN")), IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            get(f.transport.disconnect());
            assertThat(f.server.received()).hasSize(3);
        }
    }

    @Test
    void threadReturnsTrees() throws Exception {
        try (ImapFixture f = connected(CAPS, c -> {
            c.expect("a3 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000");
            c.send("* THREAD (166)(167)(168)(174 (175)(176)(178))(179)");
            c.send("a3 OK Thread completed");
            c.expect("a4 UID THREAD REFERENCES US-ASCII ALL");
            c.send("* THREAD (2)(3 6 (4 23)(44 7 96))((11)(12 13))");
            c.send("a4 OK Thread completed");
            ImapFixture.logout(c, "a5");
        })) {
            List<ImapEvent.ThreadNode> ordered = get(f.transport.thread("orderedsubject", "SINCE 5-MAR-2000", false));
            assertThat(ordered).hasSize(5);
            assertThat(ordered.get(3).messages()).containsExactly(174L);
            assertThat(ordered.get(3).children()).extracting(ImapEvent.ThreadNode::messages)
                    .containsExactly(List.of(175L), List.of(176L), List.of(178L));
            List<ImapEvent.ThreadNode> refs = get(f.transport.thread(3, 0, null, "REFERENCES", "US-ASCII", "ALL",
                    true));
            assertThat(refs).hasSize(3);
            ImapEvent.ThreadNode second = refs.get(1);
            assertThat(second.messages()).containsExactly(3L, 6L);
            assertThat(second.children()).hasSize(2);
            assertThat(second.allMessages()).containsExactly(3L, 6L, 4L, 23L, 44L, 7L, 96L);
            ImapEvent.ThreadNode missingParent = refs.get(2);
            assertThat(missingParent.messages()).as("a parent not in the mailbox").isEmpty();
            assertThat(missingParent.allMessages()).containsExactly(11L, 12L, 13L);
            get(f.transport.disconnect());
            assertThat(f.callback.of(ImapResponseType.THREAD)).hasSize(2)
                    .allMatch(r -> r.data() instanceof ImapEvent.Threads);
        }
    }

    @Test
    void esearchReturnsMinMaxCountAll() throws Exception {
        try (ImapFixture f = connected(CAPS, c -> {
            c.expect("a3 SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN");
            c.send("* ESEARCH (TAG \"a3\") MIN 2 MAX 11 COUNT 3 ALL 2,10:11");
            c.send("a3 OK done");
            c.expect("a4 UID SEARCH RETURN () UID 1:100 DELETED");
            c.send("* ESEARCH (TAG \"a4\") UID");
            c.send("a4 OK done");
            c.expect("a5 UID SEARCH RETURN (COUNT) FLAGGED");
            c.send("* ESEARCH (TAG \"a5\") UID COUNT 0");
            c.send("a5 OK done");
            ImapFixture.logout(c, "a6");
        })) {
            ImapSearchResult r = get(f.transport.esearch(8, 9, null, "UNSEEN", false,
                    List.of("MIN", "MAX", "COUNT", "ALL"), null, false));
            assertThat(r.min()).isEqualTo(2);
            assertThat(r.max()).isEqualTo(11);
            assertThat(r.count()).isEqualTo(3);
            assertThat(r.all().toImapString()).isEqualTo("2,10:11");
            assertThat(r.all().isUid()).isFalse();
            RangeList range = new RangeList(true);
            range.addRange(1, 100);
            ImapSearchResult none = get(f.transport.esearch(1, 0, null, "DELETED", true, List.of(), range, true));
            assertThat(none.all()).isNull();
            assertThat(none.count()).isNull();
            assertThat(get(f.transport.esearch("FLAGGED", true, List.of("COUNT"))).count()).isZero();
            get(f.transport.disconnect());
            List<ImapResponse> es = f.callback.of(ImapResponseType.ESEARCH);
            assertThat(es).hasSize(3);
            assertThat(es.get(0).wParam()).isEqualTo(8);
            assertThat(es.get(0).data(ImapEvent.ESearch.class).count()).isEqualTo(3);
            assertThat(f.callback.of(ImapResponseType.SEARCH)).as("esearch answers as ESEARCH").isEmpty();
        }
    }
}
