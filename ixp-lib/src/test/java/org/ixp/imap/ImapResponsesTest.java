package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.DecoderHarness.assertDecodes;
import static org.ixp.imap.DecoderHarness.decodeOne;

import java.util.List;
import java.util.Map;
import org.ixp.imap.ImapEvent.Bye;
import org.ixp.imap.ImapEvent.Capability;
import org.ixp.imap.ImapEvent.Condition;
import org.ixp.imap.ImapEvent.Continuation;
import org.ixp.imap.ImapEvent.Enabled;
import org.ixp.imap.ImapEvent.ESearch;
import org.ixp.imap.ImapEvent.Exists;
import org.ixp.imap.ImapEvent.Expunge;
import org.ixp.imap.ImapEvent.Flags;
import org.ixp.imap.ImapEvent.Id;
import org.ixp.imap.ImapEvent.ListKind;
import org.ixp.imap.ImapEvent.MailboxListing;
import org.ixp.imap.ImapEvent.MailboxStatus;
import org.ixp.imap.ImapEvent.Namespace;
import org.ixp.imap.ImapEvent.NamespaceEntry;
import org.ixp.imap.ImapEvent.Quota;
import org.ixp.imap.ImapEvent.QuotaResource;
import org.ixp.imap.ImapEvent.QuotaRoot;
import org.ixp.imap.ImapEvent.Recent;
import org.ixp.imap.ImapEvent.Search;
import org.ixp.imap.ImapEvent.Sort;
import org.ixp.imap.ImapEvent.Tagged;
import org.ixp.imap.ImapEvent.Unknown;
import org.ixp.imap.ImapEvent.Vanished;
import org.junit.jupiter.api.Test;

/**
 * Core unit tests of {@link ImapDecoder}: every response type except FETCH, with lines in the style of Dovecot,
 * Gmail, Exchange and Cyrus; each fed whole, split at every boundary and byte by byte (see {@link DecoderHarness}).
 */
class ImapResponsesTest {

    // ---------------------------------------------------------------- greetings and status responses

