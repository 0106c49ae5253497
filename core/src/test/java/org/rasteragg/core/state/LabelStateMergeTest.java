package org.rasteragg.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.plan.BlockPlan;

/**
 * Label states merge associatively and without touching their inputs, survive their binary form
 * bit for bit, and refuse what would corrupt them.
 */
class LabelStateMergeTest {

    private static final Features ALL = Features.of(Statistic.all());

    private record Data(InMemoryArray mask, InMemoryArray image, BlockPlan plan) {
    }

    private static Data data(long seed) {
        Random r = new Random(seed);
        int z = 2;
        int y = 3 + r.nextInt(20);
        int x = 3 + r.nextInt(20);
        long[] labels = new long[z * y * x];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (r.nextInt(6) - 2) * (1L << 40);
        }
        double[] values = new double[2 * z * y * x];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1e6 + r.nextGaussian();
        }
        InMemoryArray mask = new InMemoryArray(DType.INT64, labels, new long[] {z, y, x},
                new int[] {1, 1 + r.nextInt(y), 1 + r.nextInt(x)});
        InMemoryArray image = new InMemoryArray(DType.FLOAT64, values, new long[] {2, z, y, x},
                new int[] {1, 1, 1 + r.nextInt(y), 1 + r.nextInt(x)});
        return new Data(mask, image, new BlockPlan(mask.grid(), image.grid()));
    }

    private static LabelState range(Data d, long from, long to) {
        return AggregationEngine.run(d.mask(), d.image(), ALL, d.plan(), from, to, EngineOptions.defaults().withThreads(1));
    }

    @Property(tries = 60)
    void mergingBlockRangesInAnyGroupingGivesTheWholeWithinRounding(@ForAll @IntRange(min = 0, max = 10_000) int seed) {
        Data d = data(seed);
        long n = d.plan().blockCount();
        long a = n / 3;
        long b = 2 * n / 3;
        LabelState whole = range(d, 0, n);
        LabelState left = LabelStateMerger.merge(LabelStateMerger.merge(range(d, 0, a), range(d, a, b)), range(d, b, n));
        LabelState right = LabelStateMerger.merge(range(d, 0, a), LabelStateMerger.merge(range(d, a, b), range(d, b, n)));
        assertSameWithinRounding(left, whole);
        assertSameWithinRounding(right, whole);
    }

    @Test
    void mergeLeavesItsInputsUntouched() {
        Data d = data(3);
        long n = d.plan().blockCount();
        LabelState a = range(d, 0, n / 2);
        LabelState b = range(d, n / 2, n);
        byte[] aBefore = LabelStateSerde.toBytes(a);
        byte[] bBefore = LabelStateSerde.toBytes(b);
        LabelStateMerger.merge(a, b);
        assertThat(LabelStateSerde.toBytes(a)).isEqualTo(aBefore);
        assertThat(LabelStateSerde.toBytes(b)).isEqualTo(bBefore);
    }

    @Test
    void mergingAStateWithItselfIsRefused() {
        LabelState a = range(data(4), 0, 1);
        assertThatThrownBy(() -> LabelStateMerger.merge(a, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("itself");
        assertThatThrownBy(() -> a.addAll(a)).hasMessageContaining("itself");
    }

    @Test
    void statesOfDifferentKindsDoNotMerge() {
        LabelState a = new LabelState(ALL, 2);
        LabelState b = new LabelState(Features.of(java.util.EnumSet.of(Statistic.MEAN)), 2);
        assertThatThrownBy(() -> LabelStateMerger.merge(a, b)).hasMessageContaining("different kinds");
    }

    @Property(tries = 40)
    void serializedStateReadsBackBitForBit(@ForAll @IntRange(min = 0, max = 10_000) int seed) {
        Data d = data(seed);
        LabelState s = range(d, 0, d.plan().blockCount());
        byte[] bytes = LabelStateSerde.toBytes(s);
        LabelState back = LabelStateSerde.fromBytes(bytes);
        assertThat(back.size()).isEqualTo(s.size());
        assertThat(LabelStateSerde.toBytes(back)).isEqualTo(bytes);
        for (int slot = 0; slot < s.size(); slot++) {
            int other = back.slotOf(s.label(slot));
            assertThat(back.count(other)).isEqualTo(s.count(slot));
            assertThat(back.m4(other, 1)).isEqualTo(s.m4(slot, 1));
        }
    }

    @Test
    void splitByLabelHashPartitionsTheLabels() {
        Data d = data(9);
        LabelState s = range(d, 0, d.plan().blockCount());
        LabelState[] parts = s.splitByLabelHash(3);
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            total += parts[p].size();
            for (long label : parts[p].labels()) {
                assertThat(LabelState.partOf(label, 3)).isEqualTo(p);
                assertThat(parts[p].sum(parts[p].slotOf(label), 0)).isEqualTo(s.sum(s.slotOf(label), 0));
            }
        }
        assertThat(total).isEqualTo(s.size());
    }

    @Test
    void foreignOrTruncatedBytesAreRefusedWithAReason() {
        assertThatThrownBy(() -> LabelStateSerde.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a label state");
        byte[] good = LabelStateSerde.toBytes(range(data(5), 0, 1));
        byte[] newer = good.clone();
        newer[4] = 9;
        assertThatThrownBy(() -> LabelStateSerde.fromBytes(newer)).hasMessageContaining("version 9");
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> LabelStateSerde.fromBytes(cut)).hasMessageContaining("truncated");
    }

    private static void assertSameWithinRounding(LabelState actual, LabelState expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int s = 0; s < expected.size(); s++) {
            int a = actual.slotOf(expected.label(s));
            assertThat(actual.count(a)).isEqualTo(expected.count(s));
            for (int c = 0; c < 2; c++) {
                assertThat(actual.sum(a, c)).isCloseTo(expected.sum(s, c), within(1e-9 * Math.abs(expected.sum(s, c))));
                assertThat(actual.min(a, c)).isEqualTo(expected.min(s, c));
                assertThat(actual.max(a, c)).isEqualTo(expected.max(s, c));
                double m2 = expected.m2(s, c);
                assertThat(actual.m2(a, c)).isCloseTo(m2, within(1e-9 * Math.abs(m2) + 1e-9));
                assertThat(actual.m3(a, c)).isCloseTo(expected.m3(s, c), within(1e-7 * Math.abs(m2) + 1e-9));
                double m4 = expected.m4(s, c);
                assertThat(actual.m4(a, c)).isCloseTo(m4, within(1e-9 * Math.abs(m4) + 1e-9));
            }
        }
    }
}
