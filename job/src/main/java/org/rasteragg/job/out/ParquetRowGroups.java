package org.rasteragg.job.out;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.rasteragg.core.array.DType;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.WideColumn;
import org.rasteragg.job.plan.OutputPlan;

/**
 * Writes a plan's batches into a Parquet file's row groups through parquet-mr's column writers
 * (no record assembly: each column's values go to its writer in a tight loop). The schema's columns
 * are cut into contiguous ranges of about equal width, one per thread; each range is encoded into
 * its own page store, and when a row group is full the stores are written to the file one after
 * the other, so the column chunks lie in schema order. Row groups hold about as many bytes as asked
 * (ParquetWriter's default: {@link ParquetWriter#DEFAULT_BLOCK_SIZE}). Not thread-safe.
 */
final class ParquetRowGroups implements AutoCloseable {

    /**
     * Rows written column by column before the store counts them and may cut pages: a divisor of
     * parquet-mr's page row limit (20,000), so that pages hold that many rows, not a slab more.
     */
    private static final int SLAB_ROWS = 4000;
    /** Below this many cells (rows x columns) in a write, one thread encodes everything. */
    private static final long PARALLEL_CELLS = 1 << 16;

    private final ParquetFileWriter file;
    private final ParquetProperties props;
    private final Supplier<BytesInputCompressor> compressors;
    private final Set<String> dictionaryColumns;
    private final List<WideColumn> planned;
    private final List<Range> ranges = new ArrayList<>();
    private final ExecutorService pool;
    private final long rowsPerGroup;
    private long rowsInGroup;

