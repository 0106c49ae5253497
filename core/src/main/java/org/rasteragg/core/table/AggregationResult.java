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
import org.rasteragg.core.state.LongIntHashMap;

/**
 * Every requested statistic for every label of an index, computed from one {@link LabelState}
 * (SEMANTICS.md fixes each number), with views in harpy's layout ({@link #table}) and in the
 * CLI's wide layout ({@link #wideTable}). Immutable. Its tables share its arrays instead of
 * copying them (a result for 10^7 labels is hundreds of MB); tables are read-only by contract.
 */
public final class AggregationResult {

    /** numpy's {@code finfo(float64).resolution}. */
    private static final double FLOAT64_RESOLUTION = 1e-15;

    private static final System.Logger LOG = System.getLogger(AggregationResult.class.getName());

    private final Set<Statistic> statistics;
    private final long[] labels;
    private final long[] counts;
    private final int channels;
    private final DType imageType;
    private final String instanceKey;
    private final String instanceSizeKey;
    /** values[statistic ordinal][channel][row]; null for statistics not requested. */
    private final double[][][] values;
    private final double[][] center;
    /** int64Values[MIN or MAX ordinal][channel][row]: exact, for an int64 or uint64 image only; else null. */
    private final long[][][] int64Values;
    /** std, median, quantiles, bbox, wcenter, axes; null when none was requested. */
    private final BeyondHarpyValues beyond;
    private final List<String> warnings;

