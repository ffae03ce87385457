package org.ixp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Equal capability lists are one shared, immutable instance; different ones stay apart. */
class CanonicalListsTest {

    @Test
    void equalListsFromDifferentSessionsAreOneInstance() {
        List<String> first = CanonicalLists.of(new ArrayList<>(List.of("IMAP4rev1", "IDLE", "MOVE")));
        List<String> second = CanonicalLists.of(new ArrayList<>(List.of("IMAP4rev1", "IDLE", "MOVE")));
        assertThat(second).isSameAs(first).containsExactly("IMAP4rev1", "IDLE", "MOVE");
        assertThat(CanonicalLists.of(List.of("IMAP4rev1", "IDLE"))).isNotSameAs(first).containsExactly("IMAP4rev1",
                "IDLE");
        assertThatThrownBy(() -> first.add("X")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void manyDifferentListsStayCorrectPastTheBound() {
        for (int i = 0; i < 3 * CanonicalLists.MAX; i++) {
            assertThat(CanonicalLists.of(List.of("CAP" + i))).containsExactly("CAP" + i);
        }
    }
}
