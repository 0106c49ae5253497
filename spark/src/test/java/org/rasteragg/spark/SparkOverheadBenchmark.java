package org.rasteragg.spark;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.ChunkGrid;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.array.InMemoryArray;
import org.rasteragg.core.engine.AggregationEngine;
import org.rasteragg.core.engine.EngineOptions;
import org.rasteragg.core.state.Features;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.table.AggregationResult;

/**
 * By hand, not a test: local[2] Spark against the core engine (2 threads) on the bench dataset
 * (the table written to Spark's no-op sink, so the whole job runs but nothing is stored),
 * a 4096 x 4096 synthetic tissue with a 4-channel uint16 image held in memory (so both read the same
 * decoded chunks and the ratio is Spark's own overhead). Run after {@code ./mvnw -pl spark -am
 * package -DskipTests}:
 *
 * <pre>
 * java $(cat spark/target/jvm-options.txt) -Xmx6g -cp spark/target/test-classes:spark/target/classes:$(cat spark/target/classpath.txt) \
 *     org.rasteragg.spark.SparkOverheadBenchmark [size] [repeats]
 * </pre>
 */
public final class SparkOverheadBenchmark {

    /** Arrays shared through the JVM (local mode only: executors run in this JVM). */
    static final Map<String, ChunkedArray> SHARED = new ConcurrentHashMap<>();

    record SharedSource(String key) implements ArraySource {
        @Override
        public ChunkedArray open() {
            return SHARED.get(key);
        }

        @Override
        public String description() {
            return "shared " + key;
        }
    }

    private SparkOverheadBenchmark() {
    }

    static ChunkedArray materialize(ChunkedArray a) {
        ChunkGrid g = a.grid();
        Object data = a.dtype().allocate((int) g.elementCount());
        long[] shape = g.shape();
        int[] cs = g.chunkShape();
        long[] grid = g.gridShape();
        Object buf = a.dtype().allocate(g.chunkElements());
        int n = shape.length;
        long[] pos = new long[n];
        while (true) {
            a.readChunk(pos, buf);
            // copy the valid part of the chunk into the C-order array
            int[] valid = new int[n];
            for (int d = 0; d < n; d++) {
                valid[d] = g.validExtent(pos, d);
            }
            int[] idx = new int[n - 1];
            outer:
            while (true) {
                long dst = 0;
                int src = 0;
                for (int d = 0; d < n - 1; d++) {
                    dst = dst * shape[d] + pos[d] * cs[d] + idx[d];
                    src = src * cs[d] + idx[d];
                }
                dst = dst * shape[n - 1] + pos[n - 1] * cs[n - 1];
                src *= cs[n - 1];
                System.arraycopy(buf, src, data, (int) dst, valid[n - 1]);
                int d = n - 2;
                while (d >= 0 && ++idx[d] == valid[d]) {
                    idx[d] = 0;
                    d--;
                }
                if (d < 0) {
                    break outer;
                }
            }
            int d = n - 1;
            while (d >= 0 && ++pos[d] == grid[d]) {
                pos[d] = 0;
                d--;
            }
            if (d < 0) {
                break;
            }
        }
        return new InMemoryArray(a.dtype(), data, shape, cs);
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long[] shape = {1, size, size};
        int channels = 4;
        System.out.printf("materializing %dx%d mask and %d-channel uint16 image...%n", size, size, channels);
        ChunkedArray mask = materialize(SyntheticSource.mask(shape, 180, channels, 1, new int[] {1, 512, 512}).open());
        ChunkedArray image = materialize(
                SyntheticSource.image(shape, 180, channels, 1, new int[] {channels, 1, 512, 512}).open());
        SHARED.put("mask", mask);
        SHARED.put("image", image);
        double mb = (mask.grid().elementCount() * 4.0 + image.grid().elementCount() * 2.0) / 1e6;

        Features features = Features.of(Statistic.all());
        SparkSession spark = SparkSession.builder().master("local[2]").appName("rasteragg-overhead")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        // Interleaved, so that the load of a shared machine hits both alike; the first round warms up.
        double[] engine = new double[repeats];
        double[] sparkSorted = new double[repeats];
        double[] sparkUnsorted = new double[repeats];
        int labels = 0;
        for (int r = -1; r < repeats; r++) {
            long t0 = System.nanoTime();
            LabelState s = AggregationEngine.run(mask, image, features, EngineOptions.defaults().withThreads(2));
            AggregationResult res = AggregationResult.compute(s, Statistic.all(), null, DType.UINT16, "cell_ID",
                    "shapeSize");
            res.wideTable(java.util.List.of("0", "1", "2", "3"));
            labels = res.rowCount();
            double te = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Dataset<Row> table = SparkRasterAggregator.builder().mask(new SharedSource("mask"))
                    .image(new SharedSource("image")).build().aggregate(spark);
            table.write().format("noop").mode("overwrite").save();
            double ts = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            SparkRasterAggregator.builder().mask(new SharedSource("mask")).image(new SharedSource("image"))
                    .sorted(false).build().aggregate(spark).write().format("noop").mode("overwrite").save();
            double tu = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "engine (2 threads) %.3f s | spark local[2] sorted %.3f s, unsorted %.3f s%s%n",
                    te, ts, tu, r < 0 ? "  [warm-up]" : "");
            if (r >= 0) {
                engine[r] = te;
                sparkSorted[r] = ts;
                sparkUnsorted[r] = tu;
            }
        }
        spark.stop();
        java.util.Arrays.sort(engine);
        java.util.Arrays.sort(sparkSorted);
        java.util.Arrays.sort(sparkUnsorted);
        System.out.printf(Locale.ROOT, "%n%dx%d x %d ch uint16 (%.0f MB), %d labels, all statistics, %d rounds "
                + "(min / median):%n", size, size, channels, mb, labels, repeats);
        System.out.printf(Locale.ROOT, "  core engine, 2 threads  : %.3f / %.3f s%n", engine[0], engine[repeats / 2]);
        System.out.printf(Locale.ROOT, "  spark local[2], sorted  : %.3f / %.3f s%n", sparkSorted[0],
                sparkSorted[repeats / 2]);
        System.out.printf(Locale.ROOT, "  spark local[2], unsorted: %.3f / %.3f s%n", sparkUnsorted[0],
                sparkUnsorted[repeats / 2]);
        System.out.printf(Locale.ROOT, "  overhead ratio (min, sorted / engine) = %.2f, unsorted = %.2f; median sorted = %.2f%n",
                sparkSorted[0] / engine[0], sparkUnsorted[0] / engine[0],
                sparkSorted[repeats / 2] / engine[repeats / 2]);
    }
}
