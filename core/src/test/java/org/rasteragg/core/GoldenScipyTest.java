package org.rasteragg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rasteragg.core.GoldenTestSupport.Chunking;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.testing.ExpectedTable;
import org.rasteragg.core.testing.GoldenCase;
import org.rasteragg.core.testing.StatTables;
import org.rasteragg.core.testing.TableAssertions;
import org.rasteragg.core.testing.Tolerance;

/**
 * The engine against numpy/scipy float64 results (core/src/test/resources/golden/scipy, written
 * by tools/fixtures/core/make_core_fixtures.py) at SEMANTICS.md's tolerance, on three chunkings
 * (mask and image grids differ in two), including the numerically hard cases and harpy's sentinels
 * for absent labels.
 */
class GoldenScipyTest {

    static {
        org.rasteragg.core.testing.QuietLogs.install();
    }

    static Stream<Arguments> tables() {
        return GoldenCase.tableArguments(GoldenCase.scipy());
    }

    @ParameterizedTest(name = "{0} {1} index={2}")
    @MethodSource("tables")
    void equalsScipyOnEveryChunking(GoldenCase c, String table, String index) {
        ExpectedTable want = ExpectedTable.fromCsv(c.csv(table, index));
        boolean hasImage = c.image() != null;
        for (Chunking ch : Chunking.values()) {
            RasterAggregator agg = GoldenTestSupport.aggregator(c, ch, 2);
            StatTable got = StatTables.compute(agg, table, c.index(index), hasImage);
            TableAssertions.assertTableMatches(StatTables.of(got), want, Tolerance.FLOAT64_REFERENCE,
                    c + " " + GoldenCase.fileName(table, index) + " " + ch);
            if (table.equals("min") || table.equals("max")) {
                for (int i = 0; i < got.columns().size() - 1; i++) {
                    assertThat(((DoubleColumn) got.columns().get(i)).valueType()).as("min/max value type")
                            .isEqualTo(c.image().dtype());
                }
            }
        }
    }
}
