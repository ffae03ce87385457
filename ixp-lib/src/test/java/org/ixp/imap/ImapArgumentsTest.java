package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/** The extension commands' argument builders: exact text, and refusals before sending. */
class ImapArgumentsTest {

    private static void refused(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(IxpException.class)
                .matches(e -> ((IxpException) e).code() == IxpCode.E_INVALIDARG, "E_INVALIDARG");
    }

    @Test
    void condstoreAndQresyncModifiers() {
        assertThat(ImapArguments.changedSince(12345, false)).isEqualTo("(CHANGEDSINCE 12345)");
        assertThat(ImapArguments.changedSince(0, true)).isEqualTo("(CHANGEDSINCE 0 VANISHED)");
        assertThat(ImapArguments.unchangedSince(320162338)).isEqualTo("(UNCHANGEDSINCE 320162338)");
        refused(() -> ImapArguments.changedSince(-1, false));
        refused(() -> ImapArguments.unchangedSince(-1));
        assertThat(ImapArguments.qresync(67890007, 20050715194045000L, "41,43:211,214:541", null, null))
                .isEqualTo("(QRESYNC (67890007 20050715194045000 41,43:211,214:541))");
        assertThat(ImapArguments.qresync(1, 2, "1:9", "3,7", "3,12")).isEqualTo("(QRESYNC (1 2 1:9 (3,7 3,12)))");
        assertThat(ImapArguments.qresync(1, 2, null, null, null)).isEqualTo("(QRESYNC (1 2))");
        refused(() -> ImapArguments.qresync(0, 2, null, null, null));
        refused(() -> ImapArguments.qresync(1, 0, null, null, null));
        refused(() -> ImapArguments.qresync(1, 2, null, "1", "2"));
        refused(() -> ImapArguments.qresync(1, 2, "1:9", "1", null));
        refused(() -> ImapArguments.qresync(1, 2, "1 2", null, null));
    }

    @Test
    void sortCriteriaFollowRfc5256() {
        assertThat(ImapArguments.sortCriteria(List.of("reverse", "arrival", "SIZE")))
                .isEqualTo("(REVERSE ARRIVAL SIZE)");
        refused(() -> ImapArguments.sortCriteria(List.of("REVERSE")));
        refused(() -> ImapArguments.sortCriteria(List.of("REVERSE", "REVERSE", "DATE")));
        refused(() -> ImapArguments.sortCriteria(List.of("DATE)", "X")));
        refused(() -> ImapArguments.sortCriteria(List.of()));
    }

    @Test
    void flagsListsAndOptions() {
        assertThat(ImapArguments.flagList(List.of("\\Seen", "$Forwarded"))).isEqualTo("(\\Seen $Forwarded)");
        assertThat(ImapArguments.flagList(List.of())).isEqualTo("()");
        refused(() -> ImapArguments.flag("\\"));
        refused(() -> ImapArguments.flag("a b"));
        refused(() -> ImapArguments.flag("x)"));
        assertThat(ImapArguments.searchReturn(List.of("min", "COUNT"))).isEqualTo("RETURN (MIN COUNT)");
        assertThat(ImapArguments.searchReturn(List.of())).isEqualTo("RETURN ()");
        assertThat(ImapArguments.listSelection(List.of("SUBSCRIBED", "RECURSIVEMATCH")))
                .isEqualTo("(SUBSCRIBED RECURSIVEMATCH)");
        assertThat(ImapArguments.listReturn(List.of("CHILDREN"), List.of("MESSAGES", "SIZE")))
                .isEqualTo("RETURN (CHILDREN STATUS (MESSAGES SIZE))");
        assertThat(ImapArguments.listReturn(List.of(), List.of("UNSEEN"))).isEqualTo("RETURN (STATUS (UNSEEN))");
        assertThat(ImapArguments.listReturn(List.of("SPECIAL-USE"), null)).isEqualTo("RETURN (SPECIAL-USE)");
        assertThat(ImapArguments.listReturn(null, null)).isEmpty();
        assertThat(ImapArguments.statusItems(List.of("messages", "SIZE"))).isEqualTo("(MESSAGES SIZE)");
        refused(() -> ImapArguments.statusItems(List.of()));
        assertThat(ImapArguments.charset("UTF-8")).isEqualTo("UTF-8");
        refused(() -> ImapArguments.charset("UTF 8"));
        assertThat(ImapArguments.threadAlgorithm("references")).isEqualTo("REFERENCES");
        assertThat(ImapQuoting.literal8Header(5, true)).isEqualTo("~{5+}");
    }

    @Test
    void sequenceSetsInOrder() {
        assertThat(SequenceSets.inOrder("4,1:3,9:7")).containsExactly(4L, 1L, 2L, 3L, 7L, 8L, 9L);
        assertThatThrownBy(() -> SequenceSets.inOrder("1:*"))
                .matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE);
        assertThatThrownBy(() -> SequenceSets.inOrder("1:4000000000"))
                .as("bounded").matches(e -> ((IxpException) e).code() == IxpCode.IXP_E_IMAP_MALFORMED_RESPONSE);
    }
}