    private AggregationResult(Set<Statistic> statistics, long[] labels, long[] counts, int channels, DType imageType,
            String instanceKey, String instanceSizeKey, double[][][] values, long[][][] int64Values, double[][] center,
            BeyondHarpyValues beyond, List<String> warnings) {
        this.statistics = Collections.unmodifiableSet(EnumSet.copyOf(statistics));
        this.labels = labels;
        this.counts = counts;
        this.channels = channels;
        this.imageType = imageType;
        this.instanceKey = instanceKey;
        this.instanceSizeKey = instanceSizeKey;
        this.values = values;
        this.int64Values = int64Values;
        this.center = center;
        this.beyond = beyond;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Computes the statistics from a state.
     *
     * @param state the merged per-label state
     * @param statistics what to compute (the state must track what they need)
     * @param index labels in row order; null = every label in the state, sorted ascending
     * @param imageType the image dtype (min/max type and absent-label sentinels); null without image
     * @param instanceKey label column name ("cell_ID")
     * @param instanceSizeKey count column name of the area table ("shapeSize")
     * @throws DuplicateLabelException when {@code index} repeats a label
     */
    public static AggregationResult compute(LabelState state, Set<Statistic> statistics, long[] index, DType imageType,
            String instanceKey, String instanceSizeKey) {
        return compute(state, statistics, Quantile.defaults(), index, imageType, instanceKey, instanceSizeKey, false,
                1);
    }

    /** {@link #compute} with the quantiles of QUANTILES as requested (default: {@link Quantile#defaults()}). */
    public static AggregationResult compute(LabelState state, Set<Statistic> statistics, List<Quantile> quantiles,
            long[] index, DType imageType, String instanceKey, String instanceSizeKey) {
        return compute(state, statistics, quantiles, index, imageType, instanceKey, instanceSizeKey, false, 1);
    }

    /**
     * {@link #compute} for a state that is not needed afterwards: each part of the state is released
     * as soon as the statistics computed so far no longer need it, so the peak holds the state plus
     * one statistic instead of the state plus the whole result. {@code state} is unusable after.
     */
    public static AggregationResult computeAndRelease(LabelState state, Set<Statistic> statistics, long[] index,
            DType imageType, String instanceKey, String instanceSizeKey) {
        return computeAndRelease(state, statistics, index, imageType, instanceKey, instanceSizeKey, 1);
    }

    /** {@link #computeAndRelease} on {@code threads} threads (the same numbers for any count). */
    public static AggregationResult computeAndRelease(LabelState state, Set<Statistic> statistics, long[] index,
            DType imageType, String instanceKey, String instanceSizeKey, int threads) {
        return compute(state, statistics, Quantile.defaults(), index, imageType, instanceKey, instanceSizeKey, true,
                threads);
    }

    /** {@link #computeAndRelease} with the quantiles of QUANTILES as requested. */
    public static AggregationResult computeAndRelease(LabelState state, Set<Statistic> statistics,
            List<Quantile> quantiles, long[] index, DType imageType, String instanceKey, String instanceSizeKey,
            int threads) {
        return compute(state, statistics, quantiles, index, imageType, instanceKey, instanceSizeKey, true, threads);
    }

    /** The order in which image statistics are computed: those needing the fewest parts first. */
    private static final List<Statistic> COMPUTE_ORDER = List.of(Statistic.MIN, Statistic.MAX, Statistic.SKEW,
            Statistic.KURTOSIS, Statistic.VAR, Statistic.SUM, Statistic.MEAN);

    private static Set<LabelState.Part> partsOf(Statistic s) {
        return switch (s) {
            case MIN -> EnumSet.of(LabelState.Part.MIN);
            case MAX -> EnumSet.of(LabelState.Part.MAX);
            case SKEW -> EnumSet.of(LabelState.Part.SHIFTS, LabelState.Part.SHIFTED_SUMS, LabelState.Part.M2,
                    LabelState.Part.M3);
            case KURTOSIS -> EnumSet.of(LabelState.Part.SHIFTS, LabelState.Part.SHIFTED_SUMS, LabelState.Part.M2,
                    LabelState.Part.M4);
            case VAR -> EnumSet.of(LabelState.Part.M2);
            case SUM, MEAN -> EnumSet.of(LabelState.Part.SHIFTS, LabelState.Part.SHIFTED_SUMS);
            default -> EnumSet.noneOf(LabelState.Part.class);
        };
    }

    private static AggregationResult compute(LabelState state, Set<Statistic> statistics, List<Quantile> quantiles,
            long[] index, DType imageType, String instanceKey, String instanceSizeKey, boolean release, int threads) {
        try (RangeTasks tasks = new RangeTasks(threads)) {
            return compute(state, statistics, quantiles, index, imageType, instanceKey, instanceSizeKey, release,
                    tasks);
        }
    }

    private static AggregationResult compute(LabelState state, Set<Statistic> statistics, List<Quantile> quantiles,
            long[] index, DType imageType, String instanceKey, String instanceSizeKey, boolean release,
            RangeTasks tasks) {
        long[] rows = index == null ? sortedLabels(state, tasks.parallel()) : checkedIndex(index);
        int n = rows.length;
        int channels = state.channels();
        long[] counts = new long[n];
        int[] slot = new int[n];
        // Rows are visited in slot order (the state's memory order) and written where they belong:
        // scattered writes instead of one cache miss per row, statistic and channel at 10^6 labels.
        int[] rowOfSlot = new int[state.size()];
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
        List<Statistic> order = COMPUTE_ORDER.stream().filter(statistics::contains).toList();
        for (int i = 0; i < order.size(); i++) {
            Statistic s = order.get(i);
            double[][] v = new double[channels][n];
            boolean zeroIfUndefined = s == Statistic.SKEW || s == Statistic.KURTOSIS;
            long undefined = tasks.forRanges(rowOfSlot.length,
                    (from, to) -> computeSlots(s, state, from, to, rowOfSlot, counts, v));
            for (int r : absentRows) {
                for (int c = 0; c < channels; c++) {
                    double x = absentValue(s, imageType);
                    if (zeroIfUndefined && Double.isNaN(x)) {
                        x = 0;
                        undefined++;
                    }
                    v[c][r] = x;
                }
            }
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
                EnumSet<LabelState.Part> done = EnumSet.copyOf(partsOf(s));
                for (Statistic later : order.subList(i + 1, order.size())) {
                    done.removeAll(partsOf(later));
                }
                done.forEach(state::release);
            }
        }
        if (nanSkew > 0 || nanKurtosis > 0) {
            String w = String.format("skew or kurtosis undefined (zero variance or no voxels) for %d and %d "
                    + "label-channel pairs; set to 0 as harpy does", nanSkew, nanKurtosis);
            warnings.add(w);
            LOG.log(System.Logger.Level.WARNING, w);
        }
        double[][] center = null;
        if (statistics.contains(Statistic.CENTER)) {
            double[][] zyx = new double[3][n];
            tasks.forRanges(n, (from, to) -> {
                for (int r = from; r < to; r++) {
                    for (int a = 0; a < 3; a++) {
                        zyx[a][r] = counts[r] == 0 ? Double.NaN : state.coordinateSum(slot[r], a) / counts[r];
                    }
                }
                return 0;
            });
            center = zyx;
        }
        return new AggregationResult(statistics, rows, counts, channels, imageType, instanceKey, instanceSizeKey, values,
                int64Values, center, beyond, warnings);
    }

