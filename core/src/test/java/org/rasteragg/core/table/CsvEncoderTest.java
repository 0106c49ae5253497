package org.rasteragg.core.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rasteragg.core.array.DType;

/**
 * {@link CsvEncoder} must give the bytes of a plain loop over {@link Column#format} (the reference
 * below; {@link StatTable#writeCsv} is the encoder itself) for any table, chunking and thread count.
 */
class CsvEncoderTest {

    /** The reference: one String per cell from {@link Column#format}, names quoted per RFC 4180. */
    private static String referenceCsv(StatTable t) {
        StringBuilder out = new StringBuilder();
        List<Column> columns = t.columns();
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c).name();
            boolean plain = name.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
            out.append(c == 0 ? "" : ",").append(plain ? name : '"' + name.replace("\"", "\"\"") + '"');
        }
        out.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                out.append(c == 0 ? "" : ",").append(columns.get(c).format(r));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A table of every kind of column and value: NaN, integer-typed doubles, huge and tiny values, extreme longs. */
    private static StatTable randomTable(long seed, int rows, int columns) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Column> cols = new ArrayList<>();
        cols.add(new LongColumn("label", r.longs(rows, Long.MIN_VALUE, Long.MAX_VALUE).toArray()));
        for (int c = 0; c < columns; c++) {
            int kind = r.nextInt(4);
            if (kind == 0) {
                long[] v = new long[rows];
                for (int i = 0; i < rows; i++) {
                    v[i] = r.nextInt(8) == 0 ? (r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : r.nextLong(100_000);
                }
                cols.add(new LongColumn("count_" + c, v));
            } else {
                double[] v = new double[rows];
                for (int i = 0; i < rows; i++) {
                    v[i] = switch (r.nextInt(6)) {
                        case 0 -> Double.NaN;
                        case 1 -> Double.longBitsToDouble(r.nextLong());
                        case 2 -> r.nextLong(65536);
                        case 3 -> -r.nextDouble() * Math.pow(10, r.nextInt(-12, 12));
                        case 4 -> r.nextBoolean() ? 0x1p63 : -0.0;
                        default -> (double) r.nextLong(65536L * 1000) / (1 + r.nextInt(1000));
                    };
                }
                DType type = kind == 1 ? DType.UINT16 : DType.FLOAT64; // integer-typed: min and max of uint16 images
                cols.add(new DoubleColumn("stat_" + c, v, type));
            }
        }
        return new StatTable("stats", cols);
    }

    private static byte[] encode(StatTable t, int chunkBytes, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvEncoder(t.columns(), chunkBytes).write(out, threads);
        return out.toByteArray();
    }

    @Property(tries = 60)
    void givesStatTablesBytesForAnyChunkingAndThreads(@ForAll long seed, @ForAll @IntRange(max = 3000) int rows,
            @ForAll @IntRange(max = 6) int columns, @ForAll @IntRange(min = 1, max = 6000) int chunkBytes,
            @ForAll @IntRange(min = 1, max = 4) int threads) throws IOException {
        StatTable t = randomTable(seed, rows, columns);
        assertThat(new String(encode(t, chunkBytes, threads), StandardCharsets.UTF_8)).isEqualTo(referenceCsv(t));
        assertThat(t.toCsv()).isEqualTo(referenceCsv(t));
    }

    @Test
    void manyChunksOnTwoThreadsComeOutInRowOrder() throws IOException {
        StatTable t = randomTable(7, 200_000, 5);
        String expected = referenceCsv(t);
        assertThat(new String(encode(t, 1 << 12, 2), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(new String(encode(t, 1 << 20, 3), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void encodesARowRangeIntoACallersBuffer() {
        StatTable t = randomTable(3, 50, 3);
        CsvEncoder e = new CsvEncoder(t.columns());
        byte[] buf = new byte[(int) e.maxBytes(10)];
        int n = e.encodeRows(20, 30, buf);
        String[] lines = referenceCsv(t).split("\n", -1);
        StringBuilder expected = new StringBuilder();
        for (int r = 20; r < 30; r++) {
            expected.append(lines[1 + r]).append('\n');
        }
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void aFieldAfterTheFirstColumnGoesInEveryRowQuotedWhenItMustBe() throws IOException {
        List<Column> cols = List.of(new LongColumn("label", new long[] {1, 2}),
                new DoubleColumn("mean", new double[] {0.5, Double.NaN}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvEncoder(cols, "fov,ü").writeRows(out, 2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1,\"fov,ü\",0.5\n2,\"fov,ü\",\n");
        out.reset();
        new CsvEncoder(cols.subList(0, 1), "f").write(out, 1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("label\n1,f\n2,f\n");
    }

    @Test
    void quotesNamesWithCommasQuotesAndLineBreaks() throws IOException {
        List<Column> cols = List.of(new LongColumn("a,b", new long[] {1}), new LongColumn("say \"hi\"", new long[] {2}),
                new LongColumn("two\nlines", new long[] {3}), new DoubleColumn("ünïcode", new double[] {0.5}));
        StatTable t = new StatTable("t", cols);
        assertThat(new String(encode(t, 1 << 20, 1), StandardCharsets.UTF_8))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",ünïcode\n1,2,3,0.5\n");
        // StatTable writes the encoder's bytes: the line break quoted too (issue 12)
        assertThat(t.toCsv()).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",ünïcode\n1,2,3,0.5\n");
    }

    @Test
    void statTableCsvWithALineBreakInAChannelNameParsesInPythonsCsvModule() throws Exception {
        StatTable t = new StatTable("t", List.of(new LongColumn("cell_ID", new long[] {1, 2}),
                new DoubleColumn("mean_CD3\nCD8", new double[] {0.5, Double.NaN}),
                new DoubleColumn("max_\"a\",b", new double[] {7, 9}, DType.UINT16)));
        String csv = t.toCsv();
        java.nio.file.Path python = java.nio.file.Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(python), "no /usr/bin/python3");
        Process p = new ProcessBuilder(python.toString(), "-c",
                "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo("[[\"cell_ID\", \"mean_CD3\\nCD8\", \"max_\\\"a\\\",b\"], [\"1\", \"0.5\", \"7\"], "
                + "[\"2\", \"\", \"9\"]]");
    }

    @Test
    void uint64LongColumnsAreWrittenUnsigned() throws IOException {
        long[] bits = {-1L, Long.MIN_VALUE, 0, (1L << 53) + 1, -10L, -9L, Long.MAX_VALUE};
        StatTable t = new StatTable("t", List.of(new LongColumn("max_a", bits, DType.UINT64),
                new LongColumn("min_a", bits)));
        assertThat(new String(encode(t, 64, 2), StandardCharsets.UTF_8)).isEqualTo(referenceCsv(t))
                .contains("18446744073709551615,-1\n").contains("9223372036854775808,-9223372036854775808\n")
                .contains("18446744073709551606,-10\n").contains("18446744073709551607,-9\n");
    }

    @Test
    void anEmptyTableIsItsHeader() throws IOException {
        StatTable t = new StatTable("t", List.of(new LongColumn("label", new long[0]), new DoubleColumn("mean", new double[0])));
        assertThat(new String(encode(t, 1 << 20, 2), StandardCharsets.UTF_8)).isEqualTo(referenceCsv(t)).isEqualTo("label,mean\n");
        assertThat(new String(encode(new StatTable("t", List.of()), 1 << 20, 2), StandardCharsets.UTF_8)).isEqualTo(
                referenceCsv(new StatTable("t", List.of())));
    }

    @Test
    void aFailingStreamStopsTheWriteWithItsError() {
        StatTable t = randomTable(11, 100_000, 4);
        OutputStream full = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 100_000) {
                    throw new IOException("No space left on device");
                }
            }
        };
        assertThatThrownBy(() -> new CsvEncoder(t.columns(), 4096).write(full, 3))
                .isInstanceOf(IOException.class).hasMessage("No space left on device");
    }

    @Test
    void columnsOfDifferentLengthsAreRefused() {
        List<Column> cols = List.of(new LongColumn("label", new long[3]), new DoubleColumn("mean", new double[2]));
        assertThatThrownBy(() -> new CsvEncoder(cols)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column mean has 2 rows, expected 3");
    }
}
