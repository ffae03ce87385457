package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.ExtensionSession.connected;
import static org.ixp.imap.ImapFixture.get;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol log (onCommand, the log file) shows responses as the server sent them, in IMAP syntax. */
class ImapLogTest {
    private static final String ENVELOPE = "ENVELOPE (\"Mon, 1 Jan 2024 10:00:00 +0000\" {11}\r\nhello world"
            + " NIL NIL NIL NIL NIL NIL NIL NIL)";

    @Test
    void responsesAreLoggedAsSentWithLiteralsSummarisedAndCredentialsRedacted() throws Exception {
        String longSubject = "s".repeat(RawResponse.LOG_LITERAL + 1);
        try (ImapFixture f = connected("UIDPLUS", c -> {
            c.expect("a3 SELECT INBOX");
            c.send("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
            c.send("* OK [PERMANENTFLAGS (\\Seen \\*)] Limited");
            c.send("* 2 EXISTS");
            c.send("* 0 RECENT");
            c.send("* OK [UIDVALIDITY 42] UIDs valid");
            c.send("a3 OK [READ-WRITE] done");
            c.expect("a4 FETCH 1:2 (UID FLAGS ENVELOPE BODY.PEEK[])");
            c.sendRaw("* 1 FETCH (UID 7 FLAGS (\\Seen) " + ENVELOPE + " BODY[] {5}\r\nhello)\r\n");
            c.sendRaw("* 2 FETCH (UID 8 ENVELOPE (NIL {" + longSubject.length() + "}\r\n" + longSubject
                    + " NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
            c.send("a4 OK fetched");
            c.expect("a5 UID COPY 7 Archive");
            c.send("a5 OK [COPYUID 42 7 3] copied");
            ImapFixture.logout(c, "a6");
        })) {
            get(f.transport.select("INBOX"));
            get(f.transport.fetch(RangeList.parse("1:2", false), "(UID FLAGS ENVELOPE BODY.PEEK[])"));
            get(f.transport.uidCopy(42, RangeList.parse("7", true), "Archive"));
            get(f.transport.disconnect());
            f.callback.drain();
            List<String> log = f.callback.commands;
            assertThat(log).contains(
                    "< * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                    "< * OK [PERMANENTFLAGS (\\Seen \\*)] Limited",
                    "< * 0 RECENT",
                    "< * 1 FETCH (UID 7 FLAGS (\\Seen) " + ENVELOPE + " BODY[] {5}\r\n<5 octets streamed>)",
                    "< * 2 FETCH (UID 8 ENVELOPE (NIL {" + longSubject.length() + "}\r\n<"
                            + longSubject.length() + " octets> NIL NIL NIL NIL NIL NIL NIL NIL))",
                    "< a5 OK [COPYUID 42 7 3] copied");
            assertThat(log).as("no Java record text").noneMatch(l -> l.contains("=[") || l.contains("Fetch["));
            assertThat(log).as("the LOGIN password").noneMatch(l -> l.contains("s3cret"))
                    .contains("> a2 LOGIN alice ****");
        }
    }

    @Test
    void renderedResponseCodesAreImapSyntax() {
        assertThat(ImapLog.line(new ImapEvent.Tagged("a1", ImapStatus.OK,
                new ResponseCode.CopyUid(7, "1:2", "5:6"), "done"))).isEqualTo("a1 OK [COPYUID 7 1:2 5:6] done");
        assertThat(ImapLog.code(new ResponseCode.AppendUid(9, "3")).trim()).isEqualTo("[APPENDUID 9 3]");
        assertThat(ImapLog.code(new ResponseCode.PermanentFlags(List.of("\\Seen", "\\*"))).trim())
                .isEqualTo("[PERMANENTFLAGS (\\Seen \\*)]");
        assertThat(ImapLog.code(new ResponseCode.BadCharset(List.of())).trim()).isEqualTo("[BADCHARSET]");
        assertThat(ImapLog.code(new ResponseCode.Other("X-FOO", "1 2")).trim()).isEqualTo("[X-FOO 1 2]");
        assertThat(ImapLog.code(ResponseCode.TRYCREATE).trim()).isEqualTo("[TRYCREATE]");
    }
}