    /** Slots per copy of the state's values in {@link #computeSlots}. */
    private static final int SLOTS_PER_COPY = 1024;

    /**
     * Statistic {@code s} of slots {@code [from, to)} into the rows {@code rowOfSlot} gives; returns
     * how many values were undefined (set to 0). Reads copies of the state's values made a page at a
     * time.
     */
    private static long computeSlots(Statistic s, LabelState state, int from, int to, int[] rowOfSlot, long[] counts,
            double[][] v) {
        int channels = state.channels();
        int size = SLOTS_PER_COPY * channels;
        double[] a = new double[size];
        double[] b = s == Statistic.SUM || s == Statistic.MEAN || s == Statistic.SKEW || s == Statistic.KURTOSIS
                ? new double[size] : null;
        double[] m2 = s == Statistic.VAR || s == Statistic.SKEW || s == Statistic.KURTOSIS ? new double[size] : null;
        double[] m34 = s == Statistic.SKEW || s == Statistic.KURTOSIS ? new double[size] : null;
        boolean zeroIfUndefined = s == Statistic.SKEW || s == Statistic.KURTOSIS;
        long nan = 0;
        for (int k0 = from; k0 < to; k0 += SLOTS_PER_COPY) {
            int k1 = Math.min(to, k0 + SLOTS_PER_COPY);
            switch (s) {
                case MIN -> state.copy(LabelState.Part.MIN, k0, k1, a);
                case MAX -> state.copy(LabelState.Part.MAX, k0, k1, a);
                case VAR -> state.copy(LabelState.Part.M2, k0, k1, m2);
                default -> {
                    state.copy(LabelState.Part.SHIFTS, k0, k1, a);
                    state.copy(LabelState.Part.SHIFTED_SUMS, k0, k1, b);
                    if (s == Statistic.SKEW || s == Statistic.KURTOSIS) {
                        state.copy(LabelState.Part.M2, k0, k1, m2);
                        state.copy(s == Statistic.SKEW ? LabelState.Part.M3 : LabelState.Part.M4, k0, k1, m34);
                    }
                }
            }
            for (int k = k0; k < k1; k++) {
                int r = rowOfSlot[k];
                if (r < 0) {
                    continue;
                }
                long n = counts[r];
                int i = (k - k0) * channels;
                for (int c = 0; c < channels; c++, i++) {
                    double x = switch (s) {
                        case MIN, MAX -> a[i];
                        case SUM -> b[i] + n * a[i];
                        case MEAN -> a[i] + b[i] / n;
                        case VAR -> m2[i] / n;
                        case SKEW -> {
                            double var = m2[i] / n;
                            yield zeroVariance(var, a[i] + b[i] / n) ? Double.NaN
                                    : (m34[i] / n) / (var * Math.sqrt(var));
                        }
                        case KURTOSIS -> {
                            double var = m2[i] / n;
                            yield zeroVariance(var, a[i] + b[i] / n) ? Double.NaN : (m34[i] / n) / (var * var) - 3.0;
                        }
                        default -> throw new IllegalArgumentException(s.key());
                    };
                    if (zeroIfUndefined && Double.isNaN(x)) {
                        // Skew and kurtosis of a constant label: harpy reports 0.
                        x = 0;
                        nan++;
                    }
                    v[c][r] = x;
                }
            }
        }
        return nan;
    }

    /** The value of a statistic for a label of the index that has no voxels (SEMANTICS.md). */
    private static double absentValue(Statistic s, DType type) {
        return switch (s) {
            case SUM -> 0;
            case MIN -> type.maxValue();
            case MAX -> type.minValue();
            default -> Double.NaN;
        };
    }

