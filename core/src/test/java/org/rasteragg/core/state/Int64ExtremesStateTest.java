package org.rasteragg.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.plan.BlockPlan;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;

/**
 * Issue 12: the exact min and max of int64 and uint64 images travel through the state: block
 * partials, merges of partial states (in any grouping), splits by label hash, copies and the binary
 * form (version 3, only for such images). The expected values are a plain loop over the voxels
 * (Long.compare / Long.compareUnsigned), and labels whose voxels are built around the values that
 * float64 cannot hold (2^53 + 1 next to 5, 2^63 - 1, -2^63, 2^64 - 1, 2^63).
 */
class Int64ExtremesStateTest {

    private static final Features MIN_MAX = Features.of(EnumSet.of(Statistic.MIN, Statistic.MAX, Statistic.MEAN));
    static final int Y = 9;
    static final int X = 11;

    private record Data(InMemoryArray mask, InMemoryArray image, BlockPlan plan, long[] labels, long[] values) {
    }

    /** Labels 1..4 at random, two channels; label 1 gets {@code a} and 5, label 2 {@code b}, label 3 only {@code c}. */
    private static Data data(DType type, long a, long b, long c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] labels = new long[Y * X];
        long[] values = new long[2 * Y * X];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 1 + r.nextInt(4);
            values[i] = labels[i] == 3 ? c : 5 + r.nextInt(3);
            values[Y * X + i] = type == DType.UINT64 ? r.nextLong() : r.nextLong() >> r.nextInt(64);
        }
        labels[0] = 1;
        values[0] = a;
        labels[labels.length - 1] = 2;
        values[labels.length - 1] = b;
        InMemoryArray mask = new InMemoryArray(DType.INT64, labels, new long[] {1, Y, X}, new int[] {1, 4, 3});
        InMemoryArray image = new InMemoryArray(type, values, new long[] {2, 1, Y, X}, new int[] {1, 1, 5, 4});
        return new Data(mask, image, new BlockPlan(mask.grid(), image.grid()), labels, values);
    }

    /** Min or max per label (index = label) and channel by a plain loop. */
    private static long expected(Data d, boolean unsigned, boolean max, long label, int channel) {
        Long best = null;
        for (int i = 0; i < d.labels().length; i++) {
            if (d.labels()[i] != label) {
                continue;
            }
            long v = d.values()[channel * Y * X + i];
            int cmp = best == null ? 1 : unsigned ? Long.compareUnsigned(v, best) : Long.compare(v, best);
            if (best == null || (max ? cmp > 0 : cmp < 0)) {
                best = v;
            }
        }
        return best;
    }

    private static LabelState range(Data d, long from, long to) {
        return AggregationEngine.run(d.mask(), d.image(), MIN_MAX, d.plan(), from, to,
                EngineOptions.defaults().withThreads(2));
    }

    private static void assertExact(LabelState s, Data d, boolean unsigned) {
        assertThat(s.hasInt64Extremes()).isTrue();
        long[] min = new long[s.size() * 2];
        long[] max = new long[s.size() * 2];
        s.copyInt64(LabelState.Part.MIN, 0, s.size(), min);
        s.copyInt64(LabelState.Part.MAX, 0, s.size(), max);
        for (int slot = 0; slot < s.size(); slot++) {
            for (int c = 0; c < 2; c++) {
                long label = s.label(slot);
                assertThat(min[slot * 2 + c]).as("min of label " + label + " channel " + c)
                        .isEqualTo(expected(d, unsigned, false, label, c));
                assertThat(max[slot * 2 + c]).as("max of label " + label + " channel " + c)
                        .isEqualTo(expected(d, unsigned, true, label, c));
            }
        }
    }

    private void checkThroughState(DType type, long a, long b, long c) {
        boolean unsigned = type == DType.UINT64;
        for (long seed = 0; seed < 4; seed++) {
            Data d = data(type, a, b, c, seed);
            long n = d.plan().blockCount();
            LabelState whole = range(d, 0, n);
            assertExact(whole, d, unsigned);
            // partial states of block ranges, merged in two groupings
            LabelState left = range(d, 0, n / 3);
            LabelState middle = range(d, n / 3, 2 * n / 3);
            LabelState right = range(d, 2 * n / 3, n);
            assertExact(LabelStateMerger.merge(LabelStateMerger.merge(left, middle), right), d, unsigned);
            assertExact(LabelStateMerger.merge(left, LabelStateMerger.merge(middle, right)), d, unsigned);
            // the binary form, a copy, and the parts of a split merged again
            LabelState back = LabelStateSerde.fromBytes(LabelStateSerde.toBytes(whole));
            assertExact(back, d, unsigned);
            assertThat(LabelStateSerde.toBytes(back)).isEqualTo(LabelStateSerde.toBytes(whole));
            assertExact(whole.copy(), d, unsigned);
            LabelState rejoined = new LabelState(MIN_MAX, 2);
            for (LabelState part : whole.splitByLabelHash(3)) {
                rejoined.addAll(LabelStateSerde.fromBytes(LabelStateSerde.toBytes(part)));
            }
            assertExact(rejoined, d, unsigned);
        }
    }

    @Test
    void int64ExtremesAreExactThroughMergesSplitsAndBytes() {
        checkThroughState(DType.INT64, (1L << 53) + 1, Long.MIN_VALUE, Long.MAX_VALUE);
        checkThroughState(DType.INT64, Long.MAX_VALUE, -((1L << 53) + 1), Long.MIN_VALUE + 1);
    }

    @Test
    void uint64ExtremesAreExactAndUnsigned() {
        checkThroughState(DType.UINT64, -1L /* 2^64 - 1 */, Long.MIN_VALUE /* 2^63 */, (1L << 53) + 1);
        checkThroughState(DType.UINT64, 0, -2L, Long.MIN_VALUE + 1);
    }

    @Test
    void resultColumnsAreExactTypedAndAbsentLabelsGetTheDtypeSentinels() {
        for (DType type : new DType[] {DType.INT64, DType.UINT64}) {
            boolean unsigned = type == DType.UINT64;
            Data d = data(type, (1L << 53) + 1, unsigned ? -1L : Long.MIN_VALUE, unsigned ? Long.MIN_VALUE : -7, 1);
            LabelState s = range(d, 0, d.plan().blockCount());
            AggregationResult r = AggregationResult.computeAndRelease(s, EnumSet.of(Statistic.MIN, Statistic.MAX),
                    new long[] {3, 1, 99, 2}, type, "cell_ID", "shapeSize");
            StatTable t = r.wideTable(java.util.List.of("a", "b"));
            LongColumn max = (LongColumn) t.column("max_a");
            LongColumn min = (LongColumn) t.column("min_a");
            assertThat(max.valueType()).isEqualTo(type);
            // label 1 holds 2^53 + 1 and values 5..7: float64 would give 9007199254740992
            assertThat(max.values()[1]).isEqualTo((1L << 53) + 1);
            assertThat(max.format(1)).isEqualTo("9007199254740993");
            assertThat(min.values()[1]).isEqualTo(5);
            assertThat(min.values()[0]).isEqualTo(max.values()[0]).isEqualTo(expected(d, unsigned, true, 3, 0));
            // label 2 holds 2^64 - 1 (uint64: its max) or -2^63 (int64: its min)
            assertThat((unsigned ? max : min).format(3))
                    .isEqualTo(unsigned ? "18446744073709551615" : "-9223372036854775808");
            // label 99 has no voxels: min is the dtype's max, max its min
            assertThat(min.format(2)).isEqualTo(unsigned ? "18446744073709551615" : "9223372036854775807");
            assertThat(max.format(2)).isEqualTo(unsigned ? "0" : "-9223372036854775808");
            assertThat(t.toCsv()).contains(unsigned ? "18446744073709551615" : "-9223372036854775808")
                    .doesNotContain("E18").doesNotContain("E19");
        }
    }

    @Test
    void otherImagesKeepTheirBinaryFormAndStatesOfDifferentDtypesDoNotMerge() {
        Data int64 = data(DType.INT64, 1, 2, 3, 0);
        LabelState exact = range(int64, 0, int64.plan().blockCount());
        assertThat(LabelStateSerde.toBytes(exact)[4]).isEqualTo((byte) 3);
        InMemoryArray floats = new InMemoryArray(DType.FLOAT64, new double[2 * Y * X], new long[] {2, 1, Y, X},
                new int[] {1, 1, 5, 4});
        LabelState plain = AggregationEngine.run(int64.mask(), floats, MIN_MAX, new BlockPlan(int64.mask().grid(),
                floats.grid()), 0, int64.plan().blockCount(), EngineOptions.defaults().withThreads(1));
        assertThat(plain.hasInt64Extremes()).isFalse();
        assertThat(LabelStateSerde.toBytes(plain)[4]).isEqualTo((byte) 1);
        assertThatThrownBy(() -> LabelStateMerger.merge(exact, plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different dtypes");
        Data uint64 = data(DType.UINT64, 1, 2, 3, 0);
        LabelState unsigned = range(uint64, 0, uint64.plan().blockCount());
        assertThat(LabelStateSerde.toBytes(unsigned)[6] & 64).isEqualTo(64);
        assertThatThrownBy(() -> LabelStateMerger.merge(exact, unsigned)).hasMessageContaining("int64 and uint64");
        // an empty state (a bucket without labels) merges with either
        LabelState empty = new LabelState(MIN_MAX, 2);
        empty.addAll(unsigned);
        assertExact(empty, uint64, true);
    }
}
