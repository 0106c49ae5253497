package org.rasteragg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.spatialdata.SpatialDataWriter;
import org.rasteragg.zarr.store.FileSystemStore;

/**
 * Issue 12: min and max of int64 and uint64 images are exact in the image's dtype in CSV, Parquet
 * and the AnnData table's obs (2^53 + 1, 2^63 - 1, -2^63, 2^64 - 1), not rounded through float64.
 * The expected values come from a plain loop over the voxels here; mask and image have different
 * chunk grids. The table is read back by python anndata (tools/fixtures/cli/print_obs.py), skipped
 * where /usr/bin/python3 cannot import anndata.
 */
class Int64ExtremesTest {

    static final int H = 7;
    static final int W = 9;

    @TempDir
    Path dir;

    private Path writeMask(int[] mask) throws IOException {
        Path p = Files.createDirectories(dir.resolve("mask.zarr"));
        ZarrArrayWriter.builder(new FileSystemStore(p), "").zarrFormat(2).shape(H, W).chunks(3, 5).dtype(DType.INT32)
                .create().writeAll(mask);
        return p;
    }

    private Path writeImage(DType type, long[] image) throws IOException {
        Path p = Files.createDirectories(dir.resolve(type.numpyName() + ".zarr"));
        ZarrArrayWriter.builder(new FileSystemStore(p), "").zarrFormat(2).shape(2, H, W).chunks(1, 4, 4).dtype(type)
                .create().writeAll(image);
        return p;
    }

    /** Labels 1..3 (and background 0) scattered; channel 0 holds the extremes, channel 1 small noise. */
    private static int[] mask() {
        int[] m = new int[H * W];
        SplittableRandom rnd = new SplittableRandom(12);
        for (int i = 0; i < m.length; i++) {
            m[i] = rnd.nextInt(4);
        }
        m[0] = 1;
        m[1] = 2;
        m[2] = 3;
        m[H * W - 1] = 1;
        m[H * W - 2] = 2;
        return m;
    }

