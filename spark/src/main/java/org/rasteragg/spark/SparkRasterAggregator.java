package org.rasteragg.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rasteragg.core.DuplicateLabelException;
import org.rasteragg.core.InputValidation;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.Quantile;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.ChunkedArrays;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.plan.BlockPlan;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.state.LabelStateSerde;
import scala.Tuple2;

/**
 * Per-label statistics on Apache Spark, with the numbers of the single-machine
 * {@link AggregationEngine} (SEMANTICS.md).
 *
 * <p>How it runs: the driver opens the arrays only for their metadata and plans the block grid
 * ({@link BlockPlan}). The blocks, in raster order, are cut into contiguous ranges, one task each;
 * a task reopens the arrays from their {@link ArraySource}, aggregates its range with the core engine
 * on one thread, splits the resulting {@link LabelState} into label buckets by a hash of the label
 * ({@link LabelState#splitByLabelHash}) and emits each bucket in its versioned binary form
 * ({@link LabelStateSerde}). A shuffle brings every bucket to one reduce task, sorted by range so
 * the merge order (and so every float64 rounding) is the same on every run and retry; the reduce
 * task merges the bucket's partial states one at a time and turns them into rows of the wide table.
 * The driver never holds a label state: the result is a distributed {@link Dataset}, sorted by
 * label (or in the order of an explicit index).
 *
 * <pre>{@code
 * Dataset<Row> table = SparkRasterAggregator.builder()
 *         .mask(new ZarrSource(store, "labels/cells/0"))
 *         .image(new ZarrSource(store, "images/img/0"))
 *         .build()
 *         .aggregate(spark);
 * table.write().parquet("stats.parquet");
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #aggregate} may be called repeatedly.
 */
public final class SparkRasterAggregator {

    /** Name of the row position column used internally to keep an index's order. */
    private static final String POSITION = "__rasteragg_position";

    private final ArraySource mask;
    private final ArraySource image;
    private final Set<Statistic> statistics;
    private final List<String> quantiles;
    private final long[] index;
    private final boolean excludeBackground;
    private final List<String> channelNames;
    private final int blockPartitions;
    private final int labelBuckets;
    private final String instanceKey;
    private final String instanceSizeKey;
    private final FaultInjection fault;
    private final int threadsPerTask;
    private final long taskMaxMemory;
    private final boolean sorted;

    private SparkRasterAggregator(Builder b) {
        this.mask = Objects.requireNonNull(b.mask, "a mask is required");
        this.image = b.image;
        this.statistics = b.statistics;
        this.quantiles = b.quantiles;
        this.index = b.index;
        this.excludeBackground = b.excludeBackground;
        this.channelNames = b.channelNames;
        this.blockPartitions = b.blockPartitions;
        this.labelBuckets = b.labelBuckets;
        this.instanceKey = b.instanceKey;
        this.instanceSizeKey = b.instanceSizeKey;
        this.fault = b.fault;
        this.threadsPerTask = b.threadsPerTask;
        this.taskMaxMemory = b.taskMaxMemory;
        this.sorted = b.sorted;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; the mask is required, everything else optional. Not thread-safe. */
    public static final class Builder {
        private ArraySource mask;
        private ArraySource image;
        private Set<Statistic> statistics;
        private List<String> quantiles = Statistic.DEFAULT_QUANTILES;
        private long[] index;
        private boolean excludeBackground;
        private List<String> channelNames;
        private int blockPartitions;
        private int labelBuckets;
        private String instanceKey = "cell_ID";
        private String instanceSizeKey = "shapeSize";
        private FaultInjection fault;
        private int threadsPerTask = 1;
        private long taskMaxMemory;
        private boolean sorted = true;

        private Builder() {
        }

        /** Integer label mask, (z, y, x) or (y, x). */
        public Builder mask(ArraySource value) {
            this.mask = value;
            return this;
        }

        /** Image (c, z, y, x); with a 2D mask also (c, y, x) or (y, x). Null for count and center only. */
        public Builder image(ArraySource value) {
            this.image = value;
            return this;
        }

        /** What to compute; default: every statistic with an image, count and center without. */
        public Builder statistics(Set<Statistic> value) {
            this.statistics = value == null ? null : EnumSet.copyOf(value);
            return this;
        }

        /** The quantiles of QUANTILES in column order; default harpy's 0.1, 0.2, ..., 0.9. */
        public Builder quantiles(List<Quantile> value) {
            this.quantiles = value == null ? Statistic.DEFAULT_QUANTILES
                    : value.stream().map(Quantile::text).toList();
            return this;
        }

        /** Labels in row order (absent labels get count 0); null = every label present, ascending. */
        public Builder index(long[] value) {
            this.index = value == null ? null : value.clone();
            return this;
        }

        /** Leaves label 0 (background) out of the rows. */
        public Builder excludeBackground(boolean value) {
            this.excludeBackground = value;
            return this;
        }

        /** One name per image channel for the "{stat}_{channel}" columns; default "0", "1", ... */
        public Builder channelNames(List<String> value) {
            this.channelNames = value == null ? null : List.copyOf(value);
            return this;
        }

        /** Number of map tasks (contiguous block ranges); 0 = automatic (about 4 per core, at most the block count). */
        public Builder blockPartitions(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("partitions must not be negative: " + value);
            }
            this.blockPartitions = value;
            return this;
        }

        /** Number of label buckets (reduce tasks); 0 = automatic (the default parallelism). */
        public Builder labelBuckets(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("label buckets must not be negative: " + value);
            }
            this.labelBuckets = value;
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

        /** Engine threads inside each map task (default 1: Spark's cores give the parallelism). */
        public Builder threadsPerTask(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads per task must be at least 1: " + value);
            }
            this.threadsPerTask = value;
            return this;
        }

