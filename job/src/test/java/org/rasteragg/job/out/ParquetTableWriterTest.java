package org.rasteragg.job.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.job.StatsJob;
import org.rasteragg.job.plan.OutputPlan;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * The Parquet writer's column ranges (one per thread) and row groups: every value of several
 * batches, edge values included, read back by parquet's own record reader, whatever the thread
 * count and wherever the row groups cut the batches.
 */
class ParquetTableWriterTest {

    private static final List<String> CHANNELS = List.of("DAPI", "CD3", "CD20");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"UINT16, 1, 134217728", "UINT16, 2, 134217728", "UINT16, 3, 200000", "INT8, 2, 50000",
            "FLOAT32, 2, 300000", "INT64, 2, 134217728", "UINT64, 4, 100000"})
    void everyValueOfEveryBatchReadsBack(DType imageType, int threads, long rowGroupBytes) throws IOException {
        StatsJob job = new StatsJob(new StatsJob.Inputs("labels", "image", null, null, null, null), 0, null,
                Statistic.all(), null, false, new StatsJob.Outputs(null, dir.resolve("t.parquet").toString(), null,
                        Statistic.MEAN, false), 0);
        OutputPlan plan = OutputPlan.of(job, CHANNELS, imageType, 2);
        SplittableRandom random = new SplittableRandom(imageType.ordinal() * 31L + threads);
        // 3000 rows x 29 columns is past the size at which the ranges are encoded on their own threads
        List<ResultBatch> batches = List.of(batch(plan, "fov_a", 3000, random), batch(plan, "fov,b", 1, random),
                batch(plan, "fov_c", 4321, random));
        Path file = dir.resolve("t.parquet");
        try (ParquetTableWriter w = ParquetTableWriter.toFile(file.toString(), plan, StoreOptions.DEFAULT, threads,
                rowGroupBytes)) {
            batches.forEach(w::write);
            w.commit();
        }

        List<Group> records = new ArrayList<>();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            assertThat(schema).isEqualTo(ParquetTableWriter.schema(plan));
            List<BlockMetaData> groups = r.getFooter().getBlocks();
            if (rowGroupBytes < 1_000_000) {
                assertThat(groups).hasSizeGreaterThan(3);
            }
            for (BlockMetaData g : groups) {
                assertThat(g.getColumns()).allSatisfy(c -> assertThat(c.getCodec()).isEqualTo(CompressionCodecName.ZSTD));
                // the column chunks of every row group lie in schema order
                assertThat(g.getColumns().stream().map(ColumnChunkMetaData::getPath).toList())
                        .isEqualTo(schema.getColumns().stream().map(c -> c.getPath()).map(
                                org.apache.parquet.hadoop.metadata.ColumnPath::get).toList());
            }
            records.addAll(records(r, schema));
        }
        assertThat(records).hasSize(3000 + 1 + 4321);
        assertRecords(plan, batches, records);
    }

    /**
     * The voxel count's dictionary: few distinct values (the extremes of int64 among them) stay in
     * it, values that outgrow it (parquet-mr's 1 MiB dictionary page) continue as plain pages in the
     * same column chunk, and every value reads back exact, as do int64 and uint64 min and max; the
     * chunk and page statistics (the column index) hold each chunk's and page's true extremes,
     * uint64 ones compared unsigned.
     */
    @ParameterizedTest
    @CsvSource({"INT64", "UINT64"})
    void dictionaryPagesTheirOverflowAndExactLongsReadBack(DType imageType) throws IOException {
        StatsJob job = new StatsJob(new StatsJob.Inputs("labels", "image", null, null, null, null), 0, null,
                java.util.EnumSet.of(Statistic.COUNT, Statistic.MIN, Statistic.MAX), null, false,
                new StatsJob.Outputs(null, dir.resolve("t.parquet").toString(), null, Statistic.MEAN, false), 0);
        OutputPlan plan = OutputPlan.of(job, List.of("c0"), imageType, 2);
        long[] few = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, (1L << 53) + 1, 7};
        SplittableRandom random = new SplittableRandom(imageType.ordinal());
        // batch 1: few distinct counts, then 200,000 distinct ones (past 131,072 entries of 8 bytes)
        ResultBatch overflowing = longBatch(plan, "fov_a", 350_000, r -> r < 150_000 ? few[r % few.length]
                : 1_000_003L * r, random);
        ResultBatch constant = longBatch(plan, "fov_b", 50_000, r -> 2, random);
        Path file = dir.resolve("t.parquet");
        try (ParquetTableWriter w = ParquetTableWriter.toFile(file.toString(), plan, StoreOptions.DEFAULT, 2,
                350_000L * (4 * 8 + 20))) {
            w.write(overflowing);
            w.write(constant);
            w.commit();
        }

        List<Group> records = new ArrayList<>();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            List<BlockMetaData> groups = r.getFooter().getBlocks();
            assertThat(groups).hasSize(2);
            List<Set<Encoding>> counts = new ArrayList<>();
            long first = 0;
            for (BlockMetaData g : groups) {
                for (ColumnChunkMetaData c : g.getColumns()) {
                    String name = c.getPath().toDotString();
                    if (name.equals(OutputPlan.FOV_COLUMN)) {
                        assertThat(c.getEncodings()).as(name).contains(Encoding.PLAIN_DICTIONARY).doesNotContain(Encoding.PLAIN);
                        continue;
                    }
                    if (name.equals("shapeSize")) {
                        counts.add(c.getEncodings());
                    } else {
                        assertThat(c.getEncodings()).as(name).doesNotContain(Encoding.PLAIN_DICTIONARY);
                    }
                    ResultBatch b = first == 0 ? overflowing : constant;
                    long[] values = ((LongColumn) b.table().column(name)).values();
                    boolean unsigned = !name.equals("cell_ID") && !name.equals("shapeSize") && imageType == DType.UINT64;
                    assertExtremes(name, c.getStatistics(), values, 0, values.length, unsigned);
                    ColumnIndex pages = r.readColumnIndex(c);
                    OffsetIndex offsets = r.readOffsetIndex(c);
                    assertThat(offsets.getPageCount()).as(name).isGreaterThan(1);
                    for (int p = 0; p < offsets.getPageCount(); p++) {
                        int from = (int) offsets.getFirstRowIndex(p);
                        int to = (int) offsets.getLastRowIndex(p, g.getRowCount()) + 1;
                        long min = pages.getMinValues().get(p).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
                        long max = pages.getMaxValues().get(p).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
                        assertThat(new long[] {min, max}).as(name + " page " + p)
                                .containsExactly(extremes(values, from, to, unsigned));
                    }
                }
                first += g.getRowCount();
            }
            // the first chunk starts with a dictionary and continues plain; the constant one is all dictionary
            assertThat(counts.get(0)).contains(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN);
            assertThat(counts.get(1)).contains(Encoding.PLAIN_DICTIONARY).doesNotContain(Encoding.PLAIN);
            records.addAll(records(r, schema));
        }
        assertThat(records).hasSize(400_000);
        assertRecords(plan, List.of(overflowing, constant), records);
    }

    private static void assertExtremes(String name, Statistics<?> stats, long[] values, int from, int to, boolean unsigned) {
        assertThat(stats.getNumNulls()).as(name).isZero();
        assertThat(new long[] {(Long) stats.genericGetMin(), (Long) stats.genericGetMax()}).as(name)
                .containsExactly(extremes(values, from, to, unsigned));
    }

    /** The smallest and largest of values[from, to), compared as unsigned or signed 64-bit integers. */
    private static long[] extremes(long[] values, int from, int to, boolean unsigned) {
        long min = values[from];
        long max = values[from];
        for (int i = from; i < to; i++) {
            int lo = unsigned ? Long.compareUnsigned(values[i], min) : Long.compare(values[i], min);
            int hi = unsigned ? Long.compareUnsigned(values[i], max) : Long.compare(values[i], max);
            min = lo < 0 ? values[i] : min;
            max = hi > 0 ? values[i] : max;
        }
        return new long[] {min, max};
    }

    /** Labels 1.., the counts {@code count} gives per row, random min and max with the 64-bit edges. */
    private static ResultBatch longBatch(OutputPlan plan, String fov, int rows, java.util.function.IntToLongFunction count,
            SplittableRandom random) {
        List<Column> columns = new ArrayList<>();
        for (WideColumn c : plan.columns()) {
            long[] v = new long[rows];
            for (int r = 0; r < rows; r++) {
                v[r] = c.statistic() == null ? r + 1 : c.statistic() == Statistic.COUNT ? count.applyAsLong(r)
                        : random.nextLong();
            }
            if (c.statistic() == Statistic.MIN || c.statistic() == Statistic.MAX) {
                edges(v, new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, (1L << 53) + 1});
            }
            columns.add(new LongColumn(c.name(), v, c.type() == DType.UINT64 ? DType.UINT64 : DType.INT64));
        }
        return new ResultBatch(fov, new StatTable("cells", columns), false, null);
    }

    @org.junit.jupiter.api.Test
    void closingWithoutACommitLeavesNoFile() throws IOException {
        StatsJob job = new StatsJob(new StatsJob.Inputs("labels", "image", null, null, null, null), 0, null,
                Statistic.all(), null, false, new StatsJob.Outputs(null, dir.resolve("t.parquet").toString(), null,
                        Statistic.MEAN, false), 0);
        OutputPlan plan = OutputPlan.of(job, CHANNELS, DType.UINT16, 1);
        Path file = dir.resolve("t.parquet");
        try (ParquetTableWriter w = ParquetTableWriter.toFile(file.toString(), plan, StoreOptions.DEFAULT, 2, 100_000)) {
            w.write(batch(plan, "cells", 5000, new SplittableRandom(5)));
        }
        try (var listing = java.nio.file.Files.list(dir)) {
            assertThat(listing).isEmpty();
        }
    }

    /** Every record of the file, through parquet's example reader. */
    private static List<Group> records(ParquetFileReader r, MessageType schema) throws IOException {
        List<Group> records = new ArrayList<>();
        PageReadStore pages;
        while ((pages = r.readNextRowGroup()) != null) {
            RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema)
                    .getRecordReader(pages, new GroupRecordConverter(schema));
            for (long i = 0; i < pages.getRowCount(); i++) {
                records.add(rr.read());
            }
        }
        return records;
    }

    private static void assertRecords(OutputPlan plan, List<ResultBatch> batches, List<Group> records) {
        int at = 0;
        for (ResultBatch b : batches) {
            for (int row = 0; row < b.table().rowCount(); row++, at++) {
                assertRecord(plan, b, row, records.get(at));
            }
        }
    }

    private static void assertRecord(OutputPlan plan, ResultBatch b, int row, Group record) {
        int field = 0;
        for (WideColumn c : plan.columns()) {
            Column column = b.table().column(c.name());
            String where = c.name() + " of row " + row + " of " + b.fov();
            if (column instanceof LongColumn l) {
                assertThat(record.getLong(field, 0)).as(where).isEqualTo(l.values()[row]);
            } else {
                double v = ((DoubleColumn) column).values()[row];
                switch (c.type()) {
                    case FLOAT64 -> assertThat(Double.doubleToRawLongBits(record.getDouble(field, 0))).as(where)
                            .isEqualTo(Double.doubleToRawLongBits(v));
                    case FLOAT32 -> assertThat(Float.floatToRawIntBits(record.getFloat(field, 0))).as(where)
                            .isEqualTo(Float.floatToRawIntBits((float) v));
                    default -> assertThat(record.getInteger(field, 0)).as(where).isEqualTo((int) v);
                }
            }
            field++;
            if (c.statistic() == null) {
                assertThat(record.getString(field++, 0)).as(where).isEqualTo(b.fov());
            }
        }
    }

    /** A batch of {@code rows} rows: random values of each column's type, and its edge values. */
    private static ResultBatch batch(OutputPlan plan, String fov, int rows, SplittableRandom random) {
        List<Column> columns = new ArrayList<>();
        for (WideColumn c : plan.columns()) {
            if (c.isLong()) {
                long[] v = random.longs(rows).toArray();
                edges(v, new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1});
                columns.add(new LongColumn(c.name(), v, c.type() == DType.UINT64 ? DType.UINT64 : DType.INT64));
            } else {
                double[] v = new double[rows];
                for (int r = 0; r < rows; r++) {
                    v[r] = value(c.type(), random);
                }
                columns.add(new DoubleColumn(c.name(), v, c.type()));
            }
        }
        return new ResultBatch(fov, new StatTable("cells", columns), false, null);
    }

    private static void edges(long[] v, long[] edges) {
        System.arraycopy(edges, 0, v, 0, Math.min(v.length, edges.length));
    }

    private static double value(DType type, SplittableRandom random) {
        return switch (type) {
            case FLOAT64 -> switch (random.nextInt(8)) {
                case 0 -> new double[] {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, 0x1p53 + 2}[random.nextInt(8)];
                case 1 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextDouble() * 65535;
            };
            case FLOAT32 -> random.nextInt(8) == 0 ? Float.NaN : (float) (random.nextDouble() * 1e6 - 5e5);
            default -> type.isSigned() ? random.nextInt(-(1 << (type.byteSize() * 8 - 1)), 1 << (type.byteSize() * 8 - 1))
                    : random.nextInt(1 << Math.min(30, type.byteSize() * 8));
        };
    }
}
