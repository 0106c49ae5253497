package org.rasteragg.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;

/**
 * The dense and the hashed label maps give the same slots (first-seen order) for any labels,
 * including a switch from dense to hashed in the middle of a run, and states and results built
 * through either are the same to the bit.
 */
class LabelSlotsTest {

    private static final Features ALL = Features.of(Statistic.all());

    /** Labels that start small and dense; from a random point on, some are negative or huge. */
    private static long[] labels(long seed, int n) {
        Random r = new Random(seed);
        int switchAt = r.nextInt(n + 1);
        int range = 1 + r.nextInt(3 * n + 1);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int kind = i < switchAt ? 0 : r.nextInt(4);
            out[i] = switch (kind) {
                case 1 -> -1 - r.nextInt(1000);
                case 2 -> Long.MAX_VALUE - r.nextInt(1000);
                case 3 -> Long.MIN_VALUE + r.nextInt(3);
                default -> r.nextInt(range);
            };
        }
        return out;
    }

    @Property(tries = 200)
    void denseAndHashedGiveTheSlotsOfFirstSight(@ForAll @IntRange(min = 0, max = 100_000) int seed,
            @ForAll @IntRange(min = 0, max = 3000) int n) {
        long[] labels = labels(seed, n);
        LabelSlots dense = new LabelSlots(4);
        LabelSlots hashed = LabelSlots.hashed(4);
        Map<Long, Integer> reference = new HashMap<>();
        for (long label : labels) {
            int expected = reference.computeIfAbsent(label, k -> reference.size());
            assertThat(dense.getOrAdd(label)).isEqualTo(expected);
            assertThat(hashed.getOrAdd(label)).isEqualTo(expected);
        }
        assertThat(dense.size()).isEqualTo(reference.size()).isEqualTo(hashed.size());
        for (long label : labels) {
            assertThat(dense.get(label)).isEqualTo(reference.get(label));
            assertThat(dense.get(label + 1)).isEqualTo(reference.getOrDefault(label + 1, LongIntHashMap.MISSING));
            assertThat(hashed.get(label - 1)).isEqualTo(reference.getOrDefault(label - 1, LongIntHashMap.MISSING));
        }
        boolean allSmall = Arrays.stream(labels).allMatch(l -> l >= 0 && l < LabelSlots.PAGE_SIZE);
        if (allSmall) {
            assertThat(dense.isDense()).isTrue();
        }
        int[] rowOfSlot = new int[dense.size()];
        long[] ascending = dense.ascending(rowOfSlot);
        if (dense.isDense()) {
            long[] sorted = reference.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            assertThat(ascending).containsExactly(sorted);
            reference.forEach((label, slot) -> assertThat(ascending[rowOfSlot[slot]]).isEqualTo(label));
        } else {
            assertThat(ascending).isNull();
        }
        assertThat(hashed.ascending(rowOfSlot)).isNull();
    }

    @Test
    void aLabelFarBeyondTheLabelsSeenSwitchesToTheHashedFormOnceForGood() {
        LabelSlots s = new LabelSlots(4);
        for (int l = 0; l < 100; l++) {
            s.getOrAdd(l);
        }
        assertThat(s.isDense()).isTrue();
        assertThat(s.getOrAdd(LabelSlots.PAGE_SIZE + LabelSlots.SPREAD * 200L)).isEqualTo(100);
        assertThat(s.isDense()).isFalse();
        assertThat(s.getOrAdd(5)).isEqualTo(5);
        assertThat(s.getOrAdd(100)).isEqualTo(101);
        assertThat(s.isDense()).isFalse();
        assertThat(s.get(LabelSlots.PAGE_SIZE + LabelSlots.SPREAD * 200L)).isEqualTo(100);
    }

    private record Data(InMemoryArray mask, InMemoryArray image) {
    }

    /** A random mask of the labels of {@link #labels} and a float64 image of 2 channels. */
    private static Data data(long seed) {
        Random r = new Random(seed);
        int y = 2 + r.nextInt(30);
        int x = 2 + r.nextInt(30);
        long[] labels = labels(seed, y * x);
        double[] values = new double[2 * y * x];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1e6 + r.nextGaussian();
        }
        return new Data(new InMemoryArray(DType.INT64, labels, new long[] {1, y, x},
                new int[] {1, 1 + r.nextInt(y), 1 + r.nextInt(x)}),
                new InMemoryArray(DType.FLOAT64, values, new long[] {2, 1, y, x},
                        new int[] {1, 1, 1 + r.nextInt(y), 1 + r.nextInt(x)}));
    }

    @Property(tries = 60)
    void statesAndResultsThroughEitherMapAreTheSameToTheBit(@ForAll @IntRange(min = 0, max = 100_000) int seed) {
        Data d = data(seed);
        LabelState engine = AggregationEngine.run(d.mask(), d.image(), ALL, EngineOptions.defaults().withThreads(1));
        LabelState dense = new LabelState(ALL, 2, new LabelSlots(4));
        LabelState hashed = new LabelState(ALL, 2, LabelSlots.hashed(4));
        dense.addAll(engine);
        hashed.addAll(engine);
        byte[] bytes = LabelStateSerde.toBytes(engine);
        assertThat(LabelStateSerde.toBytes(dense)).isEqualTo(bytes);
        assertThat(LabelStateSerde.toBytes(hashed)).isEqualTo(bytes);
        StatTable sorted = result(hashed);
        assertSameTable(result(dense), sorted);
        assertSameTable(result(engine), sorted);
    }

    private static StatTable result(LabelState s) {
        return AggregationResult.computeAndRelease(s, Statistic.all(), null, DType.FLOAT64, "cell_ID", "shapeSize", 2)
                .wideTable(List.of("a", "b"));
    }

    private static void assertSameTable(StatTable actual, StatTable expected) {
        assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
        for (int c = 0; c < expected.columns().size(); c++) {
            if (expected.columns().get(c) instanceof LongColumn l) {
                assertThat(((LongColumn) actual.columns().get(c)).values()).containsExactly(l.values());
            } else {
                double[] e = ((DoubleColumn) expected.columns().get(c)).values();
                double[] a = ((DoubleColumn) actual.columns().get(c)).values();
                assertThat(Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray())
                        .containsExactly(Arrays.stream(e).mapToLong(Double::doubleToRawLongBits).toArray());
            }
        }
    }
}
