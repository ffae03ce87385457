package org.ixp.nntp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided (Jazzer): any overview line under any LIST OVERVIEW.FMT answer is either a header or a problem that
 * names its article — never an exception, so one bad line never stops the rest of an OVER range.
 */
class OverviewParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void everyLineIsAHeaderOrAProblem(FuzzedDataProvider data) {
        OverviewFormat format = OverviewFormat.DEFAULT;
        if (data.consumeBoolean()) {
            List<String> fmt = new ArrayList<>();
            for (int i = data.consumeInt(0, 10); i > 0; i--) {
                fmt.add(data.consumeString(24));
            }
            try {
                format = OverviewFormat.of(fmt);
            } catch (org.ixp.IxpException refused) {
                return; // a format the parser cannot use is refused with a code, before any line
            }
        }
        String line = data.consumeRemainingAsString();
        OverviewParser.Parsed p = OverviewParser.parse(line, format);
        assertThat(p).isNotNull();
        assertThat(p.header() == null).as("exactly one of header and problem").isNotEqualTo(p.problem() == null);
        if (p.header() != null) {
            assertThat(p.header().toString()).isNotNull();
        } else {
            assertThat(p.problem().toString()).isNotNull();
        }
    }
}
