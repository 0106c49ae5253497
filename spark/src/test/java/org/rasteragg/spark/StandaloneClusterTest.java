package org.rasteragg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.table.StatTable;

/**
 * The job on a real standalone cluster: a master and two workers (one core, 1 GB each) as separate
 * JVMs on 127.0.0.1, a driver in this JVM. Checks the result against the core engine, then kills an
 * executor JVM in the middle of a job and checks that Spark's retries still give the same numbers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = java.util.concurrent.TimeUnit.SECONDS)
class StandaloneClusterTest {

    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;
    private static SparkSession spark;

    private static final long[] SHAPE = {2, 160, 192};
    private static final SyntheticSource MASK = SyntheticSource.mask(SHAPE, 180, 2, 7, new int[] {1, 64, 64});
    private static final SyntheticSource IMAGE = SyntheticSource.image(SHAPE, 180, 2, 7, new int[] {2, 1, 48, 64});

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(StandaloneCluster.loopbackSocketsWork(),
                "this sandbox does not allow listening on 127.0.0.1, so no standalone cluster can run");
        LocalSpark.stop();
        cluster = new StandaloneCluster(dir, 2, 1, "1g");
        spark = clusterSession(cluster.masterUrl());
    }

    static SparkSession clusterSession(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("rasteragg-cluster-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.memory", "512m")
                .config("spark.executor.cores", "1")
                .config("spark.cores.max", "2")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions", "-XX:+UseSerialGC")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.task.maxFailures", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (spark != null) {
                spark.stop();
                SparkSession.clearActiveSession();
                SparkSession.clearDefaultSession();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static StatTable reference() {
        return Fixtures.reference(MASK, IMAGE, Statistic.all(), null, false, List.of("0", "1"));
    }

    @Test
    @Order(1)
    void theJobOnTwoWorkersEqualsTheCoreEngine() {
        Dataset<Row> table = SparkRasterAggregator.builder().mask(MASK).image(IMAGE).blockPartitions(6)
                .labelBuckets(3).build().aggregate(spark);
        Fixtures.assertSameTable(table, reference());
        assertThat(spark.sparkContext().getExecutorMemoryStatus().size()).as("driver + two executors").isEqualTo(3);
    }

    @Test
    @Order(2)
    void anExecutorKilledMidJobIsReplacedAndTheResultIsUnchanged() {
        Path marker = dir.resolve("executor-killed");
        Dataset<Row> table = SparkRasterAggregator.builder().mask(MASK).image(IMAGE).blockPartitions(6)
                .labelBuckets(3)
                .faultInjection(new FaultInjection(marker.toString(), 3, true))
                .build().aggregate(spark);
        Fixtures.assertSameTable(table, reference());
        assertThat(Files.exists(marker)).as("an executor JVM was halted").isTrue();
    }

    @Test
    @Order(3)
    void theMainClassRunsOnTheClusterAndWritesParquet() throws Exception {
        Path mask = dir.resolve("cluster-mask.zarr");
        Path image = dir.resolve("cluster-image.zarr");
        InMemorySource m = Fixtures.mask3d(31);
        InMemorySource i = Fixtures.image3d(32);
        java.nio.file.Files.createDirectories(mask);
        java.nio.file.Files.createDirectories(image);
        org.rasteragg.zarr.array.ZarrArrayWriter.builder(new org.rasteragg.zarr.store.FileSystemStore(mask), "")
                .shape(m.shape()).chunks(m.chunkShape()).dtype(m.dtype()).create().writeAll(m.data());
        org.rasteragg.zarr.array.ZarrArrayWriter.builder(new org.rasteragg.zarr.store.FileSystemStore(image), "")
                .shape(i.shape()).chunks(i.chunkShape()).dtype(i.dtype()).create().writeAll(i.data());
        Path parquet = dir.resolve("cluster.parquet");
        SparkStatsMainTest.Result r = SparkStatsMainTest.main("--spark", cluster.masterUrl(), "--labels",
                mask.toString(), "--image", image.toString(), "--parquet", parquet.toString(), "--partitions", "4");
        assertThat(r.code()).as(r.err()).isZero();
        Fixtures.assertSameTable(spark.read().parquet(parquet.toString()).orderBy("cell_ID"),
                Fixtures.reference(m, i, Statistic.all(), null, false, List.of("0", "1", "2")));
    }
}