    /**
     * Whether a variance is zero up to float64 rounding, scipy.stats' rule for skew and kurtosis:
     * {@code var <= (1e-15 * |mean|)^2}. A constant region of, say, 0.1 has a computed mean that
     * differs from 0.1 in the last bit, leaving a variance of ~1e-34 whose ratios are noise.
     */
    private static boolean zeroVariance(double var, double mean) {
        double tolerance = FLOAT64_RESOLUTION * Math.abs(mean);
        return var <= tolerance * tolerance;
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
        LongIntHashMap seen = new LongIntHashMap(index.length);
        for (int i = 0; i < index.length; i++) {
            int first = seen.getOrPut(index[i], i);
            if (first != i) {
                throw new DuplicateLabelException("the index holds label " + index[i] + " twice (positions " + first
                        + " and " + i + "); labels in an index must be unique");
            }
        }
        return index.clone();
    }

    public Set<Statistic> statistics() {
        return statistics;
    }

    /** Row labels, in index order (a copy). */
    public long[] labels() {
        return labels.clone();
    }

    /** Voxel count per row (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    public int rowCount() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    /** The image dtype, or null for a mask-only aggregation. */
    public DType imageType() {
        return imageType;
    }

    /** Per-row values of a per-channel statistic (harpy's, std or median) for one channel (a copy). */
    public double[] values(Statistic statistic, int channel) {
        if (statistic == Statistic.STD || statistic == Statistic.MEDIAN) {
            return requireBeyond(statistic).perChannel(statistic)[channel].clone();
        }
        return requireValues(statistic)[channel].clone();
    }

    /** Center of mass along axis 0 (z), 1 (y) or 2 (x), per row (a copy). */
    public double[] center(int axis) {
        return requireCenter()[axis].clone();
    }

    private double[][] requireCenter() {
        if (center == null) {
            throw new IllegalStateException("center of mass was not computed");
        }
        return center;
    }

    /** Warnings of the computation (skew/kurtosis set to 0), also logged once. */
    public List<String> warnings() {
        return warnings;
    }

    private double[][] requireValues(Statistic s) {
        double[][] v = values[s.ordinal()];
        if (v == null) {
            throw new IllegalStateException(s.key() + " was not computed; computed: " + statistics);
        }
        return v;
    }

    /**
     * The harpy-layout table of one statistic: columns "0".."c-1" then the instance key; COUNT has
     * one column "0"; CENTER has "0", "1", "2" (z, y, x).
     */
    public StatTable table(Statistic s) {
        List<Column> cols = new ArrayList<>();
        switch (s) {
            case COUNT -> cols.add(new LongColumn("0", counts));
            case CENTER -> {
                for (int a = 0; a < 3; a++) {
                    cols.add(new DoubleColumn(Integer.toString(a), requireCenter()[a]));
                }
            }
            case STD, MEDIAN -> {
                double[][] v = requireBeyond(s).perChannel(s);
                for (int c = 0; c < channels; c++) {
                    cols.add(new DoubleColumn(Integer.toString(c), v[c]));
                }
            }
            case BBOX, WCENTER, AXES -> {
                BeyondHarpyValues b = requireBeyond(s);
                List<WideColumn> planned = new ArrayList<>();
                addBeyondHarpyColumns(planned, s, List.of(), channelNumbers());
                for (WideColumn w : planned) {
                    cols.add(b.column(w));
                }
            }
            case QUANTILES -> throw new IllegalArgumentException("quantiles have one table each: use quantileTables()");
            default -> {
                // harpy's layout keeps float64 values (typed in the image dtype); the wide table has the exact ones
                double[][] v = requireValues(s);
                DType type = s == Statistic.MIN || s == Statistic.MAX ? imageType : DType.FLOAT64;
                for (int c = 0; c < channels; c++) {
                    cols.add(new DoubleColumn(Integer.toString(c), v[c], type));
                }
            }
        }
        cols.add(new LongColumn(instanceKey, labels));
        return new StatTable(s == Statistic.CENTER ? "center_of_mass" : s.key(), cols);
    }

