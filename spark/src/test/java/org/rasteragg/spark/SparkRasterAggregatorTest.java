package org.rasteragg.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasteragg.core.DuplicateLabelException;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.state.LabelStateMerger;
import org.rasteragg.core.state.LabelStateSerde;

class SparkRasterAggregatorTest {

    private static final List<String> RGB = List.of("r", "g", "b");

    private static SparkSession spark() {
        return LocalSpark.get();
    }

    @ParameterizedTest(name = "{0} block ranges x {1} label buckets")
    @CsvSource({"1, 1", "2, 3", "7, 5", "0, 0", "1000, 4"})
    void everyStatisticEqualsTheCoreEngineForAnyPartitioning(int ranges, int buckets) {
        InMemorySource mask = Fixtures.mask3d(1);
        InMemorySource image = Fixtures.image3d(2);
        Dataset<Row> table = SparkRasterAggregator.builder().mask(mask).image(image).channelNames(RGB)
                .blockPartitions(ranges).labelBuckets(buckets).build().aggregate(spark());
        Fixtures.assertSameTable(table, Fixtures.reference(mask, image, Statistic.all(), null, false, RGB));
    }

    @ParameterizedTest(name = "{0} block ranges x {1} label buckets")
    @CsvSource({"1, 2", "5, 3"})
    void twoDimensionalFloatImageWithNegativeLabels(int ranges, int buckets) {
        InMemorySource mask = Fixtures.mask2d(3);
        InMemorySource image = Fixtures.image2d(4);
        Dataset<Row> table = SparkRasterAggregator.builder().mask(mask).image(image).blockPartitions(ranges)
                .labelBuckets(buckets).build().aggregate(spark());
        Fixtures.assertSameTable(table,
                Fixtures.reference(mask, image, Statistic.all(), null, false, List.of("0", "1")));
    }

    @Test
    void explicitIndexKeepsItsOrderAndGivesAbsentLabelsTheSentinels() {
        InMemorySource mask = Fixtures.mask3d(5);
        InMemorySource image = Fixtures.image3d(6);
        long[] index = {2_000_000_011L, 17, 0, 999_999, 3, 1, 54, -4};
        Set<Statistic> stats = EnumSet.of(Statistic.MEAN, Statistic.MIN, Statistic.MAX, Statistic.COUNT,
                Statistic.KURTOSIS);
        Dataset<Row> table = SparkRasterAggregator.builder().mask(mask).image(image).statistics(stats).index(index)
                .blockPartitions(4).labelBuckets(3).build().aggregate(spark());
        Fixtures.assertSameTable(table, Fixtures.reference(mask, image, stats, index, false, List.of("0", "1", "2")));
        assertThat(table.collectAsList().stream().map(r -> r.getLong(0)).toList())
                .containsExactly(2_000_000_011L, 17L, 0L, 999_999L, 3L, 1L, 54L, -4L);
    }

    @Test
    void excludeBackgroundDropsLabelZero() {
        InMemorySource mask = Fixtures.mask3d(7);
        InMemorySource image = Fixtures.image3d(8);
        Set<Statistic> stats = EnumSet.of(Statistic.SUM, Statistic.VAR, Statistic.CENTER);
        Dataset<Row> table = SparkRasterAggregator.builder().mask(mask).image(image).statistics(stats)
                .excludeBackground(true).blockPartitions(3).labelBuckets(2).build().aggregate(spark());
        Fixtures.assertSameTable(table, Fixtures.reference(mask, image, stats, null, true, List.of("0", "1", "2")));
        assertThat(table.filter("cell_ID = 0").count()).isZero();
    }

    @Test
    void maskOnlyCountAndCenterNeedNoImage() {
        InMemorySource mask = Fixtures.mask3d(9);
        Set<Statistic> stats = EnumSet.of(Statistic.COUNT, Statistic.CENTER);
        Dataset<Row> table = SparkRasterAggregator.builder().mask(mask).blockPartitions(5).labelBuckets(2).build()
                .aggregate(spark());
        Fixtures.assertSameTable(table, Fixtures.reference(mask, null, stats, null, false, List.of()));
        assertThat(table.columns()).containsExactly("cell_ID", "shapeSize", "z", "y", "x");
    }

    @Test
    void mergedStatesAreDisjointBucketsOfTheEngineState() {
        InMemorySource mask = Fixtures.mask3d(10);
        InMemorySource image = Fixtures.image3d(11);
        List<byte[]> buckets = SparkRasterAggregator.builder().mask(mask).image(image).blockPartitions(6)
                .labelBuckets(4).build().mergedStates(spark()).collect();
        assertThat(buckets).hasSize(4);
        LabelState all = null;
        int labels = 0;
        for (byte[] b : buckets) {
            LabelState s = LabelStateSerde.fromBytes(b);
            labels += s.size();
            all = all == null ? s : LabelStateMerger.merge(all, s);
        }
        assertThat(all.size()).isEqualTo(labels);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged(@TempDir Path dir) {
        InMemorySource mask = Fixtures.mask3d(12);
        InMemorySource image = Fixtures.image3d(13);
        Path marker = dir.resolve("failed-once");
        Dataset<Row> table = SparkRasterAggregator.builder().mask(mask).image(image).blockPartitions(4)
                .labelBuckets(2).faultInjection(new FaultInjection(marker.toString(), 1, false))
                .build().aggregate(spark());
        Fixtures.assertSameTable(table,
                Fixtures.reference(mask, image, Statistic.all(), null, false, List.of("0", "1", "2")));
        assertThat(Files.exists(marker)).as("the fault was injected").isTrue();
    }

    @Test
    void badInputsFailOnTheDriverWithClearMessages() {
        InMemorySource mask = Fixtures.mask3d(1);
        assertThatThrownBy(() -> SparkRasterAggregator.builder().mask(mask).statistics(EnumSet.of(Statistic.MEAN))
                .build().aggregate(spark())).isInstanceOf(InvalidInputException.class).hasMessageContaining("image");
        assertThatThrownBy(() -> SparkRasterAggregator.builder().mask(mask).image(Fixtures.image2d(1)).build()
                .aggregate(spark())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SparkRasterAggregator.builder().mask(mask).index(new long[] {1, 2, 1}).build()
                .aggregate(spark())).isInstanceOf(DuplicateLabelException.class);
    }
}
