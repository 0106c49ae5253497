package org.rasteragg.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.rasteragg.core.table.Column;
import org.rasteragg.core.table.CsvEncoder;
import org.rasteragg.core.table.DoubleColumn;
import org.rasteragg.core.table.LongColumn;
import org.rasteragg.core.table.StatTable;
import org.rasteragg.core.text.DoubleText;

/**
 * Text throughput of doubles on one thread, the writers' inner loop: 10^7 values like a statistics
 * table's (means of uint16 data, variances, standard deviations, sums), each followed by a separator,
 * written into a 1 MiB buffer that is reused as a writer would flush it. {@link DoubleText} writes
 * bytes directly; the baseline is what {@code StatTable.writeCsv} does today, Double.toString per value
 * appended to a StringBuilder and encoded to bytes. Then whole CSV tables (label, count, eight statistics;
 * 10^6 rows): {@link CsvEncoder} on one and two threads against {@code StatTable.writeCsv}.
 * Reports MB of text per second of wall time and of CPU time (medians of the rounds after a
 * warm-up round). Not a test: the machine's other work makes the figures noisy.
 *
 * <p>Run: {@code java -cp bench/target/classes:core/target/classes org.rasteragg.bench.FormatThroughput [values] [rounds]}
 */
public final class FormatThroughput {

    private static final int BUFFER = 1 << 20;
    /** A byte of every flushed buffer, so the JIT cannot drop the writing. */
    private static volatile int sink;

    private FormatThroughput() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double[] values = statisticLike(n, new SplittableRandom(13));
        System.out.printf("%d doubles, %d rounds, Java %s%n", n, rounds, Runtime.version());
        report("DoubleText.write into byte[]", rounds, () -> viaDoubleText(values));
        report("Double.toString + StringBuilder + getBytes", rounds, () -> viaToString(values));
        StatTable table = statsTable(values);
        for (int threads : new int[] {1, 2}) {
            CsvEncoder encoder = new CsvEncoder(table.columns());
            report("CsvEncoder, " + threads + " thread(s)", rounds, () -> {
                CountingStream out = new CountingStream();
                try {
                    encoder.write(out, threads);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out.count;
            });
        }
        report("StatTable.writeCsv (a String per value)", rounds, () -> {
            CountingStream out = new CountingStream();
            table.writeCsv(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            return out.count;
        });
    }

    /** The values as a statistics table: label, count and eight double columns of n / 10 rows. */
    private static StatTable statsTable(double[] values) {
        int rows = values.length / 10;
        List<Column> columns = new ArrayList<>();
        long[] labels = new long[rows];
        long[] counts = new long[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i + 1;
            counts[i] = 1 + (long) (values[i] % 1000);
        }
        columns.add(new LongColumn("label", labels));
        columns.add(new LongColumn("count", counts));
        for (int c = 0; c < 8; c++) {
            columns.add(new DoubleColumn("stat_" + c, Arrays.copyOfRange(values, (c + 2) * rows, (c + 3) * rows)));
        }
        return new StatTable("stats", columns);
    }

    /** Counts the bytes, keeps one of each write observable. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
            sink += b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            if (len > 0) {
                sink += b[off + len / 2];
            }
        }
    }

    /**
     * Median MB/s of wall time, and MB per second of CPU time of the whole process (JIT and GC
     * included): on a machine shared with other work the second is the steadier figure, and for
     * several threads their sum (so 2 threads at 100% each show half their wall figure).
     */
    private static void report(String name, int rounds, java.util.function.LongSupplier run) {
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        long bytes = 0;
        run.getAsLong(); // warm-up: compiled code from here on
        for (int r = 0; r < rounds; r++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            bytes = run.getAsLong();
            wall[r] = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
            cpu[r] = bytes / 1e6 / ((processCpuNanos() - cpuStart) / 1e9);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%-44s %7.1f MB/s wall median (min %.1f, max %.1f), %7.1f MB per CPU-second, %d bytes%n", name,
                wall[rounds / 2], wall[0], wall[rounds - 1], cpu[rounds / 2], bytes);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Returns the number of bytes written. */
    private static long viaDoubleText(double[] values) {
        byte[] buf = new byte[BUFFER];
        int pos = 0;
        long total = 0;
        for (double v : values) {
            if (pos > BUFFER - DoubleText.MAX_LENGTH - 1) {
                sink += buf[pos / 2];
                total += pos;
                pos = 0;
            }
            pos = DoubleText.write(v, buf, pos);
            buf[pos++] = ',';
        }
        return total + pos;
    }

    private static long viaToString(double[] values) {
        StringBuilder line = new StringBuilder(BUFFER);
        long total = 0;
        for (double v : values) {
            if (line.length() > BUFFER - DoubleText.MAX_LENGTH - 1) {
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                sink += bytes[bytes.length / 2];
                total += bytes.length;
                line.setLength(0);
            }
            line.append(Double.toString(v)).append(',');
        }
        return total + line.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** A table's worth of values: a quarter each of means, variances, standard deviations and sums. */
    static double[] statisticLike(int n, SplittableRandom r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            long count = 1 + r.nextLong(10_000);
            long sum = r.nextLong(65536 * count);
            double variance = r.nextDouble() * 65535.0 * 65535.0 / 4;
            v[i] = switch (i & 3) {
                case 0 -> (double) sum / count;
                case 1 -> variance;
                case 2 -> Math.sqrt(variance);
                default -> sum;
            };
        }
        return v;
    }
}
