package org.rasteragg.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.synthetic.SyntheticTissue;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.testing.GoldenCase;
import org.rasteragg.core.testing.Npy;
import org.rasteragg.core.testing.Oracle;

/**
 * The GPU engine's host pipeline (decode, slot mapping, exact power sums to moments) on the Java
 * emulation of the kernel, against the CPU engine and the float64 oracle.
 */
class GpuEngineEmulationTest {

    private static final Set<Statistic> ALL = Statistic.all();

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void syntheticTissueWithMisalignedChunksMatchesTheCpuEngine(int threads) {
        SyntheticTissue t = new SyntheticTissue(new long[] {5, 70, 90}, 60, 3, 7);
        ChunkedArray mask = t.labels(new int[] {2, 32, 40});
        ChunkedArray image = t.image(new int[] {2, 3, 24, 50});
        EngineComparison.assertSame(EngineComparison.emulated(mask, image, ALL, threads),
                EngineComparison.cpu(mask, image, ALL, threads), "synthetic");
    }

    /** Each moment order (0 with min/max, 1, 2, 4) keeps its own number of power sums. */
    @ParameterizedTest
    @ValueSource(strings = {"min,max", "sum", "mean,count", "var", "skew,center", "kurtosis,min"})
    void everySubsetOfStatisticsMatchesTheCpuEngine(String names) {
        Set<Statistic> stats = EnumSet.noneOf(Statistic.class);
        for (String n : names.split(",")) {
            stats.add(Statistic.fromName(n));
        }
        SyntheticTissue t = new SyntheticTissue(new long[] {3, 60, 80}, 70, 2, 13);
        ChunkedArray mask = t.labels(new int[] {3, 30, 80});
        ChunkedArray image = t.image(new int[] {1, 2, 60, 40});
        EngineComparison.assertSame(EngineComparison.emulated(mask, image, stats, 2),
                EngineComparison.cpu(mask, image, stats, 2), names);
    }

    @Test
    void maskOnlyStatisticsMatchTheCpuEngine() {
        SyntheticTissue t = new SyntheticTissue(new long[] {1, 200, 150}, 90, 1, 3);
        ChunkedArray mask = t.labels(new int[] {1, 64, 64});
        Set<Statistic> stats = EnumSet.of(Statistic.COUNT, Statistic.CENTER);
        EngineComparison.assertSame(EngineComparison.emulated(mask, null, stats, 2),
                EngineComparison.cpu(mask, null, stats, 2), "mask only");
    }

