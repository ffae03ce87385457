package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.imap.ImapQuoting.Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of {@link ImapQuoting}: atom, quoted string or literal, and CR/LF/NUL refused. */
class ImapQuotingTest {

    @Test
    void forms() {
        assertThat(ImapQuoting.form("INBOX", false)).isEqualTo(Form.ATOM);
        assertThat(ImapQuoting.form("[Gmail]/Sent", false)).isEqualTo(Form.ATOM);
        assertThat(ImapQuoting.form("Entw&APw-rfe", false)).isEqualTo(Form.ATOM);
        assertThat(ImapQuoting.form("Sent Items", false)).isEqualTo(Form.QUOTED);
        assertThat(ImapQuoting.form("", false)).isEqualTo(Form.QUOTED);
        assertThat(ImapQuoting.form("NIL", false)).isEqualTo(Form.QUOTED);
        assertThat(ImapQuoting.form("a*b", false)).isEqualTo(Form.QUOTED);
        assertThat(ImapQuoting.form("50%", false)).isEqualTo(Form.QUOTED);
        assertThat(ImapQuoting.form("a\"b", false)).isEqualTo(Form.QUOTED);
        assertThat(ImapQuoting.form("Grüße", false)).isEqualTo(Form.LITERAL);
        assertThat(ImapQuoting.form("Grüße", true)).isEqualTo(Form.QUOTED);
        assertThat(ImapQuoting.form("x".repeat(ImapQuoting.MAX_QUOTED), false)).isEqualTo(Form.ATOM);
        assertThat(ImapQuoting.form("x ".repeat(ImapQuoting.MAX_QUOTED), false)).isEqualTo(Form.LITERAL);
    }

    @Test
    void astringAndQuote() {
        assertThat(ImapQuoting.astring("INBOX", false)).isEqualTo("INBOX");
        assertThat(ImapQuoting.astring("Sent Items", false)).isEqualTo("\"Sent Items\"");
        assertThat(ImapQuoting.astring("a\"b\\c", false)).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(ImapQuoting.astring("nil", false)).isEqualTo("\"nil\"");
        assertThatThrownBy(() -> ImapQuoting.astring("Grüße", false)).isInstanceOf(IllegalStateException.class);
        assertThat(ImapQuoting.quote("")).isEqualTo("\"\"");
    }

    @Test
    void literals() {
        assertThat(ImapQuoting.literalHeader(5, false)).isEqualTo("{5}");
        assertThat(ImapQuoting.literalHeader(5, true)).isEqualTo("{5+}");
        assertThat(ImapQuoting.literal("Grüße")).hasSize(7);
        assertThatThrownBy(() -> ImapQuoting.literalHeader(-1, false)).isInstanceOf(IxpException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\0b", "INBOX\r\na2 DELETE INBOX"})
    void crLfAndNulAreRefusedInEveryForm(String s) {
        for (Runnable r : new Runnable[] {() -> ImapQuoting.form(s, true), () -> ImapQuoting.astring(s, true),
                () -> ImapQuoting.quote(s), () -> ImapQuoting.literal(s)}) {
            assertThatThrownBy(r::run).isInstanceOf(IxpException.class)
                    .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.E_INVALIDARG);
        }
    }

    @Test
    void mailboxNames() {
        assertThat(ImapQuoting.mailboxName("Entwürfe", false)).isEqualTo("Entw&APw-rfe");
        assertThat(ImapQuoting.mailboxName("Entwürfe", true)).isEqualTo("Entwürfe");
        assertThat(ImapQuoting.mailboxName("inbox", false)).isEqualTo("INBOX");
        assertThat(ImapQuoting.mailboxName("A&B", false)).isEqualTo("A&-B");
        assertThat(ImapQuoting.astring(ImapQuoting.mailboxName("日本語/子", false), false))
                .isEqualTo("&ZeVnLIqe-/&W1A-");
    }
}
