package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewParserTest {
    private static final OverviewFormat INN = OverviewFormat.of(List.of("Subject:", "From:", "Date:", "Message-ID:",
            "References:", "Bytes:", "Lines:", "Xref:full"));

    @Test
    void aFullLineWithXref() {
        OverviewParser.Parsed p = OverviewParser.parse("42\tHello\tA <a@x>\tMon, 1 Jan 2024\t<42@x>\t<41@x>\t1234\t"
                + "17\tXref: news.example local.test:42", INN);
        assertThat(p.problem()).isNull();
        assertThat(p.header()).isEqualTo(new NntpHeader(42, "Hello", "A <a@x>", "Mon, 1 Jan 2024", "<42@x>",
                "<41@x>", 1234, 17, "news.example local.test:42", Map.of()));
        assertThat(INN.supportsXref()).isTrue();
    }

    @Test
    void theDefaultFormatAndMissingTrailingFields() {
        OverviewParser.Parsed p = OverviewParser.parse("7\ts\tf\td\t<7@x>\t", OverviewFormat.DEFAULT);
        assertThat(p.header().bytes()).isEqualTo(-1);
        assertThat(p.header().lines()).isEqualTo(-1);
        assertThat(p.header().xref()).isNull();
        assertThat(OverviewFormat.DEFAULT.supportsXref()).isFalse();
    }

    @Test
    void extraFieldsAreKeptByName() {
        OverviewFormat f = OverviewFormat.of(List.of("Subject:", "From:", "Date:", "Message-ID:", "References:",
                ":bytes", ":lines", "Newsgroups:full"));
        OverviewParser.Parsed p = OverviewParser.parse("1\ts\tf\td\t<1@x>\t\t10\t1\tNewsgroups: a.b,c.d", f);
        assertThat(p.header().others()).containsEntry("Newsgroups:full", "a.b,c.d");
    }

    @Test
    void numbersAre64Bit() {
        OverviewParser.Parsed p = OverviewParser.parse("9223372036854775807\ts\tf\td\t<m@x>\t\t1\t1",
                OverviewFormat.DEFAULT);
        assertThat(p.header().articleNumber()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void malformedLinesBecomeProblemsForTheirArticle() {
        assertThat(OverviewParser.parse("x\ts\tf\td\t<m@x>\t\t1\t1", INN).problem().articleNumber()).isEqualTo(-1);
        assertThat(OverviewParser.parse("99999999999999999999\ts\tf\td\t<m@x>", INN).problem()).isNotNull();
        assertThat(OverviewParser.parse("", INN).problem()).isNotNull();
        OverviewProblem bytes = OverviewParser.parse("5\ts\tf\td\t<m@x>\t\tlots\t1", INN).problem();
        assertThat(bytes.articleNumber()).isEqualTo(5);
        assertThat(bytes.reason()).contains(":bytes");
        OverviewProblem lines = OverviewParser.parse("6\ts\tf\td\t<m@x>\t\t1\t-3", INN).problem();
        assertThat(lines.articleNumber()).isEqualTo(6);
        OverviewProblem short_ = OverviewParser.parse("8\tonly subject", INN).problem();
        assertThat(short_.articleNumber()).isEqualTo(8);
        assertThat(short_.reason()).contains("fields");
        String huge = "9\t" + "s".repeat(500);
        assertThat(OverviewParser.parse(huge, INN).problem().line()).hasSizeLessThanOrEqualTo(201);
    }

    @Test
    void aFullFieldWithoutItsNameIsTakenAsIs() {
        OverviewParser.Parsed p = OverviewParser.parse("1\ts\tf\td\t<1@x>\t\t10\t1\thost g:1", INN);
        assertThat(p.header().xref()).isEqualTo("host g:1");
    }

    @Test
    void anEmptyFormatListIsTheDefault() {
        assertThat(OverviewFormat.of(List.of("", " "))).isSameAs(OverviewFormat.DEFAULT);
    }
}
