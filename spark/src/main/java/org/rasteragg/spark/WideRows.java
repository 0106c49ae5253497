package org.rasteragg.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.state.LabelState;
import org.rasteragg.core.table.AggregationResult;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.table.WideColumn;

/**
 * The wide table as Spark rows: its schema (core's wide columns; min and max in a Spark type that
 * holds the image dtype exactly) and the rows of one merged label bucket. Stateless.
 */
final class WideRows {

    private WideRows() {
    }

    /** The Spark schema of the wide table: core's wide columns, min and max in the image dtype. */
    static StructType schema(SparkRasterAggregator.JobSpec job) {
        List<StructField> fields = new ArrayList<>();
        for (WideColumn c : AggregationResult.wideColumns(job.statistics(), job.quantiles(), job.channelNames(),
                job.imageType(), job.instanceKey(), job.instanceSizeKey())) {
            DataType type = c.isLong() ? sparkType(c.type())
                    : c.type() == DType.FLOAT64 ? DataTypes.DoubleType : sparkType(c.type());
            fields.add(DataTypes.createStructField(c.name(), type, false));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * The Spark type holding values of an image dtype exactly (min and max are in the image's own
     * dtype): unsigned types widen to the next signed type; uint64 becomes decimal(20, 0), exact
     * for 0 .. 2^64 - 1 (Spark has no unsigned 64-bit integer; its Parquet reader maps the local
     * command's UINT_64 columns to the same type, and the CSV text is the same digits).
     */
    static DataType sparkType(DType dtype) {
        return switch (dtype) {
            case INT8 -> DataTypes.ByteType;
            case UINT8, INT16 -> DataTypes.ShortType;
            case UINT16, INT32 -> DataTypes.IntegerType;
            case UINT32, INT64 -> DataTypes.LongType;
            case FLOAT32 -> DataTypes.FloatType;
            case UINT64 -> UINT64_TYPE;
            case FLOAT64 -> DataTypes.DoubleType;
        };
    }

    /** The Spark type of uint64 values. */
    static final DataType UINT64_TYPE = DataTypes.createDecimalType(20, 0);

    /** A uint64 value (raw bits) as the Java object of {@link #UINT64_TYPE}. */
    static java.math.BigDecimal uint64Value(long bits) {
        return new java.math.BigDecimal(new java.math.BigInteger(Long.toUnsignedString(bits)));
    }

    /** A min or max value as the Java object of {@link #sparkType}. */
    private static Object typedValue(DType dtype, double v) {
        return switch (dtype) {
            case INT8 -> (byte) v;
            case UINT8, INT16 -> (short) v;
            case UINT16, INT32 -> (int) v;
            case UINT32, INT64 -> (long) v;
            case FLOAT32 -> (float) v;
            // uint64 min and max come as exact long columns (WideRows.of); a float64 one would have lost digits
            case UINT64 -> throw new IllegalStateException("uint64 min/max must come as an exact long column");
            case FLOAT64 -> v;
        };
    }

    /**
     * The wide-table rows of the labels of {@code index} that fall into {@code bucket} (in index
     * order), each with its position in the index as a last column, from the bucket's merged state.
     */
    static List<Row> ofIndex(SparkRasterAggregator.JobSpec job, LabelState state, long[] index, int bucket) {
        int n = 0;
        for (long label : index) {
            if (inBucket(job, label, bucket)) {
                n++;
            }
        }
        long[] labels = new long[n];
        long[] positions = new long[n];
        n = 0;
        for (int p = 0; p < index.length; p++) {
            if (inBucket(job, index[p], bucket)) {
                labels[n] = index[p];
                positions[n++] = p;
            }
        }
        return of(job, state, labels, positions);
    }

    private static boolean inBucket(SparkRasterAggregator.JobSpec job, long label, int bucket) {
        return LabelState.partOf(label, job.buckets()) == bucket && !(job.excludeBackground() && label == 0);
    }

    /** The wide-table rows of one bucket: its own labels (ascending), or the given index labels. */
    static List<Row> of(SparkRasterAggregator.JobSpec job, LabelState state, long[] labels, long[] positions) {
        if (labels == null) {
            labels = state.labels();
            java.util.Arrays.sort(labels);
            if (job.excludeBackground() && labels.length > 0 && java.util.Arrays.binarySearch(labels, 0L) >= 0) {
                labels = java.util.Arrays.stream(labels).filter(l -> l != 0).toArray();
            }
        }
        AggregationResult result = AggregationResult.computeAndRelease(state, job.statistics(), job.quantiles(), labels,
                job.imageType(), job.instanceKey(), job.instanceSizeKey(), 1);
        StatTable table = result.wideTable(job.channelNames());
        List<Column> columns = table.columns();
        int width = columns.size() + (positions == null ? 0 : 1);
        List<Row> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            Object[] values = new Object[width];
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                if (col instanceof LongColumn l) {
                    values[c] = l.unsigned() ? uint64Value(l.values()[r]) : (Object) l.values()[r];
                } else {
                    DoubleColumn d = (DoubleColumn) col;
                    values[c] = d.valueType() == DType.FLOAT64 ? (Object) d.values()[r]
                            : typedValue(d.valueType(), d.values()[r]);
                }
            }
            if (positions != null) {
                values[width - 1] = positions[r];
            }
            rows.add(RowFactory.create(values));
        }
        return rows;
    }
}
