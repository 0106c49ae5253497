package org.rasteragg.cli.out;

import java.io.IOException;
import java.nio.file.Files;
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
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;

/**
 * Writes a {@link StatTable} as a Parquet file with typed columns: int64 for {@link LongColumn}s
 * (labels, counts), float64 for statistics, and the image dtype for min/max columns (a
 * {@link DoubleColumn} whose value type is not FLOAT64): INT32 annotated INT(8/16/32, signed) or
 * UINT(8/16/32), INT64 for int64 and UINT(64), FLOAT for float32. All columns are required; NaN
 * stays NaN. Uses Parquet's local-file API (no Hadoop FileSystem). Stateless; thread-safe.
 */
public final class ParquetTableWriter {

    private ParquetTableWriter() {
    }

    /** The Parquet schema of a table. */
    public static MessageType schema(StatTable table) {
        List<Type> fields = new ArrayList<>();
        for (Column c : table.columns()) {
            fields.add(field(c));
        }
        return new MessageType("rasteragg_" + table.name(), fields);
    }

    private static PrimitiveType field(Column c) {
        if (c instanceof LongColumn) {
            return Types.required(PrimitiveTypeName.INT64).named(c.name());
        }
        DType t = ((DoubleColumn) c).valueType();
        return switch (t) {
            case FLOAT64 -> Types.required(PrimitiveTypeName.DOUBLE).named(c.name());
            case FLOAT32 -> Types.required(PrimitiveTypeName.FLOAT).named(c.name());
            case INT64, UINT64 -> Types.required(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.intType(64, t.isSigned())).named(c.name());
            default -> Types.required(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.intType(t.byteSize() * 8, t.isSigned())).named(c.name());
        };
    }

    /** Writes {@code table} to {@code file}, replacing it. */
    public static void write(StatTable table, Path file) throws IOException {
        Files.deleteIfExists(file);
        MessageType schema = schema(table);
        try (ParquetWriter<Integer> w = new Builder(new LocalOutputFile(file), table, schema)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (int r = 0; r < table.rowCount(); r++) {
                w.write(r);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final StatTable table;
        private final MessageType schema;

        Builder(OutputFile file, StatTable table, MessageType schema) {
            super(file);
            this.table = table;
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(table, schema);
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(table, schema);
        }
    }

    /** Writes row r of the table (records are row numbers). */
    private static final class RowWriteSupport extends WriteSupport<Integer> {
        private final StatTable table;
        private final MessageType schema;
        private RecordConsumer out;

        RowWriteSupport(StatTable table, MessageType schema) {
            this.table = table;
            this.schema = schema;
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
            List<Column> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                out.startField(c.name(), i);
                if (c instanceof LongColumn l) {
                    out.addLong(l.values()[r]);
                } else {
                    DoubleColumn d = (DoubleColumn) c;
                    double v = d.values()[r];
                    switch (d.valueType()) {
                        case FLOAT64 -> out.addDouble(v);
                        case FLOAT32 -> out.addFloat((float) v);
                        case INT64 -> out.addLong((long) v);
                        case UINT64 -> out.addLong(v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : (long) v);
                        default -> out.addInteger((int) (long) v);
                    }
                }
                out.endField(c.name(), i);
            }
            out.endMessage();
        }
    }
}
