package org.ixp.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of {@link RangeList}: the contract's IRangeList examples ("10-20,31,44,50-65") and IMAP strings. */
class RangeListTest {
    private RangeList list;

    @BeforeEach
    void contractExample() {
        list = new RangeList();
        list.addRange(10, 20);
        list.addSingleValue(31);
        list.addSingleValue(44);
        list.addRange(50, 65);
    }

    @Test
    void contractExamples() {
        assertThat(list.toImapString()).isEqualTo("10:20,31,44,50:65");
        assertThat(list.rangeToIMAPString()).isEqualTo("10:20,31,44,50:65");
        assertThat(list.min()).isEqualTo(10);
        assertThat(list.max()).isEqualTo(65);
        assertThat(list.next(31)).isEqualTo(44);
        assertThat(list.prev(31)).isEqualTo(20);
        assertThat(list.cardinality()).isEqualTo(29);
        assertThat(list.cardinalityFrom(43)).isEqualTo(17);
        assertThat(list.isInRange(44)).isTrue();
        assertThat(list.isInRange(45)).isFalse();
        assertThat(list.isUid()).isFalse();
    }

    @Test
    void minAndMaxOfRange() {
        RangeList l = RangeList.parse("10:20,30,40:50", false);
        assertThat(l.minOfRange(45)).isEqualTo(40);
        assertThat(l.maxOfRange(15)).isEqualTo(20);
        assertThat(l.minOfRange(30)).isEqualTo(30);
        assertThat(l.maxOfRange(25)).isEqualTo(RangeList.RANGE_ERROR);
        assertThat(l.minOfRange(5)).isEqualTo(RangeList.RANGE_ERROR);
    }

    @Test
    void nextAndPrevAtTheEdges() {
        assertThat(list.next(12)).isEqualTo(13);
        assertThat(list.next(65)).isEqualTo(RangeList.RANGE_ERROR);
        assertThat(list.next(0)).isEqualTo(10);
        assertThat(list.prev(10)).isEqualTo(RangeList.RANGE_ERROR);
        assertThat(list.prev(1000)).isEqualTo(65);
        assertThat(list.prev(55)).isEqualTo(54);
        assertThat(new RangeList().next(1)).isEqualTo(RangeList.RANGE_ERROR);
        assertThat(new RangeList().min()).isEqualTo(RangeList.RANGE_ERROR);
        assertThat(new RangeList().max()).isEqualTo(RangeList.RANGE_ERROR);
    }

    @Test
    void cardinalityFromEveryWhere() {
        assertThat(list.cardinalityFrom(0)).isEqualTo(29);
        assertThat(list.cardinalityFrom(9)).isEqualTo(29);
        assertThat(list.cardinalityFrom(10)).isEqualTo(28);
        assertThat(list.cardinalityFrom(15)).isEqualTo(23);
        assertThat(list.cardinalityFrom(65)).isZero();
    }

    @Test
    void addingMergesAdjacentAndOverlappingRanges() {
        list.addRange(21, 30);
        assertThat(list.toImapString()).isEqualTo("10:31,44,50:65");
        list.addRange(40, 70);
        assertThat(list.toImapString()).isEqualTo("10:31,40:70");
        list.addRange(1, 100);
        assertThat(list.toImapString()).isEqualTo("1:100");
        list.addSingleValue(50);
        assertThat(list.toImapString()).isEqualTo("1:100");
    }

    @Test
    void deleting() {
        list.deleteRange(15, 18);
        assertThat(list.toImapString()).isEqualTo("10:14,19:20,31,44,50:65");
        list.deleteSingleValue(31);
        assertThat(list.toImapString()).isEqualTo("10:14,19:20,44,50:65");
        list.deleteRange(12, 55);
        assertThat(list.toImapString()).isEqualTo("10:11,56:65");
        list.deleteRange(1, 1000);
        assertThat(list.isEmpty()).isTrue();
        assertThatThrownBy(() -> list.deleteSingleValue(3)).isInstanceOf(IxpException.class)
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.E_INVALIDARG);
    }

    @Test
    void starIsLastMessage() {
        RangeList l = new RangeList(true);
        l.addRange(10, RangeList.LAST_MESSAGE);
        l.addRange(1, 5);
        l.addSingleValue(7);
        assertThat(l.toImapString()).isEqualTo("1:5,7,10:*");
        assertThat(l.isUid()).isTrue();
        assertThat(l.toString()).isEqualTo("UID 1:5,7,10:*");
        RangeList star = new RangeList();
        star.addSingleValue(RangeList.LAST_MESSAGE);
        assertThat(star.toImapString()).isEqualTo("*");
    }

    @Test
    void parse() {
        assertThat(RangeList.parse("1:5,7,10:*", false).toImapString()).isEqualTo("1:5,7,10:*");
        assertThat(RangeList.parse("5:1", false).toImapString()).isEqualTo("1:5");
        assertThat(RangeList.parse("3,1,2,9:7", true).toImapString()).isEqualTo("1:3,7:9");
        assertThat(RangeList.parse("304,319:320", true).cardinality()).isEqualTo(3);
        assertThat(RangeList.parse("4294967295", true).max()).isEqualTo(4294967295L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "1,", ",1", "1::2", "a", "1:b", "4294967296", "-1", "1 2", "99999999999999999999"})
    void parseRefusesNonSets(String s) {
        assertThatThrownBy(() -> RangeList.parse(s, false)).isInstanceOf(IxpException.class)
                .extracting(e -> ((IxpException) e).code()).isEqualTo(IxpCode.E_INVALIDARG);
    }

    @Test
    void invalidArguments() {
        RangeList l = new RangeList();
        assertThatThrownBy(() -> l.addSingleValue(0)).isInstanceOf(IxpException.class);
        assertThatThrownBy(() -> l.addRange(5, 1)).isInstanceOf(IxpException.class);
        assertThatThrownBy(() -> l.addSingleValue(1L << 32)).isInstanceOf(IxpException.class);
        assertThatThrownBy(l::toImapString).isInstanceOf(IxpException.class);
        assertThat(l.toString()).isEqualTo("(empty)");
    }

    @Test
    void saveAndLoad() {
        RangeList copy = new RangeList();
        copy.load(list.save());
        assertThat(copy).isEqualTo(list);
        copy.clear();
        assertThat(copy.isEmpty()).isTrue();
        assertThat(copy.cardinality()).isZero();
        RangeList star = RangeList.parse("7:*", false);
        copy.load(star.save());
        assertThat(copy.toImapString()).isEqualTo("7:*");
        assertThatThrownBy(() -> copy.load(new byte[] {1, 2, 3})).isInstanceOf(IxpException.class);
        byte[] bad = list.save();
        java.util.Arrays.fill(bad, bad.length - 8, bad.length - 4, (byte) 0); // last range starts at 0
        assertThatThrownBy(() -> copy.load(bad)).isInstanceOf(IxpException.class);
        assertThat(copy.toImapString()).as("unchanged after a failed load").isEqualTo("7:*");
    }

    @Test
    void rangeListsAddAndDelete() {
        RangeList other = RangeList.parse("1:3,15:40", false);
        RangeList sum = new RangeList();
        sum.addRangeList(list);
        sum.addRangeList(other);
        assertThat(sum.toImapString()).isEqualTo("1:3,10:40,44,50:65");
        sum.deleteRangeList(other);
        assertThat(sum.toImapString()).isEqualTo("10:14,44,50:65");
        assertThat(sum.ranges()).first().isEqualTo(new RangeList.Range(10, 14));
    }
}
