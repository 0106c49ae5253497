package org.rasteragg.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.ChunkedArrays;
import org.rasteragg.core.engine.Accelerators;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.engine.ProgressListener;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.StatTable;

/**
 * Per-label statistics of an image over a label mask: the API of harpy's RasterAggregator
 * ({@code aggregate_sum} is {@link #aggregateSum}, ...), with the numbers and table layouts fixed
 * in SEMANTICS.md. Unlike harpy, every call reads the data once for all the statistics it returns,
 * in float64, and mask and image may have any chunk grids.
 *
 * <pre>{@code
 * RasterAggregator agg = RasterAggregator.builder().mask(mask).image(image).build();
 * List<StatTable> tables = agg.aggregateStats(List.of("mean", "count"), null);
 * }</pre>
 *
 * <p>The mask is (z, y, x) with an integer dtype and the image (c, z, y, x); a (y, x) mask is taken
 * as (1, y, x), and with it a (c, y, x) image as (c, 1, y, x) and a (y, x) image as (1, 1, y, x).
 *
 * <p>Thread-safe: calls may run concurrently (each uses its own workers).
 */
public final class RasterAggregator {

    private final ChunkedArray mask;
    private final ChunkedArray image;
    private final String instanceKey;
    private final String instanceSizeKey;
    private final EngineOptions options;
    private final GpuMode gpu;
    private final Consumer<String> gpuNotice;