        /** The engine's memory bound inside each map task (see EngineOptions); 0 = none. */
        public Builder taskMaxMemory(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memory bound must not be negative: " + bytes);
            }
            this.taskMaxMemory = bytes;
            return this;
        }

        /**
         * Whether rows come sorted by label (or in index order); default true. Without, the rows of
         * each label bucket stay together in one partition, sorted within it, and the global sort
         * (a sampling pass plus a shuffle of the rows) is saved: for outputs where row order does not
         * matter, such as a Parquet table read by label.
         */
        public Builder sorted(boolean value) {
            this.sorted = value;
            return this;
        }

        /** Test hook: see {@link FaultInjection}. */
        Builder faultInjection(FaultInjection value) {
            this.fault = value;
            return this;
        }

        public SparkRasterAggregator build() {
            return new SparkRasterAggregator(this);
        }
    }

    /** What the driver learns from the metadata: everything a task needs, serializable. */
    record JobSpec(ArraySource mask, ArraySource image, Features features, Set<Statistic> statistics,
            List<String> quantileTexts, BlockPlan plan, int ranges, int buckets, DType imageType,
            List<String> channelNames, boolean excludeBackground, String instanceKey, String instanceSizeKey,
            FaultInjection fault, int threadsPerTask, long taskMaxMemory) implements Serializable {
        private static final long serialVersionUID = 2L;

        /** The quantiles of QUANTILES (kept as their texts: Quantile is not serializable). */
        List<Quantile> quantiles() {
            return Quantile.parse(quantileTexts);
        }

        long rangeStart(int range) {
            return Math.floorDiv(plan.blockCount() * range, ranges);
        }
    }

    /** The arrays of a job, as the engine sees them ((z, y, x) mask, (c, z, y, x) image or null). */
    private static ChunkedArray[] open(ArraySource maskSource, ArraySource imageSource) {
        ChunkedArray m = maskSource.open();
        ChunkedArray i = imageSource == null ? null : imageSource.open();
        if (m.ndim() == 2) {
            m = ChunkedArrays.maskAsZyx(m);
            i = i == null ? null : ChunkedArrays.imageAsCzyx(i);
        }
        InputValidation.validate(m, i);
        return new ChunkedArray[] {m, i};
    }

    /** Plans the job on the driver (reads metadata only). */
    JobSpec plan(JavaSparkContext jsc) {
        Set<Statistic> stats = statistics != null ? statistics
                : image != null ? Statistic.all() : EnumSet.of(Statistic.COUNT, Statistic.CENTER);
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("no statistic requested");
        }
        Features features = Features.of(stats, Quantile.probabilities(stats, Quantile.parse(quantiles)));
        if (features.needsImage() && image == null) {
            throw new InvalidInputException("statistics " + stats + " need an image; without one only count and "
                    + "center can be computed");
        }
        ChunkedArray[] arrays = open(mask, features.needsImage() ? image : null);
        ChunkedArray m = arrays[0];
        ChunkedArray img = arrays[1];
        BlockPlan plan = new BlockPlan(m.grid(), img == null ? null : img.grid());
        int channels = img == null ? 0 : (int) img.grid().extent(0);
        List<String> names = channelNames;
        if (names == null) {
            names = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                names.add(Integer.toString(c));
            }
        } else if (channels > 0 && names.size() != channels) {
            throw new IllegalArgumentException(names.size() + " channel names for " + channels + " channels: " + names);
        }
        int parallelism = jsc.defaultParallelism();
        long blocks = plan.blockCount();
        int ranges = blockPartitions > 0 ? blockPartitions : 4 * parallelism;
        ranges = (int) Math.max(1, Math.min(ranges, blocks));
        int buckets = labelBuckets > 0 ? labelBuckets : Math.max(1, parallelism);
        if ((long) buckets * ranges >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many partitions x label buckets: " + ranges + " x " + buckets);
        }
        return new JobSpec(mask, img == null ? null : image, features, EnumSet.copyOf(stats), List.copyOf(quantiles),
                plan, ranges, buckets,
                img == null ? null : img.dtype(), List.copyOf(names), excludeBackground, instanceKey,
                instanceSizeKey, fault, threadsPerTask, taskMaxMemory);
    }

    /**
     * The map side: per block range, one partial state per label bucket, keyed by
     * {@code bucket * ranges + range} so that a sort by key orders each bucket's states by range.
     */
    static JavaPairRDD<Long, byte[]> partialStates(JavaSparkContext jsc, JobSpec job) {
        List<Integer> rangeIds = new ArrayList<>(job.ranges());
        for (int r = 0; r < job.ranges(); r++) {
            rangeIds.add(r);
        }
        return jsc.parallelize(rangeIds, job.ranges()).flatMapToPair(range -> mapRange(job, range));
    }

    private static Iterator<Tuple2<Long, byte[]>> mapRange(JobSpec job, int range) {
        if (job.fault() != null) {
            job.fault().maybeFail(range);
        }
        ChunkedArray[] arrays = open(job.mask(), job.features().needsImage() ? job.image() : null);
        long from = job.rangeStart(range);
        long to = job.rangeStart(range + 1);
        LabelState state = AggregationEngine.run(arrays[0], arrays[1], job.features(), job.plan(), from, to,
                new EngineOptions(job.threadsPerTask(), job.taskMaxMemory(), null));
        LabelState[] parts = state.splitByLabelHash(job.buckets());
        List<Tuple2<Long, byte[]>> out = new ArrayList<>(parts.length);
        for (int b = 0; b < parts.length; b++) {
            out.add(new Tuple2<>((long) b * job.ranges() + range, LabelStateSerde.toBytes(parts[b])));
            parts[b] = null;
        }
        return out.iterator();
    }

    /**
     * The merged state of every label bucket, one per partition (partition i = bucket i), as
     * serialized bytes. Each reduce task merges its bucket's partial states in range order.
     */
    static JavaRDD<LabelState> mergedBuckets(JavaSparkContext jsc, JobSpec job) {
        return partialStates(jsc, job)
                .repartitionAndSortWithinPartitions(new BucketPartitioner(job.buckets(), job.ranges()))
                .mapPartitions(it -> {
                    LabelState merged = null;
                    while (it.hasNext()) {
                        LabelState part = LabelStateSerde.fromBytes(it.next()._2());
                        if (merged == null) {
                            merged = part;
                        } else {
                            merged.addAll(part);
                        }
                    }
                    return merged == null ? java.util.Collections.emptyIterator() : List.of(merged).iterator();
                });
    }

    /** The merged states of every label bucket in their binary form (for tests and custom outputs). */
    public JavaRDD<byte[]> mergedStates(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return mergedBuckets(jsc, plan(jsc)).map(LabelStateSerde::toBytes);
    }

    /**
     * Runs the aggregation: a Dataset with the CLI's wide table (instance key, instance size key,
     * "{stat}_{channel}" columns, z, y, x), one row per label, sorted by label or in index order.
     * Lazy like every Dataset: the job runs when it is written or collected (persist it to write it
     * more than once).
     *
     * @throws InvalidInputException on the driver for unusable inputs
     * @throws DuplicateLabelException when the index repeats a label
     */
    public Dataset<Row> aggregate(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JobSpec job = plan(jsc);
        StructType schema = WideRows.schema(job);
        if (index == null) {
            JavaRDD<Row> rows = mergedBuckets(jsc, job).flatMap(state -> WideRows.of(job, state, null, null).iterator());
            Dataset<Row> table = spark.createDataFrame(rows, schema);
            return sorted ? table.orderBy(functions.col(job.instanceKey())) : table;
        }
        DuplicateLabelException.requireUnique(index);
        Broadcast<long[]> indexBroadcast = jsc.broadcast(index);
        StructType withPosition = schema.add(POSITION, DataTypes.LongType, false);
        JavaRDD<Row> rows = mergedBuckets(jsc, job).mapPartitionsWithIndex((bucket, states) -> {
            LabelState state = states.hasNext() ? states.next()
                    : new LabelState(job.features(), job.imageType() == null ? 0 : job.channelNames().size());
            return WideRows.ofIndex(job, state, indexBroadcast.value(), bucket).iterator();
        }, true);
        Dataset<Row> table = spark.createDataFrame(rows, withPosition);
        return (sorted ? table.orderBy(functions.col(POSITION)) : table).drop(POSITION);
    }

}
