package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ixp.imap.CarolLab.get;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;

/**
 * The extension commands against the lab's Dovecot as carol: CONDSTORE STORE/FETCH/SEARCH, SORT, THREAD, ESEARCH,
 * MULTIAPPEND, literal8 APPEND and BINARY FETCH, LIST-EXTENDED with LIST-STATUS and STATUS=SIZE, UID MOVE / UID COPY
 * with COPYUID, QUOTA (the lab runs Dovecot's quota plugin: GETQUOTAROOT/GETQUOTA, SETQUOTA refused to a user).
 */
class ImapExtensionsIT {
    private final CarolLab lab = new CarolLab();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static RangeList all(boolean uid) {
        RangeList r = new RangeList(uid);
        r.addRange(1, RangeList.LAST_MESSAGE);
        return r;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** UID → subject of every message in the selected mailbox. */
    private static Map<Long, String> subjects(ImapTransport t, ImapRecorder cb) throws Exception {
        cb.imap.clear();
        t.enableFetchEx(true);
        get(t.fetch(all(false), "(UID ENVELOPE)"));
        t.enableFetchEx(false);
        Map<Long, String> out = new HashMap<>();
        for (ImapResponse r : cb.of(ImapResponseType.UPDATE_MSG_EX)) {
            ImapEvent.Fetch f = r.data(ImapEvent.Fetch.class);
            out.put(f.uid().getAsLong(), f.envelope().orElseThrow().subject());
        }
        return out;
    }

    @Test
    void condstoreStoreUnchangedSinceFetchChangedSinceAndModseqSearch() throws Exception {
        String box = "ixpx-cond-" + run;
        lab.seed(5, 300, box);
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = lab.open(cb);
        try {
            ImapMailbox m = get(t.select(box, true));
            long before = m.highestModSeq();
            RangeList twoThree = RangeList.parse("2:3", true);
            get(t.uidStore(m.uidValidity(), twoThree, "+FLAGS.SILENT (\\Seen)"));
            ImapCompletion cond = get(t.uidStore(m.uidValidity(), RangeList.parse("2:4", true),
                    "+FLAGS.SILENT (\\Flagged)", before));
            assertThat(cond.modified().orElseThrow().toRangeList(true).toImapString())
                    .as("messages changed since the UNCHANGEDSINCE value are left alone").isEqualTo("2:3");
            assertThat(get(t.search("FLAGGED", true))).containsExactly(4L);

            assertThat(get(t.search("MODSEQ " + (before + 1), true))).containsExactly(2L, 3L, 4L);
            ImapSearchResult es = get(t.esearch("MODSEQ " + (before + 1), true, List.of("COUNT", "MAX")));
            assertThat(es.count()).isEqualTo(3);
            assertThat(es.max()).isEqualTo(4);
            assertThat(es.modSeq()).as("highest mod-sequence of the matches").isGreaterThan(before);

            cb.imap.clear();
            get(t.uidFetch(m.uidValidity(), all(true), "(FLAGS)", before, false));
            List<Long> changed = cb.of(ImapResponseType.UPDATE_MSG).stream()
                    .map(r -> r.data(ImapEvent.Fetch.class).uid().getAsLong()).toList();
            assertThat(changed).containsExactly(2L, 3L, 4L);
            assertThat(cb.of(ImapResponseType.UPDATE_MSG))
                    .allMatch(r -> r.data(ImapEvent.Fetch.class).modSeq().getAsLong() > before);
            ImapEvent.MailboxStatus st = get(t.status(box, "HIGHESTMODSEQ SIZE MESSAGES"));
            assertThat(st.highestModSeq().getAsLong()).isGreaterThan(before);
        } finally {
            CarolLab.quietly(t.unselect());
            get(t.delete(box));
            get(t.disconnect());
        }
    }

    @Test
    void multiappendThenSortThreadAndEsearch() throws Exception {
        String box = "ixpx-sort-" + run;
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = lab.open(cb);
        try {
            assertThat(t.hasCapability("MULTIAPPEND")).isTrue();
            get(t.create(box));
            byte[] root = ascii("From: zed@example.org\r\nSubject: Lunch\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
                    + "Message-ID: <root-" + run + "@ixp>\r\n\r\nwhere?\r\n");
            byte[] other = ascii("From: amy@example.org\r\nSubject: Budget\r\nDate: Tue, 2 Jan 2024 10:00:00 +0000\r\n"
                    + "Message-ID: <other-" + run + "@ixp>\r\n\r\nnumbers\r\n");
            byte[] reply = ascii("From: bob@example.org\r\nSubject: Re: Lunch\r\n"
                    + "Date: Wed, 3 Jan 2024 10:00:00 +0000\r\nMessage-ID: <reply-" + run + "@ixp>\r\n"
                    + "In-Reply-To: <root-" + run + "@ixp>\r\nReferences: <root-" + run + "@ixp>\r\n\r\nat noon\r\n");
            cb.imap.clear();
            ImapCompletion done = get(t.append(box, List.of(ImapAppend.of(root, List.of("\\Seen"), null),
                    ImapAppend.of(other, null, null), new ImapAppend(List.of("$Label"), null,
                            new ByteArrayInputStream(reply), reply.length, false))));
            List<Long> uids = done.appendUid().orElseThrow().uidsInOrder();
            assertThat(uids).hasSize(3);
            long total = root.length + other.length + reply.length;
            long t0 = System.nanoTime(); // callbacks run independently of the future: wait for the last one
            while (cb.of(ImapResponseType.APPEND_PROGRESS).stream().noneMatch(r -> r.data(
                    ImapResponse.AppendProgress.class).uploaded() == total) && System.nanoTime() - t0 < 5e9) {
                Thread.sleep(20);
            }
            List<Long> progress = cb.of(ImapResponseType.APPEND_PROGRESS).stream()
                    .map(r -> r.data(ImapResponse.AppendProgress.class).uploaded()).toList();
            assertThat(progress).as("APPEND_PROGRESS over the three messages").startsWith(0L).isSorted()
                    .endsWith(total);

            ImapMailbox m = get(t.select(box));
            assertThat(m.exists()).isEqualTo(3);
            assertThat(subjects(t, cb)).containsEntry(uids.get(0), "Lunch").containsEntry(uids.get(1), "Budget")
                    .containsEntry(uids.get(2), "Re: Lunch");

            assertThat(get(t.sort(List.of("SUBJECT"), "ALL", true)))
                    .as("SUBJECT sorts on the base subject: Budget, Lunch, Re: Lunch")
                    .containsExactly(uids.get(1), uids.get(0), uids.get(2));
            assertThat(get(t.sort(List.of("REVERSE", "DATE"), "ALL", true)))
                    .containsExactly(uids.get(2), uids.get(1), uids.get(0));
            assertThat(get(t.sort(List.of("FROM"), "ALL", false))).containsExactly(2L, 3L, 1L);
            assertThat(get(t.sort(List.of("ARRIVAL"), "UNSEEN", true))).containsExactly(uids.get(1), uids.get(2));

            List<ImapEvent.ThreadNode> refs = get(t.thread("REFERENCES", "ALL", true));
            assertThat(refs).hasSize(2);
            List<List<Long>> threads = refs.stream().map(ImapEvent.ThreadNode::allMessages).toList();
            assertThat(threads).containsExactlyInAnyOrder(List.of(uids.get(0), uids.get(2)), List.of(uids.get(1)));
            List<ImapEvent.ThreadNode> bySubject = get(t.thread("ORDEREDSUBJECT", "ALL", false));
            assertThat(bySubject.stream().map(ImapEvent.ThreadNode::allMessages).toList())
                    .containsExactlyInAnyOrder(List.of(1L, 3L), List.of(2L));

            ImapSearchResult es = get(t.esearch("ALL", true, List.of("MIN", "MAX", "COUNT", "ALL")));
            assertThat(es.min()).isEqualTo(uids.get(0));
            assertThat(es.max()).isEqualTo(uids.get(2));
            assertThat(es.count()).isEqualTo(3);
            assertThat(es.all().cardinality()).isEqualTo(3);
            ImapSearchResult none = get(t.esearch("DELETED", false, List.of("MIN", "COUNT")));
            assertThat(none.count()).isZero();
            assertThat(none.min()).isNull();
            assertThat(cb.of(ImapResponseType.SORT)).isNotEmpty();
            assertThat(cb.of(ImapResponseType.THREAD)).isNotEmpty();
        } finally {
            CarolLab.quietly(t.unselect());
            get(t.delete(box));
            get(t.disconnect());
        }
    }

    @Test
    void literal8AppendAndBinaryFetch() throws Exception {
        String box = "ixpx-binary-" + run;
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = lab.open(cb);
        try {
            assertThat(t.hasCapability("BINARY")).isTrue();
            get(t.create(box));
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            raw.write(ascii("From: carol@localhost\r\nSubject: raw\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"));
            byte[] payload = {0, 1, 2, 'a', 0, (byte) 0xff, '\r', '\n'};
            raw.write(payload);
            byte[] withNul = raw.toByteArray();
            byte[] base64 = ascii("From: carol@localhost\r\nSubject: b64\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + "AGFiAP8=\r\n");
            cb.imap.clear();
            long nulUid = Long.parseLong(get(t.append(box, null, null, withNul)).appendUid().orElseThrow().uids());
            assertThat(cb.commands).anyMatch(l -> l.contains("~{" + withNul.length));
            long b64Uid = Long.parseLong(get(t.append(box, null, null, base64)).appendUid().orElseThrow().uids());

            ImapMailbox m = get(t.select(box));
            cb.imap.clear();
            get(t.uidFetch(m.uidValidity(), RangeList.parse(nulUid + "," + b64Uid, true),
                    "(UID BINARY.SIZE[1] BINARY.PEEK[1])"));
            Map<Long, ByteArrayOutputStream> bodies = new HashMap<>();
            for (ImapResponse r : cb.of(ImapResponseType.FETCH_BODY)) {
                ImapResponse.FetchBodyPart p = r.data(ImapResponse.FetchBodyPart.class);
                assertThat(p.bodyTag()).isEqualTo("BINARY[1]");
                bodies.computeIfAbsent(p.seq(), s -> new ByteArrayOutputStream()).write(p.data());
            }
            assertThat(bodies.get(1L).toByteArray()).as("binary part, NULs kept").isEqualTo(payload);
            assertThat(bodies.get(2L).toByteArray()).as("base64 part decoded by the server")
                    .containsExactly(0, 'a', 'b', 0, 0xff);
            List<Long> sizes = cb.of(ImapResponseType.UPDATE_MSG).stream()
                    .map(r -> r.data(ImapEvent.Fetch.class).item(FetchItem.BinarySize.class).orElseThrow().size())
                    .toList();
            assertThat(sizes).containsExactly((long) payload.length, 5L);
        } finally {
            CarolLab.quietly(t.unselect());
            get(t.delete(box));
            get(t.disconnect());
        }
    }

    @Test
    void extendedListWithStatusSizeAndSpecialUse() throws Exception {
        String parent = "ixpx-list-" + run;
        lab.seed(3, 1000, parent + "/a");
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = lab.open(cb);
        try {
            get(t.create(parent + "/b"));
            get(t.subscribe(1, 0, null, parent + "/b"));
            List<ImapListEntry> list = get(t.listExtended(null, "", List.of(parent + "/*"), List.of("CHILDREN",
                    "SUBSCRIBED"), List.of("MESSAGES", "SIZE", "HIGHESTMODSEQ", "UIDNEXT")));
            assertThat(list).extracting(e -> e.listing().name()).containsExactlyInAnyOrder(parent + "/a",
                    parent + "/b");
            ImapListEntry a = list.stream().filter(e -> e.listing().name().endsWith("/a")).findFirst().orElseThrow();
            ImapListEntry b = list.stream().filter(e -> e.listing().name().endsWith("/b")).findFirst().orElseThrow();
            assertThat(a.status().messages()).hasValue(3);
            assertThat(a.status().uidNext()).hasValue(4);
            assertThat(b.listing().attributes()).contains("\\Subscribed");
            assertThat(a.listing().attributes()).doesNotContain("\\Subscribed");

            get(t.examine(parent + "/a"));
            cb.imap.clear();
            get(t.fetch(all(false), "(RFC822.SIZE)"));
            long sum = cb.of(ImapResponseType.UPDATE_MSG).stream()
                    .mapToLong(r -> r.data(ImapEvent.Fetch.class).rfc822Size().getAsLong()).sum();
            assertThat(a.status().size()).as("STATUS=SIZE is the sum of RFC822.SIZE").hasValue(sum);
            assertThat(get(t.status(parent + "/a", "SIZE")).size()).hasValue(sum);
            get(t.unselect());

            List<ImapListEntry> sub = get(t.listExtended(List.of("SUBSCRIBED", "RECURSIVEMATCH"), "",
                    List.of(parent + "*"), null, null));
            assertThat(sub).extracting(e -> e.listing().name()).contains(parent + "/b").doesNotContain(parent + "/a");

            List<ImapListEntry> special = get(t.listExtended(List.of("SPECIAL-USE"), "", List.of("*"), null, null));
            assertThat(special).flatExtracting(e -> e.listing().attributes()).contains("\\Sent", "\\Drafts",
                    "\\Trash");
        } finally {
            get(t.unsubscribe(1, 0, null, parent + "/b"));
            get(t.delete(parent + "/a"));
            get(t.delete(parent + "/b"));
            CarolLab.quietly(t.delete(parent)); // may exist only as a parent of the others
            get(t.disconnect());
        }
    }

    @Test
    void uidMoveAndUidCopyMappingsMatchTheDestination() throws Exception {
        String src = "ixpx-src-" + run;
        String dst = "ixpx-dst-" + run;
        lab.seed(6, 300, src);
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = lab.open(cb);
        try {
            get(t.create(dst));
            // Give the destination a UID history so its UIDs differ from the source's.
            get(t.append(dst, null, null, ascii("Subject: filler\r\n\r\nx\r\n")));
            ImapMailbox m = get(t.select(src));
            Map<Long, String> before = subjects(t, cb);

            Map<Long, Long> copied = get(t.uidCopy(m.uidValidity(), RangeList.parse("1:2,5", true), dst))
                    .copyUid().orElseThrow().mapping();
            assertThat(copied.keySet()).containsExactly(1L, 2L, 5L);
            cb.imap.clear();
            ImapCompletion moved = get(t.uidMove(m.uidValidity(), RangeList.parse("3,6", true), dst));
            ResponseCode.CopyUid moveUid = moved.copyUid().orElseThrow();
            Map<Long, Long> movedMap = moveUid.mapping();
            assertThat(movedMap.keySet()).containsExactly(3L, 6L);
            assertThat(cb.of(ImapResponseType.DELETED_MSG)).hasSize(2);
            assertThat(t.getHighestMsgSeqNum()).isEqualTo(4);
            assertThat(get(t.search("ALL", true))).containsExactly(1L, 2L, 4L, 5L);

            ImapMailbox d = get(t.select(dst));
            assertThat(d.uidValidity()).isEqualTo(moveUid.uidValidity());
            Map<Long, String> after = subjects(t, cb);
            assertThat(after).hasSize(6);
            Map<Long, Long> expected = new HashMap<>(copied);
            expected.putAll(movedMap);
            for (Map.Entry<Long, Long> e : expected.entrySet()) {
                assertThat(after.get(e.getValue())).as("source UID %d → destination UID %d", e.getKey(), e.getValue())
                        .isEqualTo(before.get(e.getKey()));
            }
            List<Long> destUids = new ArrayList<>(expected.values());
            Collections.sort(destUids);
            assertThat(destUids).doesNotContain(1L);
        } finally {
            CarolLab.quietly(t.unselect());
            get(t.delete(src));
            get(t.delete(dst));
            get(t.disconnect());
        }
    }

    @Test
    void quotaRootAndUsageAreThoseDovecotReportsAndGrowWithAnAppend() throws Exception {
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = lab.open(cb);
        String box = "ixpx-quota-" + run;
        try {
            assertThat(t.hasCapability("QUOTA")).as("the lab's Dovecot runs the quota plugin").isTrue();
            get(t.create(box));
            ImapQuotaRoot before = get(t.getQuotaRoot(box));
            assertThat(before.mailbox()).isEqualTo(box);
            assertThat(before.roots()).containsExactly("User quota");
            assertThat(before.quotas()).hasSize(1);
            ImapEvent.QuotaResource storage = before.quotas().get(0).resources().stream()
                    .filter(r -> r.name().equals("STORAGE")).findFirst().orElseThrow();
            assertThat(storage.limit()).as("quota_rule = *:storage=100G, in KiB").isEqualTo(100L * 1024 * 1024);

            byte[] body = ascii("Subject: quota " + run + "\r\n\r\n" + "x".repeat(64 * 1024) + "\r\n");
            get(t.append(box, null, null, body));
            ImapEvent.Quota after = get(t.getQuota("User quota"));
            assertThat(after.root()).isEqualTo("User quota");
            long grown = after.resources().stream().filter(r -> r.name().equals("STORAGE")).findFirst()
                    .orElseThrow().usage() - storage.usage();
            assertThat(grown).as("KiB added by a %d-byte APPEND", body.length)
                    .isBetween((long) body.length / 1024, (long) body.length / 1024 + 1);

            // RFC 2087 server without SETQUOTA rights for a user: the command goes out and Dovecot refuses it.
            try {
                get(t.setQuota("User quota", Map.of("STORAGE", 1L)));
                throw new AssertionError("a user must not be able to set its own quota");
            } catch (ExecutionException e) {
                assertThat(IxpException.unwrap(e).code()).isIn(IxpCode.IXP_E_IMAP_NO, IxpCode.IXP_E_IMAP_BAD);
            }
        } finally {
            quietlyDelete(t, box);
            get(t.disconnect());
        }
    }

    @Test
    void appendToAMissingMailboxIsTryCreate() throws Exception {
        ImapRecorder cb = new ImapRecorder();
        ImapTransport t = lab.open(cb);
        try {
            try {
                get(t.append("ixpx-nowhere-" + run, null, null, ascii("Subject: x\r\n\r\ny\r\n")));
                throw new AssertionError("APPEND to a missing mailbox must fail");
            } catch (ExecutionException e) {
                assertThat(IxpException.unwrap(e).code()).isEqualTo(IxpCode.IXP_E_IMAP_NO);
            }
            assertThat(cb.of(ImapResponseType.TRYCREATE)).hasSize(1);
        } finally {
            get(t.disconnect());
        }
    }

    private static void quietlyDelete(ImapTransport t, String box) {
        try {
            get(t.delete(box));
        } catch (Exception ignored) {
            // best effort: the test's own mailbox
        }
    }
}
