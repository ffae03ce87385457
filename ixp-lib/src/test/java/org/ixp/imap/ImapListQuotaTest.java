package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ixp.imap.ExtensionSession.connected;
import static org.ixp.imap.ImapFixture.get;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/**
 * LIST-EXTENDED (RFC 5258) with LIST-STATUS (RFC 5819) and SPECIAL-USE (RFC 6154), STATUS=SIZE (RFC 8438) and the
 * other STATUS items, QUOTA (RFC 9208), against a scripted server (RFC 9208 forms Dovecot 2.3 lacks; ImapExtensionsIT proves RFC 2087 QUOTA on Dovecot).
 */
class ImapListQuotaTest {

    private static void code(Runnable r, IxpCode expected) {
        assertThatThrownBy(r::run).isInstanceOf(IxpException.class)
                .matches(e -> ((IxpException) e).code() == expected, "code " + expected);
    }

    @Test
    void extendedListPairsEachMailboxWithItsStatus() throws Exception {
        try (ImapFixture f = connected("LIST-EXTENDED LIST-STATUS SPECIAL-USE", c -> {
            c.expect("a3 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX \"Sent*\" Entw&APw-rfe) "
                    + "RETURN (CHILDREN STATUS (MESSAGES SIZE HIGHESTMODSEQ))");
            c.send("* LIST (\\Subscribed \\HasNoChildren) \"/\" INBOX");
            c.send("* STATUS INBOX (MESSAGES 17 SIZE 9876543210123 HIGHESTMODSEQ 42)");
            c.send("* LIST (\\Subscribed \\Sent \\HasNoChildren) \"/\" \"Sent Items\"");
            c.send("* STATUS \"Sent Items\" (MESSAGES 3 SIZE 4096 HIGHESTMODSEQ 7)");
            c.send("* LIST (\\NonExistent \\HasChildren) \"/\" Entw&APw-rfe (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            c.send("a3 OK List completed");
            ImapFixture.logout(c, "a4");
        })) {
            List<ImapListEntry> list = get(f.transport.listExtended(4, 5, null, List.of("subscribed", "RECURSIVEMATCH"),
                    "", List.of("INBOX", "Sent*", "Entwürfe"), List.of("CHILDREN"),
                    List.of("MESSAGES", "SIZE", "HIGHESTMODSEQ")));
            assertThat(list).extracting(e -> e.listing().name()).containsExactly("INBOX", "Sent Items", "Entwürfe");
            assertThat(list.get(0).status().size()).hasValue(9876543210123L);
            assertThat(list.get(0).status().highestModSeq()).hasValue(42);
            assertThat(list.get(1).status().messages()).hasValue(3);
            assertThat(list.get(1).listing().attributes()).contains("\\Sent");
            assertThat(list.get(2).status()).as("\\NonExistent has no STATUS").isNull();
            assertThat(list.get(2).listing().extended()).containsKey("CHILDINFO");
            get(f.transport.disconnect());
            assertThat(f.callback.of(ImapResponseType.MAILBOX_STATUS)).hasSize(2).allMatch(r -> r.wParam() == 4);
            assertThat(f.callback.of(ImapResponseType.MAILBOX_LISTING)).hasSize(3).allMatch(r -> r.lParam() == 5);
        }
    }

    @Test
    void specialUseSelectionAndPlainReturnOptions() throws Exception {
        try (ImapFixture f = connected("LIST-EXTENDED SPECIAL-USE", c -> {
            c.expect("a3 LIST (SPECIAL-USE) \"\" \"*\" RETURN (SUBSCRIBED)");
            c.send("* LIST (\\Subscribed \\Drafts) \"/\" Drafts");
            c.send("* LIST (\\Trash) \"/\" Trash");
            c.send("a3 OK List completed");
            ImapFixture.logout(c, "a4");
        })) {
            List<ImapListEntry> list = get(f.transport.listExtended(List.of("SPECIAL-USE"), null, List.of("*"),
                    List.of("SUBSCRIBED"), null));
            assertThat(list).extracting(e -> e.listing().attributes().get(e.listing().attributes().size() - 1))
                    .containsExactly("\\Drafts", "\\Trash");
            assertThat(list).allMatch(e -> e.status() == null);
            get(f.transport.disconnect());
        }
    }

    @Test
    void extendedListArgumentsAreCheckedBeforeSending() throws Exception {
        try (ImapFixture f = connected("LIST-EXTENDED", c -> ImapFixture.logout(c, "a3"))) {
            code(() -> f.transport.listExtended(List.of("RECURSIVEMATCH"), "", List.of("*"), null, null),
                    IxpCode.E_INVALIDARG);
            code(() -> f.transport.listExtended(List.of("EVERYTHING"), "", List.of("*"), null, null),
                    IxpCode.E_INVALIDARG);
            code(() -> f.transport.listExtended(null, "", List.of(), null, null), IxpCode.E_INVALIDARG);
            code(() -> f.transport.listExtended(null, "", List.of("*"), List.of("STATUS"), null),
                    IxpCode.E_INVALIDARG);
            code(() -> f.transport.listExtended(null, "", List.of("*"), List.of("CHILDREN\r\n"), null),
                    IxpCode.E_INVALIDARG);
            code(() -> f.transport.listExtended(null, "", List.of("*"), null, List.of("MESSAGES")),
                    IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            code(() -> f.transport.listExtended(List.of("SPECIAL-USE"), "", List.of("*"), null, null),
                    IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            get(f.transport.disconnect());
            assertThat(f.server.received()).hasSize(3);
        }
    }

    @Test
    void statusItemsAre64BitAndAppendLimitNilIsNoLimit() throws Exception {
        try (ImapFixture f = connected("STATUS=SIZE CONDSTORE APPENDLIMIT", c -> {
            c.expect("a3 STATUS INBOX (MESSAGES SIZE HIGHESTMODSEQ APPENDLIMIT DELETED)");
            c.send("* STATUS INBOX (MESSAGES 2 SIZE 5000000000 HIGHESTMODSEQ 9223372036854775807 APPENDLIMIT 1048576"
                    + " DELETED 1)");
            c.send("a3 OK done");
            c.expect("a4 STATUS Other (APPENDLIMIT)");
            c.send("* STATUS Other (APPENDLIMIT NIL)");
            c.send("a4 OK done");
            ImapFixture.logout(c, "a5");
        })) {
            ImapEvent.MailboxStatus s = get(f.transport.status("INBOX",
                    "MESSAGES SIZE HIGHESTMODSEQ APPENDLIMIT DELETED"));
            assertThat(s.size()).hasValue(5_000_000_000L);
            assertThat(s.highestModSeq()).hasValue(Long.MAX_VALUE);
            assertThat(s.appendLimit()).hasValue(1048576);
            assertThat(s.deleted()).hasValue(1);
            assertThat(get(f.transport.status("Other", "(APPENDLIMIT)")).appendLimit()).isEmpty();
            get(f.transport.disconnect());
        }
    }

    @Test
    void quotaRootQuotaAndSetQuota() throws Exception {
        try (ImapFixture f = connected("QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE QUOTASET", c -> {
            c.expect("a3 GETQUOTAROOT INBOX");
            c.send("* QUOTAROOT INBOX \"\" shared");
            c.send("* QUOTA \"\" (STORAGE 10 512 MESSAGE 2 1000)");
            c.send("* QUOTA shared (STORAGE 1 2)");
            c.send("a3 OK Getquotaroot completed");
            c.expect("a4 GETQUOTA \"\"");
            c.send("* QUOTA \"\" (STORAGE 10 512 MESSAGE 2 1000)");
            c.send("a4 OK Getquota completed");
            c.expect("a5 SETQUOTA \"\" (STORAGE 1024 MESSAGE 5000)");
            c.send("* QUOTA \"\" (STORAGE 10 1024 MESSAGE 2 5000)");
            c.send("a5 OK Setquota completed");
            ImapFixture.logout(c, "a6");
        })) {
            ImapQuotaRoot root = get(f.transport.getQuotaRoot(2, 0, null, "INBOX"));
            assertThat(root.mailbox()).isEqualTo("INBOX");
            assertThat(root.roots()).containsExactly("", "shared");
            assertThat(root.quotas()).hasSize(2);
            assertThat(root.quotas().get(0).resources()).containsExactly(
                    new ImapEvent.QuotaResource("STORAGE", 10, 512), new ImapEvent.QuotaResource("MESSAGE", 2, 1000));
            ImapEvent.Quota q = get(f.transport.getQuota(""));
            assertThat(q.root()).isEmpty();
            Map<String, Long> limits = new LinkedHashMap<>();
            limits.put("storage", 1024L);
            limits.put("MESSAGE", 5000L);
            ImapQuotaRoot set = get(f.transport.setQuota("", limits));
            assertThat(set.quotas().get(0).resources().get(0).limit()).isEqualTo(1024);
            get(f.transport.disconnect());
            assertThat(f.callback.of(ImapResponseType.QUOTA_ROOT)).hasSize(1).allMatch(r -> r.wParam() == 2);
            assertThat(f.callback.of(ImapResponseType.QUOTA)).hasSize(4);
        }
    }

    @Test
    void quotaCommandsNeedQuota() throws Exception {
        try (ImapFixture f = connected("QUOTA QUOTA=RES-STORAGE", c -> ImapFixture.logout(c, "a3"))) {
            code(() -> f.transport.setQuota("", Map.of("STORAGE", 5L)), IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            code(() -> f.transport.setQuota("", Map.of("STORAGE", -5L)), IxpCode.E_INVALIDARG);
            code(() -> f.transport.setQuota("", Map.of("STOR AGE", 5L)), IxpCode.E_INVALIDARG);
            code(() -> f.transport.getQuota("x\r\ny"), IxpCode.E_INVALIDARG);
            get(f.transport.disconnect());
            assertThat(f.server.received()).hasSize(3);
        }
        try (ImapFixture f = connected("UIDPLUS", c -> ImapFixture.logout(c, "a3"))) {
            code(() -> f.transport.getQuotaRoot("INBOX"), IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            code(() -> f.transport.getQuota(""), IxpCode.IXP_E_IMAP_NOT_SUPPORTED);
            get(f.transport.disconnect());
        }
    }
}
