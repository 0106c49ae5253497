package org.rasteragg.job.out;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.rasteragg.core.Statistic;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.job.JobException;
import org.rasteragg.job.plan.OutputPlan;
import org.rasteragg.zarr.store.StoreOptions;

/**
 * The wide table as one Parquet file with typed columns, the same schema from every front end:
 * int64 for labels and counts, float64 for statistics, and the image dtype for min/max: INT32
 * annotated INT(8/16/32, signed) or UINT(8/16/32), INT64 for int64 and UINT(64), FLOAT for
 * float32; fov_labels (several fields of view) as a UTF-8 string. All columns are required; NaN
 * stays NaN. Uses Parquet's local-file API (no Hadoop FileSystem); written aside and moved in place
 * on commit. Columns are encoded by {@link ParquetRowGroups} on every core: plain, the voxel count
 * and fov_labels with a dictionary, every page compressed with Zstandard, which Spark, parquet-mr,
 * pyarrow and the other common readers decode.
 */
public final class ParquetTableWriter implements TableWriter {

    /**
     * Zstandard's level 1, measured on the bench's tables: the 4096^2 one (93,595 rows, 33 columns)
     * takes 15.0 MB against 21.7 MB of plain pages, for about 0.08 CPU-s more (0.13 s against 0.09 s
     * on 2 cores); 10^7 two-voxel cells 63 MB against 880 MB in no more wall time (1.8-2.9 s against
     * 2.9-3.5 s: less to write). Level 3 saves 4% more for a quarter more time; level -3 gives back
     * half the gain at 4096^2 and is 3x larger and slower at 10^7.
     */
    private static final int ZSTD_LEVEL = 1;
    /** Encoding threads: column ranges of a row group are encoded side by side. */
    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    private final Output file;
    private final ParquetFileWriter writer;
    private final ParquetRowGroups rowGroups;

    private ParquetTableWriter(Output file, OutputPlan plan, int threads, long rowGroupBytes) throws IOException {
        this.file = file;
        MessageType schema = schema(plan);
        ParquetProperties props = ParquetProperties.builder().withDictionaryEncoding(false).build();
        this.writer = new ParquetFileWriter(new TempOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE,
                rowGroupBytes, 0, null, props);
        try {
            writer.start();
            this.rowGroups = new ParquetRowGroups(writer, schema, plan, props, dictionaryColumns(plan),
                    () -> new ZstdPageCompressor(ZSTD_LEVEL), threads, rowGroupBytes);
        } catch (IOException | RuntimeException e) {
            closeQuietly(writer); // the temporary file itself is removed by the caller
            throw e;
        }
    }

    /** A Parquet file written aside and moved onto {@code target} on commit. */
    public static ParquetTableWriter toFile(Path target, OutputPlan plan) {
        return toFile(target.toString(), plan, StoreOptions.DEFAULT);
    }

    /** As {@link #toFile(Path, OutputPlan)} for a path or an s3:// URI (uploaded on commit). */
    public static ParquetTableWriter toFile(String target, OutputPlan plan, StoreOptions options) {
        return toFile(target, plan, options, THREADS, ParquetWriter.DEFAULT_BLOCK_SIZE);
    }

    /** With {@code threads} encoding threads and row groups of about {@code rowGroupBytes} (for tests). */
    static ParquetTableWriter toFile(String target, OutputPlan plan, StoreOptions options, int threads, long rowGroupBytes) {
        Output f = Output.create(target, "Parquet file", options);
        try {
            return new ParquetTableWriter(f, plan, threads, rowGroupBytes);
        } catch (IOException | RuntimeException | LinkageError e) {
            f.close();
            throw JobException.data("cannot write Parquet file " + target + ": " + JobException.oneLine(e), e);
        }
    }

    /**
     * The columns that get a dictionary, chosen by measurement on the bench's tables: the voxel
     * count, whose few distinct values a dictionary with run-length indices stores in almost nothing
     * (10^7 two-voxel cells: 19 KB against 2.5 MB with Zstandard alone; 4096^2: 78 KB against 101 KB),
     * and the constant fov_labels. With Zstandard on top, the others gain little or lose: min/max
     * 19% smaller at 4096^2 but twice as large at 10^7, bounding boxes 35% larger; doubles no
     * smaller at 4096^2 (nearly all distinct) for 45% more encoding CPU, 12% smaller at 10^7.
     */
    static Set<String> dictionaryColumns(OutputPlan plan) {
        Set<String> names = new HashSet<>();
        names.add(OutputPlan.FOV_COLUMN);
        for (WideColumn c : plan.columns()) {
            if (c.statistic() == Statistic.COUNT) {
                names.add(c.name());
            }
        }
        return names;
    }

    /** The Parquet schema of a plan. */
    public static MessageType schema(OutputPlan plan) {
        List<Type> fields = new ArrayList<>();
        for (WideColumn c : plan.columns()) {
            fields.add(field(c));
            if (plan.multiFov() && c.statistic() == null) {
                fields.add(Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(OutputPlan.FOV_COLUMN));
            }
        }
        return new MessageType("rasteragg_stats", fields);
    }

    private static PrimitiveType field(WideColumn c) {
        DType t = c.type();
        return switch (t) {
            case FLOAT64 -> Types.required(PrimitiveTypeName.DOUBLE).named(c.name());
            case FLOAT32 -> Types.required(PrimitiveTypeName.FLOAT).named(c.name());
            case INT64 -> !c.isChannelStatistic() ? Types.required(PrimitiveTypeName.INT64).named(c.name())
                    : Types.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, true)).named(c.name());
            case UINT64 -> Types.required(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.intType(64, false)).named(c.name());
            default -> Types.required(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.intType(t.byteSize() * 8, t.isSigned())).named(c.name());
        };
    }

    @Override
    public void write(ResultBatch batch) {
        try {
            rowGroups.write(batch);
        } catch (IOException | RuntimeException e) {
            throw JobException.data("cannot write Parquet file " + file.destination() + ": " + JobException.oneLine(e), e);
        }
    }

    @Override
    public void commit() {
        try {
            rowGroups.finish();
            writer.close();
        } catch (IOException | RuntimeException e) {
            throw JobException.data("cannot write Parquet file " + file.destination() + ": " + JobException.oneLine(e), e);
        }
        file.commit();
    }

    /**
     * After {@link #commit}: the bytes of the file's column chunks before compression, the table's
     * data as encoded (the bench's figure beside the file's own size).
     */
    public long uncompressedBytes() {
        long total = 0;
        for (org.apache.parquet.hadoop.metadata.BlockMetaData b : writer.getFooter().getBlocks()) {
            for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c : b.getColumns()) {
                total += c.getTotalUncompressedSize();
            }
        }
        return total;
    }

    @Override
    public void close() {
        rowGroups.close();
        closeQuietly(writer);
        file.close();
    }

    /**
     * Closes the file's stream; without a commit the file has no footer, and it is removed next.
     * (ParquetFileWriter.abort would leave the stream open: an aborted writer's close skips it.)
     */
    private static void closeQuietly(ParquetFileWriter writer) {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the temporary file is removed next
        }
    }
}
