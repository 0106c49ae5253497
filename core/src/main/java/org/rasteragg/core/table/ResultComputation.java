package org.rasteragg.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.rasteragg.core.DuplicateLabelException;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.state.LabelState;

/**
 * The computation of an {@link AggregationResult} from a {@link LabelState}: the rows of the index
 * and their slots in the state, then the statistics beyond harpy, harpy's per-channel statistics
 * ({@link ChannelStatistics}) one by one, releasing each part of the state once no later one needs
 * it, and the center of mass. Stateless.
 */
final class ResultComputation {

    private ResultComputation() {
    }

    /**
     * See {@link AggregationResult#compute} and, with {@code release}, {@link
     * AggregationResult#computeAndRelease}; the result logs its warnings.
     */
    static AggregationResult compute(LabelState state, Set<Statistic> statistics, List<Quantile> quantiles,
            long[] index, DType imageType, String instanceKey, String instanceSizeKey, boolean release, int threads) {
        try (RangeTasks tasks = new RangeTasks(threads)) {
            return compute(state, statistics, quantiles, index, imageType, instanceKey, instanceSizeKey, release,
                    tasks);
        }
    }

    private static AggregationResult compute(LabelState state, Set<Statistic> statistics, List<Quantile> quantiles,
            long[] index, DType imageType, String instanceKey, String instanceSizeKey, boolean release,
            RangeTasks tasks) {
        // Rows are visited in slot order (the state's memory order) and written where they belong:
        // scattered writes instead of one cache miss per row, statistic and channel at 10^6 labels.
        int[] rowOfSlot = new int[state.size()];
        // Every label, sorted: a dense label map lists them in order (and their rows) without a sort.
        long[] ascending = index == null ? state.ascendingLabels(rowOfSlot) : null;
        long[] rows = ascending != null ? ascending
                : index == null ? sortedLabels(state, tasks.parallel()) : checkedIndex(index);
        int n = rows.length;
        int channels = state.channels();
        long[] counts = new long[n];
        int[] slot = new int[n];
        if (ascending != null) {
            tasks.forRanges(rowOfSlot.length, (from, to) -> {
                for (int s = from; s < to; s++) {
                    slot[rowOfSlot[s]] = s;
                    counts[rowOfSlot[s]] = state.count(s);
                }
                return 0;
            });
        } else {
            Arrays.fill(rowOfSlot, -1);
            tasks.forRanges(n, (from, to) -> {
                for (int r = from; r < to; r++) {
                    slot[r] = state.slotOf(rows[r]);
                    if (slot[r] >= 0) {
                        counts[r] = state.count(slot[r]);
                        rowOfSlot[slot[r]] = r;
                    }
                }
                return 0;
            });
        }
        int[] absentRows = IntStream.range(0, n).filter(r -> slot[r] < 0).toArray();
        // Before any part of the state is released: std reads M2, wcenter the sums.
        BeyondHarpyValues beyond = Collections.disjoint(statistics, Statistic.BEYOND_HARPY) ? null
                : BeyondHarpyValues.compute(state, statistics, quantiles, slot, counts, tasks);
        if (release && beyond != null) {
            state.releaseBeyond();
        }
        double[][][] values = new double[Statistic.values().length][][];
        long[][][] int64Values = new long[Statistic.values().length][][];
        List<String> warnings = new ArrayList<>();
        long nanSkew = 0;
        long nanKurtosis = 0;
        List<Statistic> order = ChannelStatistics.COMPUTE_ORDER.stream().filter(statistics::contains).toList();
        for (int i = 0; i < order.size(); i++) {
            Statistic s = order.get(i);
            double[][] v = tasks.newColumns(channels, n);
            long undefined = ChannelStatistics.compute(s, state, rowOfSlot, counts, absentRows, imageType, tasks, v);
            if (s == Statistic.SKEW) {
                nanSkew = undefined;
            } else if (s == Statistic.KURTOSIS) {
                nanKurtosis = undefined;
            }
            values[s.ordinal()] = v;
            if ((s == Statistic.MIN || s == Statistic.MAX) && Int64ExtremeValues.applies(imageType)) {
                int64Values[s.ordinal()] = Int64ExtremeValues.compute(state, s, imageType, rowOfSlot, n, tasks);
            }
            if (release) {
                EnumSet<LabelState.Part> done = EnumSet.copyOf(ChannelStatistics.partsOf(s));
                for (Statistic later : order.subList(i + 1, order.size())) {
                    done.removeAll(ChannelStatistics.partsOf(later));
                }
                done.forEach(state::release);
            }
        }
        if (nanSkew > 0 || nanKurtosis > 0) {
            String w = String.format("skew or kurtosis undefined (zero variance or no voxels) for %d and %d "
                    + "label-channel pairs; set to 0 as harpy does", nanSkew, nanKurtosis);
            warnings.add(w);
        }
        double[][] center = statistics.contains(Statistic.CENTER)
                ? centerOfMass(state, rowOfSlot, counts, absentRows, tasks) : null;
        return new AggregationResult(statistics, rows, counts, channels, imageType, instanceKey, instanceSizeKey, values,
                int64Values, center, beyond, warnings);
    }

    /** Center of mass [axis z, y, x][row]: NaN for a row without voxels. */
    private static double[][] centerOfMass(LabelState state, int[] rowOfSlot, long[] counts, int[] absentRows,
            RangeTasks tasks) {
        double[][] zyx = tasks.newColumns(3, counts.length);
        // In slot order, as the statistics above: the state's coordinate sums are read in sequence.
        tasks.forRanges(rowOfSlot.length, (from, to) -> {
            for (int k = from; k < to; k++) {
                int r = rowOfSlot[k];
                for (int a = 0; r >= 0 && a < 3; a++) {
                    zyx[a][r] = counts[r] == 0 ? Double.NaN : state.coordinateSum(k, a) / counts[r];
                }
            }
            return 0;
        });
        for (int r : absentRows) {
            for (int a = 0; a < 3; a++) {
                zyx[a][r] = Double.NaN;
            }
        }
        return zyx;
    }

    private static long[] sortedLabels(LabelState state, boolean parallel) {
        long[] l = state.labels();
        if (parallel) {
            // In the common pool (a million labels take ~0.1 s to sort); the order is the same.
            Arrays.parallelSort(l);
        } else {
            Arrays.sort(l);
        }
        return l;
    }

    private static long[] checkedIndex(long[] index) {
        DuplicateLabelException.requireUnique(index);
        return index.clone();
    }
}