    /**
     * The column of one of harpy's per-channel statistics: min and max in the image dtype, exact
     * int64 columns for an int64 or uint64 image (raw bits for uint64), else float64 values.
     */
    private Column valueColumn(String name, Statistic s, int channel) {
        long[][] exact = int64Values[s.ordinal()];
        if (exact != null) {
            return new LongColumn(name, exact[channel], imageType);
        }
        DType type = s == Statistic.MIN || s == Statistic.MAX ? imageType : DType.FLOAT64;
        return new DoubleColumn(name, values[s.ordinal()][channel], type);
    }

    private BeyondHarpyValues requireBeyond(Statistic s) {
        if (beyond == null || !beyond.has(s)) {
            throw new IllegalStateException(s.key() + " was not computed; computed: " + statistics);
        }
        return beyond;
    }

    private List<String> channelNumbers() {
        return IntStream.range(0, channels).mapToObj(Integer::toString).toList();
    }

    /** The quantiles computed for QUANTILES, in the order requested (empty when not computed). */
    public List<Quantile> quantiles() {
        return beyond == null ? List.of() : beyond.quantiles();
    }

    /**
     * One table per requested quantile, in the order requested (the shape of harpy's deprecated
     * aggregate_quantiles): named "q{q}", columns "0".."c-1" then the instance key.
     */
    public List<StatTable> quantileTables() {
        BeyondHarpyValues b = requireBeyond(Statistic.QUANTILES);
        List<StatTable> out = new ArrayList<>();
        for (int j = 0; j < b.quantiles().size(); j++) {
            List<Column> cols = new ArrayList<>();
            double[][] v = b.quantile(j);
            for (int c = 0; c < channels; c++) {
                cols.add(new DoubleColumn(Integer.toString(c), v[c]));
            }
            cols.add(new LongColumn(instanceKey, labels));
            out.add(new StatTable("q" + b.quantiles().get(j).text(), cols));
        }
        return out;
    }

    /** harpy's aggregate_area table: the instance key, then the instance size key. */
    public StatTable areaTable() {
        return new StatTable("area", List.of(new LongColumn(instanceKey, labels),
                new LongColumn(instanceSizeKey, counts)));
    }

    /**
     * The columns of the wide table, in order: instance key, instance size key, then
     * "{stat}_{channel}" for sum, mean, var, skew, kurtosis, min, max (those in {@code statistics},
     * stat-major), then z, y, x when {@code statistics} holds the center of mass, then the statistics
     * beyond harpy in the order std, median, quantiles, bbox, wcenter, axes ({@code std_{ch}},
     * {@code median_{ch}}, {@code q{q}_{ch}} quantile-major, {@code bbox_min_{z,y,x}},
     * {@code bbox_max_{z,y,x}}, {@code wcenter_{z,y,x}_{ch}} axis-major, {@code radius_0..2},
     * {@code axis_{i}_{z,y,x}}). The one place that knows which columns a statistic makes:
     * {@link #wideTable}, the job layer's writers and the Spark schema all follow it.
     *
     * @param quantiles the quantiles of QUANTILES, in the order requested
     * @param channelNames one name per image channel (empty without an image)
     * @param imageType the image dtype (type of min and max), or null without an image
     */
    public static List<WideColumn> wideColumns(Set<Statistic> statistics, List<Quantile> quantiles,
            List<String> channelNames, DType imageType, String instanceKey, String instanceSizeKey) {
        List<WideColumn> cols = new ArrayList<>();
        cols.add(new WideColumn(instanceKey, null, -1, 0, DType.INT64));
        cols.add(new WideColumn(instanceSizeKey, Statistic.COUNT, -1, 0, DType.INT64));
        int channels = imageType == null ? 0 : channelNames.size();
        for (Statistic s : List.of(Statistic.SUM, Statistic.MEAN, Statistic.VAR, Statistic.SKEW, Statistic.KURTOSIS,
                Statistic.MIN, Statistic.MAX)) {
            if (!statistics.contains(s)) {
                continue;
            }
            DType type = s == Statistic.MIN || s == Statistic.MAX ? imageType : DType.FLOAT64;
            for (int c = 0; c < channels; c++) {
                cols.add(new WideColumn(s.key() + "_" + channelNames.get(c), s, c, 0, type));
            }
        }
        if (statistics.contains(Statistic.CENTER)) {
            for (int a = 0; a < 3; a++) {
                cols.add(new WideColumn(AXIS_NAMES[a], Statistic.CENTER, a, 0, DType.FLOAT64));
            }
        }
        for (Statistic s : Statistic.BEYOND_HARPY) {
            if (statistics.contains(s)) {
                addBeyondHarpyColumns(cols, s, quantiles, channels == 0 ? List.of() : channelNames);
            }
        }
        return cols;
    }

