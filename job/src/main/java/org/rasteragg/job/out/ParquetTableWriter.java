package org.rasteragg.job.out;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
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
 * on commit.
 */
public final class ParquetTableWriter implements TableWriter {

    private final Output file;
    private final OutputPlan plan;
    private final ParquetWriter<Integer> writer;
    private final BatchWriteSupport support;

    private ParquetTableWriter(Output file, OutputPlan plan) throws IOException {
        this.file = file;
        this.plan = plan;
        this.support = new BatchWriteSupport(plan, schema(plan));
        this.writer = new Builder(new LocalOutputFile(file.temp()), support)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /** A Parquet file written aside and moved onto {@code target} on commit. */
    public static ParquetTableWriter toFile(Path target, OutputPlan plan) {
        return toFile(target.toString(), plan, StoreOptions.DEFAULT);
    }

    /** As {@link #toFile(Path, OutputPlan)} for a path or an s3:// URI (uploaded on commit). */
    public static ParquetTableWriter toFile(String target, OutputPlan plan, StoreOptions options) {
        Output f = Output.create(target, "Parquet file", options);
        try {
            return new ParquetTableWriter(f, plan);
        } catch (IOException | RuntimeException | LinkageError e) {
            f.close();
            throw JobException.data("cannot write Parquet file " + target + ": " + JobException.oneLine(e), e);
        }
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
            support.batch(batch);
            for (int r = 0; r < batch.table().rowCount(); r++) {
                writer.write(r);
            }
        } catch (IOException | RuntimeException e) {
            throw JobException.data("cannot write Parquet file " + file.destination() + ": " + JobException.oneLine(e), e);
        }
    }

    @Override
    public void commit() {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            throw JobException.data("cannot write Parquet file " + file.destination() + ": " + JobException.oneLine(e), e);
        }
        file.commit();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the temporary file is removed next
        }
        file.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final BatchWriteSupport support;

        Builder(OutputFile file, BatchWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Writes row r of the current batch (records are row numbers of the batch). */
    private static final class BatchWriteSupport extends WriteSupport<Integer> {
        private final OutputPlan plan;
        private final MessageType schema;
        private final List<WideColumn> planned;
        private RecordConsumer out;
        private Column[] columns;
        private Binary fov;

        BatchWriteSupport(OutputPlan plan, MessageType schema) {
            this.plan = plan;
            this.schema = schema;
            this.planned = plan.columns();
        }

        void batch(ResultBatch b) {
            columns = new Column[planned.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = b.table().column(planned.get(i).name());
            }
            fov = Binary.fromString(b.fov());
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Integer row) {
            int r = row;
            out.startMessage();
            int field = 0;
            for (int i = 0; i < columns.length; i++) {
                String name = planned.get(i).name();
                out.startField(name, field);
                if (columns[i] instanceof LongColumn l) {
                    out.addLong(l.values()[r]);
                } else {
                    double v = ((DoubleColumn) columns[i]).values()[r];
                    switch (planned.get(i).type()) {
                        case FLOAT64 -> out.addDouble(v);
                        case FLOAT32 -> out.addFloat((float) v);
                        default -> out.addInteger((int) (long) v);
                    }
                }
                out.endField(name, field++);
                if (plan.multiFov() && planned.get(i).statistic() == null) {
                    out.startField(OutputPlan.FOV_COLUMN, field);
                    out.addBinary(fov);
                    out.endField(OutputPlan.FOV_COLUMN, field++);
                }
            }
            out.endMessage();
        }
    }
}