    private RasterAggregator(Builder b) {
        boolean twoD = b.mask != null && b.mask.ndim() == 2;
        this.mask = twoD ? ChunkedArrays.maskAsZyx(b.mask) : b.mask;
        this.image = twoD && b.image != null ? ChunkedArrays.imageAsCzyx(b.image) : b.image;
        InputValidation.validate(mask, image);
        this.instanceKey = b.instanceKey;
        this.instanceSizeKey = b.instanceSizeKey;
        this.options = new EngineOptions(b.threads, b.maxMemoryBytes, b.progress);
        this.gpu = b.gpu;
        this.gpuNotice = b.gpuNotice;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; mask is required, everything else optional. Not thread-safe. */
    public static final class Builder {
        private ChunkedArray mask;
        private ChunkedArray image;
        private String instanceKey = "cell_ID";
        private String instanceSizeKey = "shapeSize";
        private int threads = Runtime.getRuntime().availableProcessors();
        private long maxMemoryBytes;
        private ProgressListener progress = ProgressListener.NONE;
        private GpuMode gpu = GpuMode.AUTO;
        private Consumer<String> gpuNotice = line -> { };

        private Builder() {
        }

        /** Integer label mask, (z, y, x) or (y, x). */
        public Builder mask(ChunkedArray value) {
            this.mask = value;
            return this;
        }

        /** Image, (c, z, y, x); with a 2D mask also (c, y, x) or (y, x). Null for mask-only statistics. */
        public Builder image(ChunkedArray value) {
            this.image = value;
            return this;
        }

        public Builder instanceKey(String value) {
            this.instanceKey = value;
            return this;
        }

        public Builder instanceSizeKey(String value) {
            this.instanceSizeKey = value;
            return this;
        }

        /** Worker threads; default: available processors. */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** A memory bound the engine keeps to (0 = none); see {@link EngineOptions}. */
        public Builder maxMemoryBytes(long value) {
            this.maxMemoryBytes = value;
            return this;
        }

        public Builder progress(ProgressListener value) {
            this.progress = value;
            return this;
        }

        /**
         * Where to aggregate (harpy's {@code run_on_gpu}); default {@link GpuMode#AUTO}: a GPU when
         * one can run every requested statistic, else the CPU with one line to {@link #gpuNotice}.
         * With {@link GpuMode#ON} the aggregate calls throw {@link GpuUnavailableException} instead.
         */
        public Builder gpu(GpuMode value) {
            this.gpu = value == null ? GpuMode.AUTO : value;
            return this;
        }

        /** harpy's {@code run_on_gpu}: true is {@link GpuMode#AUTO}, false {@link GpuMode#OFF}. */
        public Builder runOnGpu(boolean value) {
            return gpu(value ? GpuMode.AUTO : GpuMode.OFF);
        }

        /** Told, once per aggregate call, why AUTO runs on the CPU (one line); default: ignored. */
        public Builder gpuNotice(Consumer<String> value) {
            this.gpuNotice = value == null ? line -> { } : value;
            return this;
        }

        /**
         * @throws InvalidInputException when the mask or image is unusable (see SEMANTICS.md)
         */
        public RasterAggregator build() {
            return new RasterAggregator(this);
        }
    }

    /** The mask as the engine sees it (z, y, x). */
    public ChunkedArray mask() {
        return mask;
    }

    /** The image as the engine sees it (c, z, y, x), or null. */
    public ChunkedArray image() {
        return image;
    }

    /**
     * Computes every statistic in {@code statistics} in one pass over the data.
     *
     * @param index labels in row order; null = every label present (including 0), sorted
     */
    public AggregationResult aggregateAll(Set<Statistic> statistics, long[] index) {
        return aggregateAll(statistics, Quantile.defaults(), index);
    }

    /**
     * Computes every statistic in {@code statistics} in one pass over the data (median and
     * quantiles add a first pass over the mask alone, which tells when each label is complete).
     *
     * @param quantiles the quantiles of QUANTILES, in column order
     * @param index labels in row order; null = every label present (including 0), sorted
     */
    public AggregationResult aggregateAll(Set<Statistic> statistics, List<Quantile> quantiles, long[] index) {
        EnumSet<Statistic> stats = EnumSet.copyOf(statistics);
        if (image == null) {
            for (Statistic s : stats) {
                if (s.needsImage()) {
                    throw new InvalidInputException("statistic '" + s.key()
                            + "' needs an image, but this aggregator was built with a mask only");
                }
            }
        }
        Features features = Features.of(stats, Quantile.probabilities(stats, quantiles));
        LabelState state = Accelerators.run(gpu, mask, features.needsImage() ? image : null, features, options,
                gpuNotice);
        return AggregationResult.computeAndRelease(state, stats, quantiles, index,
                image == null ? null : image.dtype(), instanceKey, instanceSizeKey, options.threads());
    }

    /**
     * harpy's statistics plus min, max and center ({@link Statistic#all()}; all the image allows) in
     * one pass. For those beyond harpy too: {@code aggregateAll(Statistic.every(), index)}.
     */
    public AggregationResult aggregateAll(long[] index) {
        Set<Statistic> stats = EnumSet.of(Statistic.COUNT, Statistic.CENTER);
        if (image != null) {
            stats = Statistic.all();
        }
        return aggregateAll(stats, index);
    }

    /**
     * harpy's aggregate_stats: one table per requested statistic, in the requested order, all from
     * one read. Beyond harpy's names it takes std, median (a column per channel), bbox, wcenter and
     * axes (their wide columns) and quantiles (one table per default quantile, 0.1 to 0.9, as
     * {@link #aggregateQuantiles}).
     *
     * @param statsFuncs names among sum, mean, count, var, kurtosis, skew, std, median, quantiles,
     *     bbox, wcenter, axes
     * @param index labels in row order; null = every label present (including 0), sorted
     * @throws UnknownStatisticException for another name, listing the valid ones
     */
    public List<StatTable> aggregateStats(List<String> statsFuncs, long[] index) {
        Set<Statistic> requested = new LinkedHashSet<>();
        for (String name : statsFuncs) {
            requested.add(Statistic.fromStatsName(name));
        }
        AggregationResult result = aggregateAll(requested, index);
        List<StatTable> tables = new ArrayList<>();
        for (String name : statsFuncs) {
            Statistic s = Statistic.fromStatsName(name);
            if (s == Statistic.QUANTILES) {
                tables.addAll(result.quantileTables());
            } else {
                tables.add(result.table(s));
            }
        }
        return tables;
    }

    /**
     * The quantiles of every channel, one table per quantile in the order given, each with columns
     * "0".."c-1" and the instance key: the shape of harpy's deprecated aggregate_quantiles. numpy's
     * linear interpolation, exact (SEMANTICS.md), out of core.
     *
     * @param quantiles probabilities in [0, 1] as written ("0.1", "0.25"); they name the tables ("q0.1")
     * @param index labels in row order; null = every label present (including 0), sorted
     */
    public List<StatTable> aggregateQuantiles(List<String> quantiles, long[] index) {
        return aggregateAll(EnumSet.of(Statistic.QUANTILES), Quantile.parse(quantiles), index).quantileTables();
    }

    /** {@link #aggregateQuantiles} with harpy's default quantiles 0.1, 0.2, ..., 0.9. */
    public List<StatTable> aggregateQuantiles(long[] index) {
        return aggregateQuantiles(Statistic.DEFAULT_QUANTILES, index);
    }

    /**
     * Radii and principal axes of every label's voxel coordinates (harpy's
     * Featurizer.radii_and_principal_axes, without its window: exact over the whole label): columns
     * radius_0..2 (largest first), axis_{i}_{z,y,x} and the instance key. Reads only the mask.
     */
    public StatTable radiiAndPrincipalAxes(long[] index) {
        return single(Statistic.AXES, index);
    }

    public StatTable radiiAndPrincipalAxes() {
        return radiiAndPrincipalAxes(null);
    }

    /** harpy's aggregate_stats with its default statistics, all labels. */
    public List<StatTable> aggregateStats() {
        return aggregateStats(Statistic.HARPY_STATS.stream().map(Statistic::key).toList(), null);
    }

    private StatTable single(Statistic s, long[] index) {
        return aggregateAll(EnumSet.of(s), index).table(s);
    }

    public StatTable aggregateSum(long[] index) {
        return single(Statistic.SUM, index);
    }

    public StatTable aggregateSum() {
        return aggregateSum(null);
    }

    public StatTable aggregateMean(long[] index) {
        return single(Statistic.MEAN, index);
    }

    public StatTable aggregateMean() {
        return aggregateMean(null);
    }

    public StatTable aggregateVar(long[] index) {
        return single(Statistic.VAR, index);
    }

    public StatTable aggregateVar() {
        return aggregateVar(null);
    }

    public StatTable aggregateSkew(long[] index) {
        return single(Statistic.SKEW, index);
    }

    public StatTable aggregateSkew() {
        return aggregateSkew(null);
    }

    public StatTable aggregateKurtosis(long[] index) {
        return single(Statistic.KURTOSIS, index);
    }

    public StatTable aggregateKurtosis() {
        return aggregateKurtosis(null);
    }

    public StatTable aggregateMin(long[] index) {
        return single(Statistic.MIN, index);
    }

    public StatTable aggregateMin() {
        return aggregateMin(null);
    }

    public StatTable aggregateMax(long[] index) {
        return single(Statistic.MAX, index);
    }

    public StatTable aggregateMax() {
        return aggregateMax(null);
    }

    /** harpy's aggregate_area: columns instance key and instance size key. Reads only the mask. */
    public StatTable aggregateArea(long[] index) {
        return aggregateAll(EnumSet.of(Statistic.COUNT), index).areaTable();
    }

    public StatTable aggregateArea() {
        return aggregateArea(null);
    }

    /** harpy's center_of_mass: columns "0", "1", "2" (z, y, x) and the instance key. Reads only the mask. */
    public StatTable centerOfMass(long[] index) {
        return single(Statistic.CENTER, index);
    }

    public StatTable centerOfMass() {
        return centerOfMass(null);
    }
}
