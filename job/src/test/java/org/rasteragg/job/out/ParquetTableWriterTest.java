package org.rasteragg.job.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
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
                // the column chunks of every row group lie in schema order
                assertThat(g.getColumns().stream().map(ColumnChunkMetaData::getPath).toList())
                        .isEqualTo(schema.getColumns().stream().map(c -> c.getPath()).map(
                                org.apache.parquet.hadoop.metadata.ColumnPath::get).toList());
            }
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    records.add(rr.read());
                }
            }
        }
        assertThat(records).hasSize(3000 + 1 + 4321);
        int at = 0;
        for (ResultBatch b : batches) {
            for (int row = 0; row < b.table().rowCount(); row++, at++) {
                assertRecord(plan, b, row, records.get(at));
            }
        }
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
