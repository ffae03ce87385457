package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NntpCommandsTest {

    @Test
    void lines() {
        assertThat(NntpCommands.group("comp.lang.java")).isEqualTo("GROUP comp.lang.java");
        assertThat(NntpCommands.listGroup(null, null)).isEqualTo("LISTGROUP");
        assertThat(NntpCommands.listGroup("g", NntpRange.of(3, 9))).isEqualTo("LISTGROUP g 3-9");
        assertThat(NntpCommands.listGroup("g", NntpRange.from(3))).isEqualTo("LISTGROUP g 3-");
        assertThat(NntpCommands.retrieve("ARTICLE", ArticleId.number(5_000_000_000L))).isEqualTo("ARTICLE 5000000000");
        assertThat(NntpCommands.retrieve("HEAD", ArticleId.messageId("<a@b>"))).isEqualTo("HEAD <a@b>");
        assertThat(NntpCommands.retrieve("STAT", ArticleId.current())).isEqualTo("STAT");
        assertThat(NntpCommands.list(null)).isEqualTo("LIST");
        assertThat(NntpCommands.list("overview.fmt")).isEqualTo("LIST OVERVIEW.FMT");
        assertThat(NntpCommands.list("active local.*")).isEqualTo("LIST ACTIVE local.*");
        assertThat(NntpCommands.over(false, NntpRange.single(7), null)).isEqualTo("OVER 7");
        assertThat(NntpCommands.over(true, NntpRange.of(1, 2), null)).isEqualTo("XOVER 1-2");
        assertThat(NntpCommands.hdr(false, "Subject", null, "<m@x>")).isEqualTo("HDR Subject <m@x>");
        assertThat(NntpCommands.hdr(true, "Subject", null, null)).isEqualTo("XHDR Subject");
        ZonedDateTime t = ZonedDateTime.of(2024, 6, 1, 14, 30, 5, 0, ZoneId.of("Europe/Paris"));
        assertThat(NntpCommands.newGroups(t)).isEqualTo("NEWGROUPS 20240601 123005 GMT");
        assertThat(NntpCommands.newNews("comp.*,!comp.os.*", t)).isEqualTo(
                "NEWNEWS comp.*,!comp.os.* 20240601 123005 GMT");
        assertThat(NntpCommands.authinfoSasl("PLAIN", "=")).isEqualTo("AUTHINFO SASL PLAIN =");
    }

    @Test
    void messageIdsFollowRfc3977() {
        assertThat(NntpCommands.checkMessageId("<abc.123$x@example.net>")).isEqualTo("<abc.123$x@example.net>");
        for (String bad : List.of("abc@x", "<abc@x", "abc@x>", "<a>b@x>", "<a b@x>", "<ä@x>", "<>", "<\t@x>",
                "<" + "x".repeat(249) + ">")) {
            assertThatThrownBy(() -> NntpCommands.checkMessageId(bad)).as(bad)
                    .isInstanceOfSatisfying(IxpException.class, e -> assertThat(e.code()).isEqualTo(IxpCode.E_INVALIDARG));
        }
    }

    @Test
    void injectionAndOverlongLinesAreRefused() {
        List<Executable> bad = List.of(
                () -> NntpCommands.group("g\r\nQUIT"),
                () -> NntpCommands.group("g\0"),
                () -> NntpCommands.group("a b"),
                () -> NntpCommands.group(""),
                () -> NntpCommands.list("ACTIVE a b"),
                () -> NntpCommands.list("ACTIVE\nQUIT"),
                () -> NntpCommands.hdr(false, "Sub ject", null, null),
                () -> NntpCommands.hdr(false, "Subject", NntpRange.single(1), "<m@x>"),
                () -> NntpCommands.listGroup(null, NntpRange.single(1)),
                () -> NntpCommands.group("g".repeat(600)),
                () -> NntpCommands.authinfoUser("al ice"),
                () -> NntpCommands.authinfoPass("pw\r\nQUIT"),
                () -> NntpRange.of(5, 4),
                () -> NntpRange.of(-1, 4),
                () -> ArticleId.number(-1));
        for (Executable e : bad) {
            assertThatThrownBy(e::execute).isInstanceOfSatisfying(IxpException.class,
                    x -> assertThat(x.code()).isEqualTo(IxpCode.E_INVALIDARG));
        }
    }
}