    /** Full-scale uint16 values: each run's v^4 sums pass 2^64, so the 128-bit carries are exercised. */
    @Test
    void extremeUint16ValuesCarryInto128BitSumsExactly() {
        int z = 2;
        int y = 40;
        int x = 64;
        long[] labels = new long[z * y * x];
        short[] image = new short[2 * labels.length];
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i / 7) % 5 + 1;
            image[i] = (short) (65535 - random.nextInt(3));
            image[labels.length + i] = (short) random.nextInt(65536);
        }
        ChunkedArray mask = new InMemoryArray(DType.INT64, labels, new long[] {z, y, x}, new int[] {1, 16, 64});
        ChunkedArray img = new InMemoryArray(DType.UINT16, image, new long[] {2, z, y, x}, new int[] {2, 2, 40, 32});
        AggregationResult gpu = EngineComparison.emulated(mask, img, ALL, 2);
        EngineComparison.assertSame(gpu, EngineComparison.cpu(mask, img, ALL, 2), "extreme uint16");
        Oracle.Result o = Oracle.compute(labels, new long[] {z, y, x}, image, DType.UINT16, 2, null);
        for (int r = 0; r < o.labels().length; r++) {
            for (int c = 0; c < 2; c++) {
                assertThat(gpu.values(Statistic.SUM, c)[r]).isEqualTo(o.sum()[r][c]);
                assertThat(gpu.values(Statistic.VAR, c)[r]).isCloseTo(o.var()[r][c],
                        org.assertj.core.data.Offset.offset(1e-12 * o.var()[r][c]));
                assertThat(gpu.values(Statistic.KURTOSIS, c)[r]).isCloseTo(o.kurtosis()[r][c],
                        org.assertj.core.data.Offset.offset(1e-10));
            }
        }
    }

    @Test
    void signedEightBitImagesMatchTheCpuEngine() {
        SyntheticTissue t = new SyntheticTissue(new long[] {3, 50, 60}, 40, 2, 5);
        ChunkedArray mask = t.labels(new int[] {3, 25, 30});
        int n = 3 * 50 * 60;
        byte[] values = new byte[2 * n];
        new java.util.Random(2).nextBytes(values);
        ChunkedArray image = new InMemoryArray(DType.INT8, values, new long[] {2, 3, 50, 60}, new int[] {1, 3, 50, 20});
        EngineComparison.assertSame(EngineComparison.emulated(mask, image, ALL, 2),
                EngineComparison.cpu(mask, image, ALL, 2), "int8");
    }

    /** The committed golden cases with images the GPU takes, against the CPU engine. */
    @ParameterizedTest
    @ValueSource(strings = {"scipy/uint16_60000", "scipy/uint8_image", "harpy/uint16_3d"})
    void goldenCasesMatchTheCpuEngine(String name) {
        String[] parts = name.split("/");
        GoldenCase g = new GoldenCase(parts[0], parts[1]);
        Npy.Parsed m = g.mask();
        Npy.Parsed i = g.image();
        assertThat(i).as(name + " has an image").isNotNull();
        assertThat(CudaAcceleratorProvider.IMAGE_TYPES).as(name + " image dtype").contains(i.dtype());
        ChunkedArray mask = m.unchunked();
        ChunkedArray image = i.unchunked();
        if (mask.ndim() == 2) {
            mask = org.rasteragg.core.array.ChunkedArrays.maskAsZyx(mask);
            image = org.rasteragg.core.array.ChunkedArrays.imageAsCzyx(image);
        }
        EngineComparison.assertSame(EngineComparison.emulated(mask, image, ALL, 2),
                EngineComparison.cpu(mask, image, ALL, 2), name);
    }

    @Test
    void uint64LabelsAbove2To63AreRefusedWithThePosition() {
        long[] labels = {1, 2, -5, 2};
        ChunkedArray mask = InMemoryArray.unchunked(DType.UINT64, labels, 1, 2, 2);
        assertThatThrownBy(() -> EngineComparison.emulated(mask, null, EnumSet.of(Statistic.COUNT), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("uint64 label 18446744073709551611 at (z, y, x) = (0, 1, 0)");
    }

    /**
     * The background of a 2048^2 tissue has 919617 voxels: the exact power sums give its variance
     * correctly rounded and its kurtosis within 1e-14 of the exact reference.
     */
    @Test
    void aLabelOfAMillionVoxelsIsExactWhereTheCpuEngineIsNot() {
        SyntheticTissue t = new SyntheticTissue(new long[] {1, 2048, 2048}, 180, 3, 1);
        ChunkedArray mask = t.labels(new int[] {1, 2048, 2048});
        ChunkedArray image = t.image(new int[] {3, 1, 2048, 2048});
        Set<Statistic> var = EnumSet.of(Statistic.VAR, Statistic.KURTOSIS);
        AggregationResult gpu = EngineComparison.emulated(mask, image, var, 2);
        AggregationResult cpu = EngineComparison.cpu(mask, image, var, 2);
        assertThat(gpu.labels()[0]).isZero();
        var exact = ExactReference.powerSums(mask, image, Set.of(0L)).get(0L);
        assertThat(exact[2][0].longValue()).isEqualTo(919617);
        for (int c = 0; c < 3; c++) {
            double v = ExactReference.statistic(Statistic.VAR, exact[c]);
            assertThat(gpu.values(Statistic.VAR, c)[0]).as("var channel " + c).isCloseTo(v,
                    org.assertj.core.data.Offset.offset(2 * Math.ulp(v)));
            double k = ExactReference.statistic(Statistic.KURTOSIS, exact[c]);
            assertThat(gpu.values(Statistic.KURTOSIS, c)[0]).as("kurtosis channel " + c).isCloseTo(k,
                    org.assertj.core.data.Offset.offset(1e-14));
        }
        // Today the CPU engine is 1.3e-12 off here: the device check referees such rows by the exact
        // value. Only the big label may differ (an improved CPU engine may leave none).
        assertThat(ResultDiff.of(gpu, cpu).suspects()).allMatch(s -> s.label() == 0);
    }

    @Test
    void progressIsToldAfterEveryBlockInOrder() {
        SyntheticTissue t = new SyntheticTissue(new long[] {2, 64, 64}, 50, 1, 8);
        ChunkedArray mask = t.labels(new int[] {1, 32, 32});
        java.util.List<long[]> calls = new java.util.ArrayList<>();
        org.rasteragg.core.state.Features f = new org.rasteragg.core.state.Features(0, false, false);
        GpuEngine.Run run = GpuEngine.run(mask, null, f, org.rasteragg.core.engine.EngineOptions.defaults().withThreads(2)
                .withProgress((done, total, bytes) -> calls.add(new long[] {done, total})),
                ch -> new EmulatedReducer(ch, 0, false, false, null));
        assertThat(run.blocks()).isEqualTo(8);
        assertThat(calls).extracting(c -> c[0]).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(calls).allMatch(c -> c[1] == 8);
    }

    @Test
    void theStagingWindowKeepsToAQuarterOfTheHeap() {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        assertThat(GpuEngine.windowSize(16, 1 << 20)).isEqualTo((int) Math.min(32, quarter / (1 << 20)));
        assertThat(GpuEngine.windowSize(16, quarter / 3)).isEqualTo(3);
        assertThat(GpuEngine.windowSize(16, quarter * 10)).isEqualTo(2);
    }
}
