package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link ImapFlags}: IMAP_MSGFLAGS and IMAP_MBOXFLAGS values and names. */
class ImapFlagsTest {

    @Test
    void contractValues() {
        assertThat(ImapFlags.IMAP_MSG_ANSWERED | ImapFlags.IMAP_MSG_FLAGGED | ImapFlags.IMAP_MSG_DELETED
                | ImapFlags.IMAP_MSG_SEEN | ImapFlags.IMAP_MSG_DRAFT).isEqualTo(ImapFlags.IMAP_MSG_ALLFLAGS)
                .isEqualTo(0x1F);
        assertThat(ImapFlags.IMAP_MBOX_MARKED | ImapFlags.IMAP_MBOX_NOINFERIORS | ImapFlags.IMAP_MBOX_NOSELECT
                | ImapFlags.IMAP_MBOX_UNMARKED).isEqualTo(ImapFlags.IMAP_MBOX_ALLFLAGS).isEqualTo(0xF);
    }

    @Test
    void messageFlags() {
        assertThat(ImapFlags.messageFlags(List.of("\\Seen", "\\answered", "$Forwarded", "\\Recent")))
                .isEqualTo(ImapFlags.IMAP_MSG_SEEN | ImapFlags.IMAP_MSG_ANSWERED);
        assertThat(ImapFlags.messageFlags(List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft")))
                .isEqualTo(ImapFlags.IMAP_MSG_ALLFLAGS);
        assertThat(ImapFlags.messageFlags(List.of())).isEqualTo(ImapFlags.IMAP_MSG_NOFLAGS);
        assertThat(ImapFlags.messageFlagNames(ImapFlags.IMAP_MSG_SEEN | ImapFlags.IMAP_MSG_DELETED))
                .containsExactly("\\Deleted", "\\Seen");
        assertThat(ImapFlags.messageFlagList(ImapFlags.IMAP_MSG_ALLFLAGS))
                .isEqualTo("(\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
        assertThat(ImapFlags.messageFlagList(0)).isEqualTo("()");
    }

    @Test
    void mailboxFlags() {
        assertThat(ImapFlags.mailboxFlags(List.of("\\Noselect", "\\HasChildren"))).isEqualTo(
                ImapFlags.IMAP_MBOX_NOSELECT);
        assertThat(ImapFlags.mailboxFlags(List.of("\\NonExistent"))).isEqualTo(ImapFlags.IMAP_MBOX_NOSELECT);
        assertThat(ImapFlags.mailboxFlags(List.of("\\Marked", "\\NoInferiors", "\\UNMARKED", "\\Noselect")))
                .isEqualTo(ImapFlags.IMAP_MBOX_ALLFLAGS);
        assertThat(ImapFlags.mailboxFlags(List.of("\\HasNoChildren"))).isZero();
    }

    @Test
    void specialUse() {
        assertThat(ImapFlags.specialUse(List.of("\\HasNoChildren", "\\Sent"))).isEqualTo("\\Sent");
        assertThat(ImapFlags.specialUse(List.of("\\HasNoChildren"))).isNull();
    }
}
