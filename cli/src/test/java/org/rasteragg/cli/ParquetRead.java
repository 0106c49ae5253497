package org.rasteragg.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads a Parquet file with parquet's own example reader (ParquetFileReader + GroupRecordConverter),
 * a code path independent of the CLI's writer. Values are widened to double, unsigned ones as unsigned.
 */
record ParquetRead(MessageType schema, Map<String, double[]> columns, long rows) {

    /** Receives the records of a file one by one. */
    interface RecordVisitor {
        void visit(MessageType schema, Group record) throws IOException;
    }

    /** The file opened with parquet's own reader and a plain (Hadoop-free) configuration. */
    static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file),
                org.apache.parquet.ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration()).build());
    }

    /** Every record of {@code file}, in order, through parquet's example reader; returns the schema. */
    static MessageType forEachRecord(Path file, RecordVisitor visitor) throws IOException {
        try (ParquetFileReader r = open(file)) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    visitor.visit(schema, rr.read());
                }
            }
            return schema;
        }
    }

    static ParquetRead read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        MessageType schema = forEachRecord(file, (sch, g) -> {
            double[] row = new double[sch.getFieldCount()];
            for (int c = 0; c < row.length; c++) {
                PrimitiveType t = sch.getType(c).asPrimitiveType();
                boolean unsigned = t.getLogicalTypeAnnotation()
                        instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation a && !a.isSigned();
                row[c] = switch (t.getPrimitiveTypeName()) {
                    case INT64 -> unsigned ? Double.parseDouble(Long.toUnsignedString(g.getLong(c, 0)))
                            : g.getLong(c, 0);
                    case INT32 -> unsigned ? Integer.toUnsignedLong(g.getInteger(c, 0)) : g.getInteger(c, 0);
                    case DOUBLE -> g.getDouble(c, 0);
                    case FLOAT -> g.getFloat(c, 0);
                    case BINARY -> Double.NaN; // fov_labels: see the schema; strings are not read

                    default -> throw new IOException("unexpected type " + t);
                };
            }
            rows.add(row);
        });
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < schema.getFieldCount(); c++) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[c];
            }
            cols.put(schema.getFieldName(c), v);
        }
        return new ParquetRead(schema, cols, rows.size());
    }
}
