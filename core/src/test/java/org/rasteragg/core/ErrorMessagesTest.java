package org.rasteragg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;

/** One test per error SEMANTICS.md names: the type (InvalidInputException, an IllegalArgumentException) and the message. */
class ErrorMessagesTest {

    static {
        org.rasteragg.core.testing.QuietLogs.install();
    }

    private static InMemoryArray mask(long... shape) {
        int n = (int) (shape[0] * shape[1] * shape[2]);
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = i % 3;
        }
        return new InMemoryArray(DType.INT32, d, shape, new int[] {1, 2, 2});
    }

    private static InMemoryArray image(long... shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        return new InMemoryArray(DType.UINT16, new short[n], shape, new int[] {1, 1, 2, 2});
    }

    @Test
    void floatMaskIsRejected() {
        InMemoryArray floatMask = new InMemoryArray(DType.FLOAT32, new float[8], new long[] {2, 2, 2}, new int[] {1, 2, 2});
        assertThatThrownBy(() -> RasterAggregator.builder().mask(floatMask).build())
                .isInstanceOf(InvalidInputException.class).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integer").hasMessageContaining("float32");
        InMemoryArray doubleMask = new InMemoryArray(DType.FLOAT64, new double[4], new long[] {2, 2}, new int[] {2, 2});
        assertThatThrownBy(() -> RasterAggregator.builder().mask(doubleMask).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("float64");
    }

    @Test
    void maskNot3dIsRejected() {
        InMemoryArray m4 = new InMemoryArray(DType.UINT8, new byte[16], new long[] {2, 2, 2, 2}, new int[] {1, 1, 2, 2});
        assertThatThrownBy(() -> RasterAggregator.builder().mask(m4).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("3D").hasMessageContaining("[2, 2, 2, 2]");
        InMemoryArray m1 = new InMemoryArray(DType.UINT8, new byte[5], new long[] {5}, new int[] {5});
        assertThatThrownBy(() -> RasterAggregator.builder().mask(m1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("3D").hasMessageContaining("[5]");
    }

    @Test
    void missingMaskIsRejected() {
        assertThatThrownBy(() -> RasterAggregator.builder().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mask");
    }

    @Test
    void imageNot4dIsRejected() {
        InMemoryArray img3 = new InMemoryArray(DType.UINT16, new short[24], new long[] {2, 3, 4}, new int[] {1, 2, 2});
        assertThatThrownBy(() -> RasterAggregator.builder().mask(mask(2, 3, 4)).image(img3).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4D").hasMessageContaining("[2, 3, 4]");
        InMemoryArray img5 = new InMemoryArray(DType.UINT16, new short[24], new long[] {1, 1, 2, 3, 4}, new int[] {1, 1, 1, 2, 2});
        assertThatThrownBy(() -> RasterAggregator.builder().mask(mask(2, 3, 4)).image(img5).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4D").hasMessageContaining("[1, 1, 2, 3, 4]");
    }

    @Test
    void shapeMismatchShowsBothShapes() {
        assertThatThrownBy(() -> RasterAggregator.builder().mask(mask(2, 3, 4)).image(image(3, 2, 3, 5)).build())
                .isInstanceOf(InvalidInputException.class).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[2, 3, 4]").hasMessageContaining("[2, 3, 5]");
        assertThatThrownBy(() -> RasterAggregator.builder().mask(mask(2, 3, 4)).image(image(1, 1, 3, 4)).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("[2, 3, 4]").hasMessageContaining("[1, 3, 4]");
    }

    @Test
    void matchingShapesAreAccepted() {
        RasterAggregator agg = RasterAggregator.builder().mask(mask(2, 3, 4)).image(image(3, 2, 3, 4)).build();
        assertThat(agg.aggregateArea().rowCount()).isEqualTo(3);
    }

    @Test
    void unknownStatisticNamesTheValidOnes() {
        RasterAggregator agg = RasterAggregator.builder().mask(mask(2, 3, 4)).image(image(1, 2, 3, 4)).build();
        assertThatThrownBy(() -> agg.aggregateStats(List.of("mean", "mode"), null))
                .isInstanceOf(InvalidInputException.class).isInstanceOf(UnknownStatisticException.class)
                .hasMessageContaining("mode").hasMessageContaining("median")
                .hasMessageContaining("sum").hasMessageContaining("mean").hasMessageContaining("count")
                .hasMessageContaining("var").hasMessageContaining("kurtosis").hasMessageContaining("skew");
        // harpy's aggregate_stats does not take min/max/area: those have their own methods
        assertThatThrownBy(() -> agg.aggregateStats(List.of("max"), null)).isInstanceOf(UnknownStatisticException.class);
    }

    @Test
    void duplicateIndexLabelsAreRejected() {
        RasterAggregator agg = RasterAggregator.builder().mask(mask(2, 3, 4)).image(image(1, 2, 3, 4)).build();
        long[] dup = {2, -5, 2};
        assertThatThrownBy(() -> agg.aggregateSum(dup)).isInstanceOf(InvalidInputException.class)
                .isInstanceOf(DuplicateLabelException.class).hasMessageContaining("2");
        assertThatThrownBy(() -> agg.aggregateStats(List.of("count"), dup)).isInstanceOf(DuplicateLabelException.class);
        assertThatThrownBy(() -> agg.aggregateArea(new long[] {-5, 7, -5})).isInstanceOf(DuplicateLabelException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> agg.centerOfMass(new long[] {0, 0})).isInstanceOf(DuplicateLabelException.class);
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 3})
    void uint64LabelAbove2to63IsRejected(int threads) {
        long[] labels = new long[12];
        labels[7] = -1L; // 2^64 - 1 as uint64
        labels[3] = Long.MAX_VALUE; // 2^63 - 1 is fine
        InMemoryArray m = new InMemoryArray(DType.UINT64, labels, new long[] {1, 3, 4}, new int[] {1, 2, 2});
        RasterAggregator agg = RasterAggregator.builder().mask(m).threads(threads).build();
        assertThatThrownBy(agg::aggregateArea).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("18446744073709551615").hasMessageContaining("2^63");
        long[] ok = new long[12];
        ok[3] = Long.MAX_VALUE;
        RasterAggregator fine = RasterAggregator.builder()
                .mask(new InMemoryArray(DType.UINT64, ok, new long[] {1, 3, 4}, new int[] {1, 2, 2})).build();
        assertThat(fine.aggregateArea().longs("cell_ID")).containsExactly(0, Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 3})
    void nanImageValueIsAnError(int threads) {
        double[] img = new double[24];
        img[17] = Double.NaN;
        InMemoryArray image = new InMemoryArray(DType.FLOAT64, img, new long[] {1, 2, 3, 4}, new int[] {1, 1, 2, 2});
        RasterAggregator agg = RasterAggregator.builder().mask(mask(2, 3, 4)).image(image).threads(threads).build();
        assertThatThrownBy(agg::aggregateMean).isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
        // the mask-only statistics do not read the image
        assertThat(agg.aggregateArea().rowCount()).isEqualTo(3);
    }

    @Test
    void imageStatisticWithoutImageIsRejected() {
        RasterAggregator agg = RasterAggregator.builder().mask(mask(2, 3, 4)).build();
        assertThatThrownBy(agg::aggregateMean).isInstanceOf(InvalidInputException.class).hasMessageContaining("image");
        assertThat(agg.aggregateArea().rowCount()).isEqualTo(3);
    }

    @Test
    void nonPositiveThreadCountIsRejected() {
        assertThatThrownBy(() -> RasterAggregator.builder().mask(mask(2, 3, 4)).threads(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}
