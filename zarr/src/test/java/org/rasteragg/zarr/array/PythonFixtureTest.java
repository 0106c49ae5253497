package org.rasteragg.zarr.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.Zarr;

/**
 * Every array written by zarr-python 2 (v2) and by the hand-written v3 generator reads back to the
 * exact values numpy holds (bit for bit, NaN included).
 */
public class PythonFixtureTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureArrayReadsBackExactly() {
        return Fixtures.manifest().stream().map(e -> DynamicTest.dynamicTest(e.store() + "/" + e.array() + " (" + e.note() + ")",
                () -> {
                    ZarrArray a = Zarr.open(Fixtures.root().resolve(e.store()), e.array());
                    assertThat(a.dtype()).isEqualTo(e.dtype());
                    assertThat(a.shape()).containsExactly(e.shape());
                    assertSameBits(a.readAll(), Fixtures.expected(e), e.array());
                }));
    }

    public static void assertSameBits(Object actual, Object expected, String what) {
        boolean same = switch (expected.getClass().getSimpleName()) {
            case "byte[]" -> Arrays.equals((byte[]) actual, (byte[]) expected);
            case "short[]" -> Arrays.equals((short[]) actual, (short[]) expected);
            case "int[]" -> Arrays.equals((int[]) actual, (int[]) expected);
            case "long[]" -> Arrays.equals((long[]) actual, (long[]) expected);
            case "float[]" -> Arrays.equals((float[]) actual, (float[]) expected);
            case "double[]" -> Arrays.equals((double[]) actual, (double[]) expected);
            default -> false;
        };
        if (!same) {
            int n = java.lang.reflect.Array.getLength(expected);
            for (int i = 0; i < n; i++) {
                Object x = java.lang.reflect.Array.get(actual, i);
                Object y = java.lang.reflect.Array.get(expected, i);
                if (!Objects.equals(x, y)) {
                    throw new AssertionError(what + ": first difference at flat index " + i + ": read " + x
                            + ", numpy holds " + y);
                }
            }
            throw new AssertionError(what + ": lengths differ");
        }
    }

    @Test
    void concurrentChunkReadsGiveTheSameValues() throws Exception {
        ZarrArray a = Zarr.open(Fixtures.root().resolve("v2.zarr"), "comp_blosc_lz4_1_u2");
        Object expected = a.readAll();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                results.add(pool.submit(a::readAll));
            }
            for (Future<Object> f : results) {
                assertSameBits(f.get(), expected, "concurrent read");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shardedArrayExposesInnerChunks() {
        ZarrArray a = Zarr.open(Fixtures.root().resolve("v3.zarr"), "u1_sharded");
        assertThat(a.isSharded()).isTrue();
        assertThat(a.chunkShape()).containsExactly(4, 4);
        assertThat(a.chunkKey(new long[] {3, 1})).isEqualTo("u1_sharded/c/1/0");
        assertThat(a.dtype()).isEqualTo(DType.UINT8);
    }
}