    private static long[] image(int[] mask, long[] extremes) {
        long[] v = new long[2 * H * W];
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < H * W; i++) {
            v[i] = 1000 + rnd.nextInt(100);
            v[H * W + i] = rnd.nextInt(50);
        }
        // label 1: extremes[0] and extremes[1]; label 2: extremes[2] and extremes[3]; label 3 all extremes[4]
        v[0] = extremes[0];
        v[H * W - 1] = extremes[1];
        v[1] = extremes[2];
        v[H * W - 2] = extremes[3];
        for (int i = 0; i < H * W; i++) {
            if (mask[i] == 3) {
                v[i] = extremes[4];
            }
        }
        return v;
    }

    /** Per label 0..3 and channel: min and max by a plain loop. */
    private static long[][] expected(int[] mask, long[] image, boolean unsigned, boolean max) {
        long[][] out = new long[4][2];
        for (long[] row : out) {
            java.util.Arrays.fill(row, max ? (unsigned ? 0 : Long.MIN_VALUE) : (unsigned ? -1 : Long.MAX_VALUE));
        }
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < H * W; i++) {
                long v = image[c * H * W + i];
                long cur = out[mask[i]][c];
                int cmp = unsigned ? Long.compareUnsigned(v, cur) : Long.compare(v, cur);
                if (max ? cmp > 0 : cmp < 0) {
                    out[mask[i]][c] = v;
                }
            }
        }
        return out;
    }

    private void check(DType type, long[] extremes) throws IOException {
        boolean unsigned = type == DType.UINT64;
        int[] mask = mask();
        long[] image = image(mask, extremes);
        Path m = writeMask(mask);
        Path img = writeImage(type, image);
        Path csv = dir.resolve(type.numpyName() + ".csv");
        Path parquet = dir.resolve(type.numpyName() + ".parquet");
        Cli r = DiskStores.run("stats", "--labels", m.toString(), "--image", img.toString(), "--stats", "min,max",
                "--csv", csv.toString(), "--parquet", parquet.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        long[][] min = expected(mask, image, unsigned, false);
        long[][] max = expected(mask, image, unsigned, true);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("cell_ID,shapeSize,min_0,min_1,max_0,max_1");
        MessageType schema = schema(parquet);
        List<long[]> pq = rows(parquet);
        for (int label = 0; label < 4; label++) {
            String[] f = lines.get(label + 1).split(",");
            long[] p = pq.get(label);
            for (int c = 0; c < 2; c++) {
                assertThat(f[2 + c]).as("CSV min label " + label + " channel " + c).isEqualTo(text(min[label][c], unsigned));
                assertThat(f[4 + c]).as("CSV max label " + label + " channel " + c).isEqualTo(text(max[label][c], unsigned));
                assertThat(p[2 + c]).as("Parquet min").isEqualTo(min[label][c]);
                assertThat(p[4 + c]).as("Parquet max").isEqualTo(max[label][c]);
            }
        }
        assertThat(schema.getType("max_0").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.intType(64, !unsigned));
    }

    /** The same image in a SpatialData store: --table puts min and max into obs in the image's dtype. */
    private void checkTable(DType type, long[] extremes) throws Exception {
        boolean unsigned = type == DType.UINT64;
        int[] mask = mask();
        long[] image = image(mask, extremes);
        Path store = dir.resolve(type.numpyName() + "-sd.zarr");
        SpatialDataWriter sd = SpatialDataWriter.create(store, 2, true);
        sd.labels("cells").axes("y", "x").shape(H, W).chunks(3, 5).dtype(DType.INT32).create().writeAll(mask);
        sd.image("img").axes("c", "y", "x").shape(2, H, W).chunks(1, 4, 4).dtype(type)
                .channelNames(List.of("a", "b")).create().writeAll(image);
        Path csv = dir.resolve(type.numpyName() + "-table.csv");
        Cli r = DiskStores.run("stats", "--sdata", store.toString(), "--labels-name", "cells", "--image-name", "img",
                "--stats", "mean,min,max", "--table", "t", "--csv", csv.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        long[][] min = expected(mask, image, unsigned, false);
        long[][] max = expected(mask, image, unsigned, true);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("cell_ID,shapeSize,mean_a,mean_b,min_a,min_b,max_a,max_b");
        for (int label = 0; label < 4; label++) {
            String[] f = lines.get(label + 1).split(",");
            assertThat(f[6]).isEqualTo(text(max[label][0], unsigned));
            assertThat(f[4]).isEqualTo(text(min[label][0], unsigned));
        }
        Assumptions.assumeTrue(AnnDataPythonTest.hasAnndata(), "/usr/bin/python3 cannot import anndata");
        String out = AnnDataPythonTest.check(Path.of("../tools/fixtures/cli/print_obs.py"), store.toString(), "t",
                "min_a", "min_b", "max_a", "max_b");
        List<String> obs = out.lines().toList();
        assertThat(obs.get(0)).isEqualTo("cell_ID int64 1 2 3");
        String dtype = type.numpyName();
        for (int c = 0; c < 2; c++) {
            String channel = c == 0 ? "a" : "b";
            StringBuilder wantMin = new StringBuilder("min_" + channel + " " + dtype);
            StringBuilder wantMax = new StringBuilder("max_" + channel + " " + dtype);
            for (int label = 1; label < 4; label++) {
                wantMin.append(' ').append(text(min[label][c], unsigned));
                wantMax.append(' ').append(text(max[label][c], unsigned));
            }
            assertThat(obs.get(1 + c)).isEqualTo(wantMin.toString());
            assertThat(obs.get(3 + c)).isEqualTo(wantMax.toString());
        }
        assertThat(obs).hasSize(5);
    }

    @Test
    void int64TableObsHoldTheExactExtremes() throws Exception {
        checkTable(DType.INT64, new long[] {(1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53,
            -((1L << 53) + 1)});
    }

    @Test
    void uint64TableObsHoldTheExactExtremesUnsigned() throws Exception {
        checkTable(DType.UINT64, new long[] {-1L /* 2^64 - 1 */, Long.MIN_VALUE /* 2^63 */, 0, -2L, (1L << 53) + 1});
    }

    private static String text(long v, boolean unsigned) {
        return unsigned ? Long.toUnsignedString(v) : Long.toString(v);
    }

    @Test
    void int64MinAndMaxAreExact() throws IOException {
        check(DType.INT64, new long[] {(1L << 53) + 1, 1L << 53, Long.MAX_VALUE, Long.MIN_VALUE, -((1L << 53) + 1)});
        String csv = Files.readString(dir.resolve("int64.csv"));
        assertThat(csv).contains("9007199254740993").contains("9223372036854775807").contains("-9223372036854775808");
    }

    @Test
    void uint64MinAndMaxAreExactAndUnsigned() throws IOException {
        check(DType.UINT64, new long[] {-1L /* 2^64 - 1 */, -2L, Long.MIN_VALUE /* 2^63 */, 0, (1L << 53) + 1});
        String csv = Files.readString(dir.resolve("uint64.csv"));
        assertThat(csv).contains("18446744073709551615").contains("9223372036854775808").contains("9007199254740993")
                .doesNotContain("E19").doesNotContain(",-");
    }

    private static MessageType schema(Path file) throws IOException {
        try (ParquetFileReader r = ParquetRead.open(file)) {
            return r.getFooter().getFileMetaData().getSchema();
        }
    }

    /** Every row as raw int64 values (parquet's example reader, independent of our writer). */
    private static List<long[]> rows(Path file) throws IOException {
        List<long[]> out = new ArrayList<>();
        ParquetRead.forEachRecord(file, (schema, g) -> {
            long[] row = new long[schema.getFieldCount()];
            for (int c = 0; c < row.length; c++) {
                row[c] = g.getLong(c, 0);
            }
            out.add(row);
        });
        return out;
    }
}
