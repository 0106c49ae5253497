package org.rasteragg.core.table;

import java.util.ArrayList;
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
 * Every requested statistic for every label of an index, computed from one {@link LabelState}
 * (SEMANTICS.md fixes each number; {@link ResultComputation} computes them), with views in harpy's
 * layout ({@link #table}) and in the CLI's wide layout ({@link #wideTable}, planned by {@link
 * WideColumns}). Immutable. Its tables share its arrays instead of copying them (a result for 10^7
 * labels is hundreds of MB); tables are read-only by contract.
 */
public final class AggregationResult {

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

    /** Takes the arrays as they are (no copy); {@link ResultComputation} hands over arrays it made. */
    AggregationResult(Set<Statistic> statistics, long[] labels, long[] counts, int channels, DType imageType,
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

    private static AggregationResult compute(LabelState state, Set<Statistic> statistics, List<Quantile> quantiles,
            long[] index, DType imageType, String instanceKey, String instanceSizeKey, boolean release, int threads) {
        AggregationResult result = ResultComputation.compute(state, statistics, quantiles, index, imageType,
                instanceKey, instanceSizeKey, release, threads);
        // Logged here, not where they are found, so that the log line still names AggregationResult.compute.
        // The logger is looked up only when there is something to log: the lookup sets the JDK's
        // logging up (some 40 classes, 25 ms of a cold run).
        for (String w : result.warnings) {
            System.getLogger(AggregationResult.class.getName()).log(System.Logger.Level.WARNING, w);
        }
        return result;
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
                WideColumns.addBeyondHarpy(planned, s, List.of(), channelNumbers());
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
        return WideColumns.plan(statistics, quantiles, channelNames, imageType, instanceKey, instanceSizeKey);
    }

    /** {@link #wideColumns(Set, List, List, DType, String, String)} with the default quantiles. */
    public static List<WideColumn> wideColumns(Set<Statistic> statistics, List<String> channelNames, DType imageType,
            String instanceKey, String instanceSizeKey) {
        return wideColumns(statistics, Quantile.defaults(), channelNames, imageType, instanceKey, instanceSizeKey);
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
