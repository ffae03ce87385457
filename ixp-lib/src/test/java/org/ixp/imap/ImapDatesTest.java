package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of {@link ImapDates}: INTERNALDATE and the ENVELOPE's RFC 5322 dates, leniently. */
class ImapDatesTest {

    @Test
    void internalDate() {
        assertThat(ImapDates.internalDate("17-Jul-1996 02:44:25 -0700"))
                .isEqualTo(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)));
        assertThat(ImapDates.internalDate(" 1-Jan-2024 00:00:00 +0000"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(ImapDates.internalDate("31-Dec-2023 23:59:59 +0530"))
                .isEqualTo(OffsetDateTime.of(2023, 12, 31, 23, 59, 59, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(ImapDates.internalDate(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "32-Jan-2024 00:00:00 +0000", "1-Foo-2024 00:00:00 +0000",
            "1-Jan-2024 25:00:00 +0000", "1-Jan-2024 00:00:00 +9900", "1-Jan-2024 00:00:00"})
    void badInternalDatesAreNull(String s) {
        assertThat(ImapDates.internalDate(s)).isNull();
    }

    @Test
    void headerDates() {
        OffsetDateTime t = OffsetDateTime.of(1996, 7, 17, 2, 23, 25, 0, ZoneOffset.ofHours(-7));
        assertThat(ImapDates.headerDate("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)")).isEqualTo(t);
        assertThat(ImapDates.headerDate("17 Jul 1996 02:23:25 -0700")).isEqualTo(t);
        assertThat(ImapDates.headerDate("Wed, 17 Jul 1996 02:23:25 PDT")).isEqualTo(t);
        assertThat(ImapDates.headerDate("Wed,17 Jul 96 02:23:25 -0700")).isEqualTo(t);
        assertThat(ImapDates.headerDate("Mon, 7 Jan 2019 10:00 GMT"))
                .isEqualTo(OffsetDateTime.of(2019, 1, 7, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(ImapDates.headerDate("Mon, 7 Jan 2019 10:00:00"))
                .isEqualTo(OffsetDateTime.of(2019, 1, 7, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(ImapDates.headerDate("Thu, 1 Jan 2015 00:00:60 +0000")).isNotNull(); // leap second
        assertThat(ImapDates.headerDate("Tue, 1 Jan 2019 10:00:00 XYZ")).isNotNull(); // unknown zone as -0000
        assertThat(ImapDates.headerDate("yesterday")).isNull();
        assertThat(ImapDates.headerDate(null)).isNull();
    }

    @Test
    void headerDatesWithCommentsTabsAndStrayColons() {
        OffsetDateTime t = OffsetDateTime.of(1996, 7, 17, 2, 23, 25, 0, ZoneOffset.ofHours(-7));
        assertThat(ImapDates.headerDate("Wed, 17 Jul 1996 02:23:25 -0700(PDT)")).isEqualTo(t);
        assertThat(ImapDates.headerDate("(sent) Wed,\t17  Jul 1996\t02:23:25 -0700 (PDT) (more)")).isEqualTo(t);
        assertThat(ImapDates.headerDate("Wed, 17 July 1996 02:23:25 -0700")).isEqualTo(t);
        assertThat(ImapDates.headerDate("Mon, 7 Jan 2019 10:00: GMT"))
                .isEqualTo(OffsetDateTime.of(2019, 1, 7, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(ImapDates.headerDate("Mon, 7 Jan 2019 10:00:00:00 GMT")).isNull();
        assertThat(ImapDates.headerDate("Mon, 7 Jan 2019 10 GMT")).isNull();
        assertThat(ImapDates.headerDate("Mon, 7 Jan (unclosed 2019 10:00 GMT")).isNull();
        assertThat(ImapDates.headerDate("")).isNull();
        assertThat(ImapDates.internalDate("17-Jul-1996   02:44:25   -0700"))
                .isEqualTo(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)));
        assertThat(ImapDates.internalDate("17-Jul-1996 02:44:25 -0700 extra")).isNull();
    }
}