    /**
     * @param file a started file writer of {@code schema}
     * @param schema {@link ParquetTableWriter#schema} of {@code plan}
     * @param rowGroupBytes about how many bytes of values a row group holds
     */
    ParquetRowGroups(ParquetFileWriter file, MessageType schema, OutputPlan plan, ParquetProperties props,
            Set<String> dictionaryColumns, Supplier<BytesInputCompressor> compressors, int threads, long rowGroupBytes) {
        this.file = file;
        this.props = props;
        this.dictionaryColumns = dictionaryColumns;
        this.compressors = compressors;
        this.planned = plan.columns();
        List<Leaf> leaves = new ArrayList<>();
        int planColumn = 0;
        long rowBytes = 0;
        for (Type field : schema.getFields()) {
            boolean fov = field.getName().equals(OutputPlan.FOV_COLUMN) && plan.multiFov();
            Leaf leaf = new Leaf(field, fov ? -1 : planColumn++, width(field.asPrimitiveType()));
            leaves.add(leaf);
            rowBytes += leaf.width();
        }
        rowsPerGroup = Math.max(1, rowGroupBytes / Math.max(1, rowBytes));
        int parts = Math.max(1, Math.min(threads, leaves.size()));
        int from = 0;
        long width = 0;
        for (int p = 0; p < parts; p++) {
            // A range ends where the columns so far reach its share of the row's width, leaving one
            // column at least for each range after it.
            long share = rowBytes * (p + 1) / parts;
            int last = leaves.size() - (parts - p - 1);
            int to = from;
            do {
                width += leaves.get(to++).width();
            } while (to < last && width < share);
            if (p == parts - 1) {
                to = leaves.size();
            }
            ranges.add(new Range(new MessageType(schema.getName(), fieldsOf(leaves.subList(from, to))),
                    List.copyOf(leaves.subList(from, to))));
            from = to;
        }
        AtomicInteger names = new AtomicInteger();
        pool = ranges.size() < 2 ? null : Executors.newFixedThreadPool(ranges.size() - 1, r -> {
            Thread t = new Thread(r, "rasteragg-parquet-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static List<Type> fieldsOf(List<Leaf> leaves) {
        List<Type> fields = new ArrayList<>();
        for (Leaf l : leaves) {
            fields.add(l.field());
        }
        return fields;
    }

    /** Plain-encoded bytes of one value (a string's length prefix and a short name for fov_labels). */
    private static int width(PrimitiveType t) {
        return switch (t.getPrimitiveTypeName()) {
            case INT32, FLOAT -> 4;
            case BINARY -> 4 + 16;
            default -> 8;
        };
    }

    /** Appends the batch's rows, writing each row group to the file when it is full. */
    void write(ResultBatch batch) throws IOException {
        Column[] columns = new Column[planned.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = batch.table().column(planned.get(i).name());
        }
        Binary fov = Binary.fromString(batch.fov());
        int rows = batch.table().rowCount();
        for (int from = 0; from < rows; ) {
            int to = (int) Math.min(rows, from + rowsPerGroup - rowsInGroup);
            encode(columns, fov, from, to);
            rowsInGroup += to - from;
            if (rowsInGroup == rowsPerGroup) {
                flushGroup();
            }
            from = to;
        }
    }

    /** Writes the last row group (if it has rows) and the footer. */
    void finish() throws IOException {
        flushGroup();
        file.end(new HashMap<>());
    }

    private void encode(Column[] columns, Binary fov, int from, int to) {
        onEveryRange(to - from, r -> r.encode(columns, fov, from, to));
    }

    /** Runs {@code task} on every range: on their own threads when {@code rows} are worth it. */
    private void onEveryRange(long rows, Consumer<Range> task) {
        boolean parallel = pool != null && rows * planned.size() >= PARALLEL_CELLS;
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = parallel ? 1 : ranges.size(); i < ranges.size(); i++) {
            Range r = ranges.get(i);
            others.add(CompletableFuture.runAsync(() -> task.accept(r), pool));
        }
        try {
            for (int i = 0; i < (parallel ? 1 : ranges.size()); i++) {
                task.accept(ranges.get(i));
            }
        } finally {
            // Every task ends before the batch's columns may be released or the stores flushed.
            RuntimeException first = null;
            for (CompletableFuture<Void> f : others) {
                try {
                    f.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    first = first != null ? first : e.getCause() instanceof RuntimeException re ? re : e;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private void flushGroup() throws IOException {
        if (rowsInGroup == 0) {
            return;
        }
        // The last pages of every column are encoded and compressed side by side, then written in order.
        onEveryRange(rowsInGroup, Range::endPages);
        file.startBlock(rowsInGroup);
        for (Range r : ranges) {
            r.writeTo(file);
        }
        file.endBlock();
        rowsInGroup = 0;
    }

    /** Stops the encoding threads and drops what a row group holds; never throws. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        for (Range r : ranges) {
            r.release();
            r.compressor.release();
        }
    }

    /** A column of the file: its field and the plan column it comes from (-1: the constant fov_labels). */
    private record Leaf(Type field, int planColumn, int width) {
    }

    /** Contiguous columns encoded by one thread into their own stores, open while a row group fills. */
    private final class Range {
        private final MessageType schema;
        private final List<Leaf> leaves;
        /**
         * The shared properties with this thread's own recycled buffers, and its own values-writer
         * factory: a factory keeps the properties it was last built with (their allocator included).
         */
        private final ParquetProperties rangeProps = ParquetProperties.copy(props).withAllocator(new RecyclingAllocator())
                .withValuesWriterFactory(new ColumnEncodings(dictionaryColumns)).build();
        /** This thread's compressor (a Zstandard one holds a native context). */
        private final BytesInputCompressor compressor = compressors.get();
        private ColumnChunkPageWriteStore pages;
        private ColumnWriteStore store;
        private ColumnWriter[] writers;

        Range(MessageType schema, List<Leaf> leaves) {
            this.schema = schema;
            this.leaves = leaves;
        }

        void encode(Column[] columns, Binary fov, int from, int to) {
            if (store == null) {
                // This constructor, not the builder of parquet-mr 1.17: Spark 4.0 brings parquet-mr 1.15.
                pages = new ColumnChunkPageWriteStore(compressor, schema, rangeProps.getAllocator(),
                        rangeProps.getColumnIndexTruncateLength(), rangeProps.getPageWriteChecksumEnabled());
                store = rangeProps.newColumnWriteStore(schema, pages, pages);
                List<ColumnDescriptor> descriptors = schema.getColumns();
                writers = new ColumnWriter[descriptors.size()];
                for (int i = 0; i < writers.length; i++) {
                    writers[i] = store.getColumnWriter(descriptors.get(i));
                }
            }
            for (int s = from; s < to; s += SLAB_ROWS) {
                int e = Math.min(to, s + SLAB_ROWS);
                for (int i = 0; i < writers.length; i++) {
                    Leaf leaf = leaves.get(i);
                    if (leaf.planColumn() < 0) {
                        writeConstant(writers[i], fov, e - s);
                    } else {
                        writeValues(writers[i], columns[leaf.planColumn()], planned.get(leaf.planColumn()).type(), s, e);
                    }
                }
                for (int r = s; r < e; r++) {
                    store.endRecord();
                }
            }
        }

        /** Writes the row group's last pages into the page store. */
        void endPages() {
            store.flush();
        }

        /** Writes the range's column chunks of the row group and closes its stores (as ParquetWriter does). */
        void writeTo(ParquetFileWriter file) throws IOException {
            pages.flushToFileWriter(file);
            store.close();
            pages.close();
            release();
        }

        /** Drops the stores (heap buffers only: nothing to close when the file is abandoned). */
        void release() {
            store = null;
            pages = null;
            writers = null;
        }
    }

    private static void writeConstant(ColumnWriter w, Binary value, int count) {
        for (int i = 0; i < count; i++) {
            w.write(value, 0, 0);
        }
    }

    /**
     * Rows [from, to) of a column as its Parquet type: longs (uint64 ones as their raw bits) as INT64;
     * doubles as float64, float32, or int32 for the integer types up to 32 bits.
     */
    private static void writeValues(ColumnWriter w, Column column, DType type, int from, int to) {
        if (column instanceof LongColumn l) {
            long[] v = l.values();
            for (int r = from; r < to; r++) {
                w.write(v[r], 0, 0);
            }
            return;
        }
        double[] v = ((DoubleColumn) column).values();
        switch (type) {
            case FLOAT64 -> {
                for (int r = from; r < to; r++) {
                    w.write(v[r], 0, 0);
                }
            }
            case FLOAT32 -> {
                for (int r = from; r < to; r++) {
                    w.write((float) v[r], 0, 0);
                }
            }
            default -> {
                for (int r = from; r < to; r++) {
                    w.write((int) (long) v[r], 0, 0);
                }
            }
        }
    }
}