    @Test
    void dovecotGreetingWithCapabilityCode() {
        assertDecodes("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS "
                        + "AUTH=PLAIN] Dovecot (Debian) ready.\r\n",
                new Condition(ImapStatus.OK, new ResponseCode.Capability(List.of("IMAP4rev1", "SASL-IR",
                        "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "LITERAL+", "STARTTLS", "AUTH=PLAIN")),
                        "Dovecot (Debian) ready."));
    }

    @Test
    void gmailGreetingWithoutCode() {
        assertDecodes("* OK Gimap ready for requests from 192.0.2.1 a1mb123456\r\n",
                new Condition(ImapStatus.OK, null, "Gimap ready for requests from 192.0.2.1 a1mb123456"));
    }

    @Test
    void preauthGreeting() {
        assertDecodes("* PREAUTH [CAPABILITY IMAP4rev2] Logged in as joe\r\n",
                new Condition(ImapStatus.PREAUTH, new ResponseCode.Capability(List.of("IMAP4rev2")),
                        "Logged in as joe"));
    }

    @Test
    void byeGreetingAndLogout() {
        assertDecodes("* BYE Too many connections\r\n", new Bye(null, "Too many connections"));
        assertDecodes("* BYE Logging out\r\na3 OK Logout completed (0.001 + 0.000 secs).\r\n",
                new Bye(null, "Logging out"),
                new Tagged("a3", ImapStatus.OK, null, "Logout completed (0.001 + 0.000 secs)."));
        assertDecodes("* BYE [UNAVAILABLE] Server shutting down\r\n",
                new Bye(new ResponseCode.Simple("UNAVAILABLE"), "Server shutting down"));
    }

    @Test
    void taggedResponses() {
        assertDecodes("a1 OK [READ-WRITE] Select completed (0.002 + 0.000 secs).\r\n",
                new Tagged("a1", ImapStatus.OK, ResponseCode.READ_WRITE, "Select completed (0.002 + 0.000 secs)."));
        assertDecodes("A0002 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n",
                new Tagged("A0002", ImapStatus.NO, ResponseCode.AUTHENTICATIONFAILED, "Authentication failed."));
        assertDecodes("x BAD Error in IMAP command received by server.\r\n",
                new Tagged("x", ImapStatus.BAD, null, "Error in IMAP command received by server."));
        assertDecodes("a2 ok done\r\n", new Tagged("a2", ImapStatus.OK, null, "done"));
    }

    /** Quirk: tagged responses without text (older Exchange, some appliances). */
    @Test
    void taggedWithoutTextQuirk() {
        assertDecodes("a1 OK\r\n", new Tagged("a1", ImapStatus.OK, null, ""));
        assertDecodes("a1 OK [READ-ONLY]\r\n", new Tagged("a1", ImapStatus.OK, ResponseCode.READ_ONLY, ""));
    }

    /** Servers that answer LOGOUT with a tagged BYE: kept as Tagged so the command still completes. */
    @Test
    void taggedBye() {
        assertDecodes("a9 BYE see you\r\n", new Tagged("a9", ImapStatus.BYE, null, "see you"));
    }

    @Test
    void bareLfEndsALineQuirk() {
        assertDecodes("* 3 EXISTS\na1 OK done\n", new Exists(3), new Tagged("a1", ImapStatus.OK, null, "done"));
    }

    // ---------------------------------------------------------------- response codes

    @Test
    void selectResponseCodes() {
        assertDecodes("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n"
                        + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded \\*)] "
                        + "Flags permitted.\r\n"
                        + "* 172 EXISTS\r\n"
                        + "* 1 RECENT\r\n"
                        + "* OK [UNSEEN 12] Message 12 is first unseen\r\n"
                        + "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
                        + "* OK [UIDNEXT 4392] Predicted next UID\r\n"
                        + "* OK [HIGHESTMODSEQ 90060115205545359] Highest\r\n"
                        + "A142 OK [READ-WRITE] SELECT completed\r\n",
                new Flags(List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "$Forwarded")),
                new Condition(ImapStatus.OK, new ResponseCode.PermanentFlags(List.of("\\Answered", "\\Flagged",
                        "\\Deleted", "\\Seen", "\\Draft", "$Forwarded", "\\*")), "Flags permitted."),
                new Exists(172),
                new Recent(1),
                new Condition(ImapStatus.OK, new ResponseCode.Unseen(12), "Message 12 is first unseen"),
                new Condition(ImapStatus.OK, new ResponseCode.UidValidity(3857529045L), "UIDs valid"),
                new Condition(ImapStatus.OK, new ResponseCode.UidNext(4392), "Predicted next UID"),
                new Condition(ImapStatus.OK, new ResponseCode.HighestModSeq(90060115205545359L), "Highest"),
                new Tagged("A142", ImapStatus.OK, ResponseCode.READ_WRITE, "SELECT completed"));
    }

    @Test
    void simpleCodes() {
        assertDecodes("* OK [ALERT] System shutdown in 10 minutes\r\n",
                new Condition(ImapStatus.OK, ResponseCode.ALERT, "System shutdown in 10 minutes"));
        assertDecodes("* BAD [PARSE] Bad header\r\n", new Condition(ImapStatus.BAD, ResponseCode.PARSE, "Bad header"));
        assertDecodes("A003 NO [TRYCREATE] Mailbox doesn't exist: Drafts\r\n",
                new Tagged("A003", ImapStatus.NO, ResponseCode.TRYCREATE, "Mailbox doesn't exist: Drafts"));
        assertDecodes("a NO [NONEXISTENT] Unknown Mailbox: Foo\r\n",
                new Tagged("a", ImapStatus.NO, ResponseCode.NONEXISTENT, "Unknown Mailbox: Foo"));
        assertDecodes("* OK [CLOSED] Previous mailbox closed.\r\n",
                new Condition(ImapStatus.OK, ResponseCode.CLOSED, "Previous mailbox closed."));
        assertDecodes("* OK [NOMODSEQ] No permanent modsequences\r\n",
                new Condition(ImapStatus.OK, ResponseCode.NOMODSEQ, "No permanent modsequences"));
        assertDecodes("a OK [READ-ONLY] EXAMINE completed\r\n",
                new Tagged("a", ImapStatus.OK, ResponseCode.READ_ONLY, "EXAMINE completed"));
    }

    @Test
    void uidplusCodes() {
        assertDecodes("A003 OK [APPENDUID 38505 3955] APPEND completed\r\n",
                new Tagged("A003", ImapStatus.OK, new ResponseCode.AppendUid(38505, "3955"), "APPEND completed"));
        assertDecodes("A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
                new Tagged("A004", ImapStatus.OK, new ResponseCode.CopyUid(38505, "304,319:320", "3956:3958"),
                        "Done"));
        assertDecodes("* OK [COPYUID 432432 42:69 1202-1229] Moved\r\n",
                new Condition(ImapStatus.OK, new ResponseCode.Other("COPYUID", "432432 42:69 1202-1229"), "Moved"));
        assertDecodes("d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n",
                new Tagged("d105", ImapStatus.OK, new ResponseCode.Modified("7,9"), "Conditional STORE failed"));
    }

    @Test
    void badCharset() {
        assertDecodes("a NO [BADCHARSET (UTF-8 \"US-ASCII\")] charset\r\n",
                new Tagged("a", ImapStatus.NO, new ResponseCode.BadCharset(List.of("UTF-8", "US-ASCII")), "charset"));
        assertDecodes("a NO [BADCHARSET] charset\r\n",
                new Tagged("a", ImapStatus.NO, new ResponseCode.BadCharset(List.of()), "charset"));
    }

    @Test
    void unknownCodesAreKeptRaw() {
        assertDecodes("* OK [XYZZY] magic\r\n", new Condition(ImapStatus.OK, new ResponseCode.Other("XYZZY", null),
                "magic"));
        assertDecodes("* NO [REFERRAL imap://user@other.example/INBOX] Try there\r\n",
                new Condition(ImapStatus.NO, new ResponseCode.Other("REFERRAL", "imap://user@other.example/INBOX"),
                        "Try there"));
        assertDecodes("a1 OK [X-GM-FOO (1 2 3)] hi\r\n",
                new Tagged("a1", ImapStatus.OK, new ResponseCode.Other("X-GM-FOO", "(1 2 3)"), "hi"));
    }

    /** A known code with broken data keeps the response (a tagged OK must still end its command). */
    @Test
    void brokenKnownCodeIsKeptRaw() {
        assertDecodes("a1 OK [UIDVALIDITY abc] hm\r\n",
                new Tagged("a1", ImapStatus.OK, new ResponseCode.Other("UIDVALIDITY", "abc"), "hm"));
        assertDecodes("a1 OK [UIDNEXT 99999999999999999999999] hm\r\n",
                new Tagged("a1", ImapStatus.OK, new ResponseCode.Other("UIDNEXT", "99999999999999999999999"), "hm"));
        assertDecodes("a1 OK [ALERT now] hm\r\n", new Tagged("a1", ImapStatus.OK,
                new ResponseCode.Other("ALERT", "now"), "hm"));
    }

    @Test
    void unclosedBracketIsText() {
        assertDecodes("* OK [ALERT the server forgot\r\n",
                new Condition(ImapStatus.OK, null, "[ALERT the server forgot"));
    }

    // ---------------------------------------------------------------- continuation

    @Test
    void continuations() {
        assertDecodes("+ Ready for literal data\r\n", new Continuation("Ready for literal data"));
        assertDecodes("+ idling\r\n", new Continuation("idling"));
        assertDecodes("+ \r\n", new Continuation(""));
        assertDecodes("+\r\n", new Continuation(""));
        assertDecodes("+ cj1yb3NlLGk9NDA5Niw=\r\n", new Continuation("cj1yb3NlLGk9NDA5Niw="));
    }

    /** A continuation has no literals: a line that ends like one is still one continuation. */
    @Test
    void continuationEndingInBracesIsNotALiteral() {
        assertDecodes("+ go {5}\r\n* 1 EXISTS\r\n", new Continuation("go {5}"), new Exists(1));
    }

    // ---------------------------------------------------------------- server data

    @Test
    void capability() {
        assertDecodes("* CAPABILITY IMAP4rev1 IMAP4rev2 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 "
                        + "UIDPLUS COMPRESS=DEFLATE ENABLE MOVE CONDSTORE ESEARCH UTF8=ACCEPT LIST-EXTENDED "
                        + "LIST-STATUS LITERAL- SPECIAL-USE APPENDLIMIT=35651584\r\n",
                new Capability(List.of("IMAP4rev1", "IMAP4rev2", "UNSELECT", "IDLE", "NAMESPACE", "QUOTA", "ID",
                        "XLIST", "CHILDREN", "X-GM-EXT-1", "UIDPLUS", "COMPRESS=DEFLATE", "ENABLE", "MOVE",
                        "CONDSTORE", "ESEARCH", "UTF8=ACCEPT", "LIST-EXTENDED", "LIST-STATUS", "LITERAL-",
                        "SPECIAL-USE", "APPENDLIMIT=35651584")));
        assertDecodes("* CAPABILITY IMAP4rev1 \r\n", new Capability(List.of("IMAP4rev1")));
    }

    @Test
    void enabled() {
        assertDecodes("* ENABLED CONDSTORE QRESYNC\r\n", new Enabled(List.of("CONDSTORE", "QRESYNC")));
        assertDecodes("* ENABLED\r\n", new Enabled(List.of()));
    }

    @Test
    void existsRecentExpunge() {
        assertDecodes("* 0 EXISTS\r\n* 23 EXISTS\r\n* 5 RECENT\r\n* 44 EXPUNGE\r\n* 4294967295 EXISTS\r\n",
                new Exists(0), new Exists(23), new Recent(5), new Expunge(44), new Exists(4294967295L));
    }

    @Test
    void emptyFlags() {
        assertDecodes("* FLAGS ()\r\n", new Flags(List.of()));
    }

    @Test
    void vanished() {
        assertDecodes("* VANISHED (EARLIER) 300:310,405,411\r\n* VANISHED 405,407\r\n",
                new Vanished(true, "300:310,405,411"), new Vanished(false, "405,407"));
        assertThat(new Vanished(true, "300:310,405,411").uidList().cardinality()).isEqualTo(13);
    }

    // ---------------------------------------------------------------- LIST, LSUB, STATUS

    @Test
    void listDovecot() {
        assertDecodes("* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
                        + "* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts\r\n"
                        + "* LIST (\\Noselect \\HasChildren) \"/\" \"Public Folders\"\r\n"
                        + "* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"\r\n"
                        + "* LIST (\\HasNoChildren) \".\" \"&A5EDwAO1A8MDxAOxA7sDvAO tA70DsQ-\"\r\n",
                new MailboxListing(ListKind.LIST, List.of("\\HasNoChildren"), '/', "INBOX", "INBOX", Map.of()),
                new MailboxListing(ListKind.LIST, List.of("\\HasNoChildren", "\\Drafts"), '/', "Drafts", "Drafts",
                        Map.of()),
                new MailboxListing(ListKind.LIST, List.of("\\Noselect", "\\HasChildren"), '/', "Public Folders",
                        "Public Folders", Map.of()),
                new MailboxListing(ListKind.LIST, List.of("\\HasNoChildren"), '/', "Entwürfe", "Entw&APw-rfe",
                        Map.of()),
                // not valid modified UTF-7 (a space inside the run): kept verbatim
                new MailboxListing(ListKind.LIST, List.of("\\HasNoChildren"), '.',
                        "&A5EDwAO1A8MDxAOxA7sDvAO tA70DsQ-", "&A5EDwAO1A8MDxAOxA7sDvAO tA70DsQ-", Map.of()));
    }

    @Test
    void listGmailWithSpecialUseAndBrackets() {
        assertDecodes("* LIST (\\HasNoChildren \\Sent) \"/\" \"[Gmail]/Sent Mail\"\r\n"
                        + "* LIST (\\All \\HasNoChildren) \"/\" [Gmail]/All\r\n",
                new MailboxListing(ListKind.LIST, List.of("\\HasNoChildren", "\\Sent"), '/', "[Gmail]/Sent Mail",
                        "[Gmail]/Sent Mail", Map.of()),
                new MailboxListing(ListKind.LIST, List.of("\\All", "\\HasNoChildren"), '/', "[Gmail]/All",
                        "[Gmail]/All", Map.of()));
    }

    @Test
    void listNilDelimiterEscapedDelimiterAndLsub() {
        assertDecodes("* LIST (\\Noinferiors) NIL flat\r\n"
                        + "* LIST () \"\\\\\" Archive\\2020\r\n"
                        + "* LSUB (\\Marked) \".\" INBOX.Sent\r\n",
                new MailboxListing(ListKind.LIST, List.of("\\Noinferiors"), null, "flat", "flat", Map.of()),
                new MailboxListing(ListKind.LIST, List.of(), '\\', "Archive\\2020", "Archive\\2020", Map.of()),
                new MailboxListing(ListKind.LSUB, List.of("\\Marked"), '.', "INBOX.Sent", "INBOX.Sent", Map.of()));
    }

    @Test
    void listMailboxNameAsLiteral() {
        assertDecodes("* LIST () \"/\" {10}\r\nA \"quoted\"\r\n",
                new MailboxListing(ListKind.LIST, List.of(), '/', "A \"quoted\"", "A \"quoted\"", Map.of()));
    }

    @Test
    void listExtendedData() {
        assertDecodes("* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
                        + "* LIST (\\HasNoChildren) \"/\" \"INBOX\" (\"OLDNAME\" (\"inbox\"))\r\n",
                new MailboxListing(ListKind.LIST, List.of("\\Subscribed"), '/', "Foo", "Foo",
                        Map.of("CHILDINFO", new ImapValue.ListValue(List.of(new ImapValue.Text("SUBSCRIBED"))))),
                new MailboxListing(ListKind.LIST, List.of("\\HasNoChildren"), '/', "INBOX", "INBOX",
                        Map.of("OLDNAME", new ImapValue.ListValue(List.of(new ImapValue.Text("inbox"))))));
    }

    @Test
    void listModifiedUtf7Names() {
        MailboxListing l = (MailboxListing) decodeOne("* LIST () \"/\" \"&ZeVnLIqe-/&W1A-\"\r\n");
        assertThat(l.name()).isEqualTo("日本語/子");
        assertThat(l.rawName()).isEqualTo("&ZeVnLIqe-/&W1A-");
        l = (MailboxListing) decodeOne("* LIST () \"/\" \"A&-B\"\r\n");
        assertThat(l.name()).isEqualTo("A&B");
    }

    @Test
    void utf8NamesWhenEnabled() {
        ImapDecoder d = new ImapDecoder(DecoderHarness.ROOMY);
        d.utf8Names(true);
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(
                DecoderHarness.bytes("* LIST () \"/\" \"A&B\"\r\n* LIST () \"/\" \"Απεσταλμένα\"\r\n"));
        assertThat(((MailboxListing) d.decode(buf)).name()).isEqualTo("A&B");
        assertThat(((MailboxListing) d.decode(buf)).name()).isEqualTo("Απεσταλμένα");
        buf.release();
    }

    /** Quirk: raw UTF-8 names from servers that did not enable UTF8=ACCEPT are taken as UTF-8. */
    @Test
    void eightBitNamesWithoutUtf8AcceptQuirk() {
        MailboxListing l = (MailboxListing) decodeOne("* LIST () \"/\" \"Entwürfe\"\r\n");
        assertThat(l.name()).isEqualTo("Entwürfe");
    }

    @Test
    void status() {
        MailboxStatus s = (MailboxStatus) decodeOne("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY "
                + "1234567890 UNSEEN 3 RECENT 1 HIGHESTMODSEQ 7011231777 SIZE 9876543210 APPENDLIMIT NIL)\r\n");
        assertThat(s.name()).isEqualTo("blurdybloop");
        assertThat(s.messages()).hasValue(231);
        assertThat(s.uidNext()).hasValue(44292);
        assertThat(s.uidValidity()).hasValue(1234567890);
        assertThat(s.unseen()).hasValue(3);
        assertThat(s.recent()).hasValue(1);
        assertThat(s.highestModSeq()).hasValue(7011231777L);
        assertThat(s.size()).hasValue(9876543210L);
        assertThat(s.value("APPENDLIMIT")).isEmpty();
        assertDecodes("* STATUS \"Entw&APw-rfe\" ()\r\n", new MailboxStatus("Entwürfe", "Entw&APw-rfe", Map.of()));
    }

    // ---------------------------------------------------------------- SEARCH, SORT, ESEARCH

    @Test
    void search() {
        assertDecodes("* SEARCH 2 3 6\r\n", new Search(List.of(2L, 3L, 6L), null));
        assertDecodes("* SEARCH\r\n", new Search(List.of(), null));
        assertDecodes("* SEARCH \r\n", new Search(List.of(), null));
        assertDecodes("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n",
                new Search(List.of(2L, 5L, 6L, 7L, 11L, 12L, 18L, 19L, 20L, 23L), 917162500L));
        assertDecodes("* SORT 2 84 882\r\n", new Sort(List.of(2L, 84L, 882L)));
    }

    @Test
    void thread() {
        ImapEvent.ThreadNode t2 = new ImapEvent.ThreadNode(List.of(2L), List.of());
        ImapEvent.ThreadNode t3 = new ImapEvent.ThreadNode(List.of(3L, 6L), List.of(
                new ImapEvent.ThreadNode(List.of(4L, 23L), List.of()),
                new ImapEvent.ThreadNode(List.of(44L, 7L, 96L), List.of())));
        assertDecodes("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n", new ImapEvent.Threads(List.of(t2, t3)));
        assertDecodes("* THREAD ((3)(5))\r\n", new ImapEvent.Threads(List.of(new ImapEvent.ThreadNode(List.of(),
                List.of(new ImapEvent.ThreadNode(List.of(3L), List.of()),
                        new ImapEvent.ThreadNode(List.of(5L), List.of()))))));
        assertDecodes("* THREAD\r\n", new ImapEvent.Threads(List.of()));
    }

    @Test
    void xlist() {
        assertDecodes("* XLIST (\\HasNoChildren \\Inbox) \"/\" \"Inbox\"\r\n",
                new MailboxListing(ListKind.XLIST, List.of("\\HasNoChildren", "\\Inbox"), '/', "Inbox", "Inbox",
                        Map.of()));
    }

    @Test
    void esearch() {
        assertDecodes("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n",
                new ESearch("A282", false, 2L, null, 3L, null, null, Map.of()));
        assertDecodes("* ESEARCH (TAG \"A283\") UID ALL 4:18,21,28 MAX 28 MODSEQ 12345\r\n",
                new ESearch("A283", true, null, 28L, null, "4:18,21,28", 12345L, Map.of()));
        assertDecodes("* ESEARCH (TAG \"A284\")\r\n", new ESearch("A284", false, null, null, null, null, null,
                Map.of()));
        assertDecodes("* ESEARCH UID COUNT 17 PARTIAL (1:10 4,5,6)\r\n",
                new ESearch(null, true, null, null, 17L, null, null, Map.of("PARTIAL", new ImapValue.ListValue(
                        List.of(new ImapValue.Atom("1:10"), new ImapValue.Atom("4,5,6"))))));
    }

    // ---------------------------------------------------------------- NAMESPACE, ID, QUOTA

    @Test
    void namespace() {
        assertDecodes("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n",
                new Namespace(List.of(new NamespaceEntry("", '/', Map.of())), List.of(), List.of()));
        assertDecodes("* NAMESPACE ((\"INBOX.\" \".\")) ((\"#Users.\" \".\")) ((\"#Public.\" \".\")(\"#News.\" NIL "
                        + "\"X-PARAM\" (\"FLAG1\" \"FLAG2\")))\r\n",
                new Namespace(List.of(new NamespaceEntry("INBOX.", '.', Map.of())),
                        List.of(new NamespaceEntry("#Users.", '.', Map.of())),
                        List.of(new NamespaceEntry("#Public.", '.', Map.of()),
                                new NamespaceEntry("#News.", null, Map.of("X-PARAM", List.of("FLAG1", "FLAG2"))))));
    }

    @Test
    void id() {
        Id id = (Id) decodeOne("* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n");
        assertThat(id.fields()).containsEntry("name", "Dovecot").containsEntry("version", null);
        assertThat(id.fields().keySet()).containsExactly("name", "version");
        assertDecodes("* ID NIL\r\n", new Id(Map.of()));
    }

    @Test
    void quota() {
        assertDecodes("* QUOTAROOT INBOX \"\"\r\n* QUOTA \"\" (STORAGE 10 512 MESSAGE 3 10000000000)\r\n",
                new QuotaRoot("INBOX", List.of("")),
                new Quota("", List.of(new QuotaResource("STORAGE", 10, 512),
                        new QuotaResource("MESSAGE", 3, 10000000000L))));
        assertDecodes("* QUOTAROOT comp.mail.mime\r\n", new QuotaRoot("comp.mail.mime", List.of()));
    }

    // ---------------------------------------------------------------- unknown responses

    @Test
    void unknownUntaggedResponsesAreKeptRaw() {
        assertDecodes("* ACL INBOX joe lrswipkxtecda\r\n", new Unknown("ACL", "* ACL INBOX joe lrswipkxtecda"));
        assertDecodes("* 3 XYZ (1 2)\r\n", new Unknown("XYZ", "* 3 XYZ (1 2)"));
        assertDecodes("* METADATA INBOX (/private/comment {3}\r\nhi!)\r\n",
                new Unknown("METADATA", "* METADATA INBOX (/private/comment {3}\r\nhi!)"));
    }
}
