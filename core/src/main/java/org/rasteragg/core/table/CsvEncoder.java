package org.rasteragg.core.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.rasteragg.core.text.LongText;

/**
 * Encodes a table's columns as UTF-8 CSV, what {@link StatTable#writeCsv} writes (header line,
 * integers as integers, NaN as an empty field, shortest round-trip doubles), fast enough for tables
 * of 10^7 rows: values go from the column arrays straight into byte chunks (no String per value),
 * and row ranges are encoded on several threads while the calling thread writes the finished
 * chunks in row order. At most two chunks per thread are in memory (about 1 MiB each). A name with a
 * comma, quote or line break is quoted (RFC 4180); uint64 long columns are written unsigned.
 * Thread-safe: the columns are only read.
 */
public final class CsvEncoder {

    private static final int DEFAULT_CHUNK_BYTES = 1 << 20;

    private final double[][] doubles;
    private final boolean[] integerTyped;
    private final long[][] longs;
    /** Per column: whether its longs are raw bits of uint64 values (the exact extremes of a uint64 image). */
    private final boolean[] unsigned;
    private final byte[] header;
    private final int rows;
    /** A field written after the first column of every row (the job's fov_labels), or null. */
    private final byte[] afterFirst;
    private final int rowsPerChunk;
    private final int maxChunkBytes;

    /** @param columns equally long columns, in output order */
    public CsvEncoder(List<? extends Column> columns) {
        this(columns, null, DEFAULT_CHUNK_BYTES);
    }

    /**
     * Rows with one more field, the same in every row, after the first column (quoted as a CSV field
     * when it needs to be; not in {@link #header}): a multi-field-of-view table's fov_labels.
     */
    public CsvEncoder(List<? extends Column> columns, String fieldAfterFirst) {
        this(columns, fieldAfterFirst, DEFAULT_CHUNK_BYTES);
    }

    /** With chunks of about {@code chunkBytes} (tests use small ones to get many chunks). */
    CsvEncoder(List<? extends Column> columns, int chunkBytes) {
        this(columns, null, chunkBytes);
    }

    private CsvEncoder(List<? extends Column> columns, String fieldAfterFirst, int chunkBytes) {
        int n = columns.size();
        doubles = new double[n][];
        integerTyped = new boolean[n];
        longs = new long[n][];
        unsigned = new boolean[n];
        rows = n == 0 ? 0 : columns.get(0).size();
        StringBuilder names = new StringBuilder();
        for (int c = 0; c < n; c++) {
            Column column = columns.get(c);
            if (column.size() != rows) {
                throw new IllegalArgumentException("column " + column.name() + " has " + column.size() + " rows, expected " + rows);
            }
            if (column instanceof DoubleColumn d) {
                doubles[c] = d.values();
                integerTyped[c] = d.valueType().isInteger();
            } else {
                longs[c] = ((LongColumn) column).values();
                unsigned[c] = ((LongColumn) column).unsigned();
            }
            names.append(c == 0 ? "" : ",").append(quoted(column.name()));
        }
        header = names.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        afterFirst = fieldAfterFirst == null || n == 0 ? null
                : ("," + quoted(fieldAfterFirst)).getBytes(StandardCharsets.UTF_8);
        int maxRowBytes = Math.max(1, n * (CellText.MAX_LENGTH + 1) + (afterFirst == null ? 0 : afterFirst.length));
        rowsPerChunk = Math.max(1, chunkBytes / maxRowBytes);
        maxChunkBytes = rowsPerChunk * maxRowBytes;
    }

    /** The header line, UTF-8, ending with a newline. */
    public byte[] header() {
        return header.clone();
    }

    /**
     * Writes the header and every row to {@code out} (flushed, not closed), encoding rows on
     * {@code threads} threads; with one, everything runs on the caller. {@code out} needs no buffer of
     * its own: chunks of about 1 MiB are written whole.
     */
    public void write(OutputStream out, int threads) throws IOException {
        out.write(header);
        writeRows(out, threads);
    }

    /**
     * Writes every row, without the header, as {@link #write} does. Each {@code write} call on
     * {@code out} holds whole rows (a UTF-8 character is never split between two calls).
     */
    public void writeRows(OutputStream out, int threads) throws IOException {
        int chunks = (int) ((rows + (long) rowsPerChunk - 1) / rowsPerChunk);
        if (threads > 1 && chunks > 1) {
            writeParallel(out, Math.min(threads, chunks), chunks);
        } else if (chunks > 0) {
            byte[] buf = new byte[maxChunkBytes];
            for (int i = 0; i < chunks; i++) {
                out.write(buf, 0, encodeChunk(i, buf));
            }
        }
        out.flush();
    }

    /** Encodes rows [from, to) into {@code buf} at 0; returns the byte count. {@code buf} must hold {@link #maxBytes}. */
    public int encodeRows(int from, int to, byte[] buf) {
        int pos = 0;
        int last = doubles.length - 1;
        for (int r = from; r < to; r++) {
            for (int c = 0; c <= last; c++) {
                double[] d = doubles[c];
                pos = d != null ? CellText.write(d[r], integerTyped[c], buf, pos)
                        : unsigned[c] ? LongText.writeUnsigned(longs[c][r], buf, pos)
                        : LongText.write(longs[c][r], buf, pos);
                if (c == 0 && afterFirst != null) {
                    System.arraycopy(afterFirst, 0, buf, pos, afterFirst.length);
                    pos += afterFirst.length;
                }
                buf[pos++] = c == last ? (byte) '\n' : (byte) ',';
            }
        }
        return pos;
    }

    /** The most bytes {@code rows} rows take. */
    public long maxBytes(int rowCount) {
        return (long) rowCount * Math.max(1, doubles.length * (CellText.MAX_LENGTH + 1)
                + (afterFirst == null ? 0 : afterFirst.length));
    }

    private int encodeChunk(int chunk, byte[] buf) {
        int from = chunk * rowsPerChunk;
        return encodeRows(from, (int) Math.min(rows, (long) from + rowsPerChunk), buf);
    }

    private record Encoded(byte[] buf, int length) {
    }

    private void writeParallel(OutputStream out, int threads, int chunks) throws IOException {
        int window = 2 * threads;
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(window);
        for (int i = 0; i < window; i++) {
            free.add(new byte[maxChunkBytes]);
        }
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rasteragg-csv-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<CompletableFuture<Encoded>> pending = new ArrayDeque<>();
        try {
            int next = 0;
            for (int written = 0; written < chunks; written++) {
                while (next < chunks && pending.size() < window) {
                    byte[] buf = free.remove(); // a buffer comes back before each new submission
                    int chunk = next++;
                    pending.add(CompletableFuture.supplyAsync(() -> new Encoded(buf, encodeChunk(chunk, buf)), pool));
                }
                Encoded e = finished(pending.remove());
                out.write(e.buf(), 0, e.length());
                free.add(e.buf());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The chunk, or what went wrong encoding it (an out-of-memory error stays what it is). */
    private static Encoded finished(CompletableFuture<Encoded> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** RFC 4180: a name with a comma, quote or line break in quotes, quotes doubled. */
    static String quoted(String name) {
        boolean plain = name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0;
        return plain ? name : '"' + name.replace("\"", "\"\"") + '"';
    }
}
