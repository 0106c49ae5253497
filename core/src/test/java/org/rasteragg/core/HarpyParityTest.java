package org.rasteragg.core;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rasteragg.core.GoldenTestSupport.Chunking;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.testing.ExpectedTable;
import org.rasteragg.core.testing.GoldenCase;
import org.rasteragg.core.testing.GoldenCsv;
import org.rasteragg.core.testing.Npy;
import org.rasteragg.core.testing.StatTables;
import org.rasteragg.core.testing.TableAssertions;
import org.rasteragg.core.testing.Tolerance;

/**
 * Parity with harpy's own RasterAggregator outputs (core/src/test/resources/golden/harpy, copied
 * from /work/shared/golden/harpy): every CSV file, every column with its name, rows in order, at
 * the README's tolerance (relative 1e-5; absolute 1e-4 for skew and kurtosis; harpy keeps float32
 * partials). Run with harpy's own chunking (as its README gives it) and with ours.
 */
class HarpyParityTest {

    static {
        org.rasteragg.core.testing.QuietLogs.install();
    }

    /** The chunks each case was run with in harpy (README); image chunked like the mask, channel 1. */
    private static int[] harpyMaskChunks(String caseName) {
        return switch (caseName) {
            case "float32_2d" -> new int[] {1, 16, 16};
            case "mask_only" -> new int[] {1, 10, 10};
            case "uint16_3d" -> new int[] {2, 16, 20};
            default -> throw new IllegalArgumentException(caseName);
        };
    }

    static Stream<Arguments> tables() {
        return GoldenCase.tableArguments(GoldenCase.harpy());
    }

    @ParameterizedTest(name = "{0} {1} index={2}")
    @MethodSource("tables")
    void equalsHarpy(GoldenCase c, String table, String index) {
        ExpectedTable want = ExpectedTable.fromCsv(c.csv(table, index));
        String stat = GoldenCase.statisticOf(table);
        Tolerance tol = stat.equals("skew") || stat.equals("kurtosis") ? Tolerance.HARPY_MOMENTS : Tolerance.HARPY;
        boolean hasImage = c.image() != null;

        Npy.Parsed m = c.mask();
        Npy.Parsed i = c.image();
        int[] mc = harpyMaskChunks(c.name());
        ChunkedArray mask = m.chunked(mc);
        ChunkedArray image = i == null ? null : i.chunked(1, mc[0], mc[1], mc[2]);
        RasterAggregator harpyLike = RasterAggregator.builder().mask(mask).image(image).threads(1).build();
        StatTable got = StatTables.compute(harpyLike, table, c.index(index), hasImage);
        TableAssertions.assertTableMatches(StatTables.of(got), want, tol, c + " " + GoldenCase.fileName(table, index));
        // our CSV text, read back like harpy's file: same header, same rows, NaN as an empty field
        ExpectedTable csv = ExpectedTable.fromCsv(GoldenCsv.parse(got.toCsv(), "toCsv"));
        TableAssertions.assertTableMatches(csv, want, tol, c + " " + GoldenCase.fileName(table, index) + " toCsv");

        RasterAggregator mixed = GoldenTestSupport.aggregator(c, Chunking.MIXED, 3);
        StatTable got2 = StatTables.compute(mixed, table, c.index(index), hasImage);
        TableAssertions.assertTableMatches(StatTables.of(got2), want, tol,
                c + " " + GoldenCase.fileName(table, index) + " MIXED");
    }
}
