package org.ixp.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rows of the fault matrix where a server tries to make ixp hold a lot — a 10 MB line, a 2^31-byte literal
 * announced where only a line belongs, one announced as a FETCH body, absurd size claims — replayed in the capped-heap
 * surefire execution ({@code -Xmx64m}): each still ends with its code, never an OutOfMemoryError.
 */
class FaultLargeHeapTest {
    private static final EnumSet<Scenario> MEMORY = EnumSet.of(Scenario.LINE_OF_10_MB, Scenario.HUGE_SIZE_CLAIM,
            Scenario.HUGE_LITERAL_STREAMED);

    static List<FaultTable.Row> rows() {
        return FaultTable.rows().stream().filter(r -> MEMORY.contains(r.scenario())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void boundedAtACappedHeap(FaultTable.Row row) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run by the large-heap execution at -Xmx64m")
                .isLessThanOrEqualTo(80L << 20);
        FaultMatrixTest.play(row);
    }
}