    /** {@link #wideColumns(Set, List, List, DType, String, String)} with the default quantiles. */
    public static List<WideColumn> wideColumns(Set<Statistic> statistics, List<String> channelNames, DType imageType,
            String instanceKey, String instanceSizeKey) {
        return wideColumns(statistics, Quantile.defaults(), channelNames, imageType, instanceKey, instanceSizeKey);
    }

    private static final String[] AXIS_NAMES = {"z", "y", "x"};

    private static void addBeyondHarpyColumns(List<WideColumn> cols, Statistic s, List<Quantile> quantiles,
            List<String> channelNames) {
        int channels = channelNames.size();
        switch (s) {
            case STD, MEDIAN -> {
                for (int ch = 0; ch < channels; ch++) {
                    cols.add(new WideColumn(s.key() + "_" + channelNames.get(ch), s, ch, 0, DType.FLOAT64));
                }
            }
            case QUANTILES -> {
                for (int j = 0; j < quantiles.size(); j++) {
                    for (int ch = 0; ch < channels; ch++) {
                        cols.add(new WideColumn("q" + quantiles.get(j).text() + "_" + channelNames.get(ch), s, ch, j,
                                DType.FLOAT64));
                    }
                }
            }
            case BBOX -> {
                for (int i = 0; i < 6; i++) {
                    cols.add(new WideColumn((i < 3 ? "bbox_min_" : "bbox_max_") + AXIS_NAMES[i % 3], s, -1, i,
                            DType.INT64));
                }
            }
            case WCENTER -> {
                for (int axis = 0; axis < 3; axis++) {
                    for (int ch = 0; ch < channels; ch++) {
                        cols.add(new WideColumn("wcenter_" + AXIS_NAMES[axis] + "_" + channelNames.get(ch), s, ch,
                                axis, DType.FLOAT64));
                    }
                }
            }
            case AXES -> {
                for (int i = 0; i < 3; i++) {
                    cols.add(new WideColumn("radius_" + i, s, -1, i, DType.FLOAT64));
                }
                for (int i = 0; i < 3; i++) {
                    for (int axis = 0; axis < 3; axis++) {
                        cols.add(new WideColumn("axis_" + i + "_" + AXIS_NAMES[axis], s, -1, 3 + 3 * i + axis,
                                DType.FLOAT64));
                    }
                }
            }
            default -> throw new IllegalArgumentException(s.key() + " is one of harpy's statistics");
        }
    }

    /**
     * The wide table of the CLI and Spark job, with the columns of {@link #wideColumns} for the
     * computed statistics.
     *
     * @param channelNames one name per channel
     */
    public StatTable wideTable(List<String> channelNames) {
        if (channels > 0 && channelNames.size() != channels) {
            throw new IllegalArgumentException(channelNames.size() + " channel names for " + channels + " channels: "
                    + channelNames);
        }
        List<Column> cols = new ArrayList<>();
        for (WideColumn w : wideColumns(statistics, quantiles(), channels == 0 ? List.of() : channelNames,
                channels == 0 ? null : imageType, instanceKey, instanceSizeKey)) {
            if (w.statistic() == null) {
                cols.add(new LongColumn(w.name(), labels));
            } else if (w.statistic() == Statistic.COUNT) {
                cols.add(new LongColumn(w.name(), counts));
            } else if (w.statistic() == Statistic.CENTER) {
                cols.add(new DoubleColumn(w.name(), center[w.channel()]));
            } else if (Statistic.BEYOND_HARPY.contains(w.statistic())) {
                if (beyond != null && beyond.has(w.statistic())) {
                    cols.add(beyond.column(w));
                }
            } else {
                cols.add(valueColumn(w.name(), w.statistic(), w.channel()));
            }
        }
        return new StatTable("stats", cols);
    }
}
