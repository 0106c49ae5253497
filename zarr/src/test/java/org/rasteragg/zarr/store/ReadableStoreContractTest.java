package org.rasteragg.zarr.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do when only reading, read-only ones (HTTP) included; the
 * implementation's test gives a store holding given values. {@link StoreContractTest} adds writing.
 */
public abstract class ReadableStoreContractTest {

    /** A store holding exactly {@code values} (keys to bytes). */
    protected abstract Store storeHolding(Map<String, byte[]> values);

    @Test
    void absentKeysReadAsNull() {
        Store s = storeHolding(Map.of("present", new byte[] {1}));
        assertThat(s.get("nope")).isNull();
        assertThat(s.get("dir/nope")).isNull();
        assertThat(s.exists("nope")).isFalse();
        assertThat(s.size("nope")).isEqualTo(-1);
        assertThat(s.getRange("nope", 0, 1)).isNull();
        assertThat(s.getTail("nope", 4)).isNull();
    }

    @Test
    void valuesSizesAndRanges() {
        byte[] big = new byte[100_000];
        new Random(7).nextBytes(big);
        Store s = storeHolding(Map.of("a/b/c", "hello".getBytes(UTF_8), "k", new byte[] {0, 1, 2, 3, 4, 5, 6},
                "big/0.0", big, "sp ace/x", new byte[] {9}));
        assertThat(s.get("a/b/c")).isEqualTo("hello".getBytes(UTF_8));
        assertThat(s.exists("a/b/c")).isTrue();
        assertThat(s.size("a/b/c")).isEqualTo(5);
        assertThat(s.get("sp ace/x")).containsExactly(9);
        assertThat(s.getRange("k", 2, 3)).containsExactly(2, 3, 4);
        assertThat(s.getRange("k", 7, 0)).isEmpty();
        assertThatThrownBy(() -> s.getRange("k", 5, 3)).isInstanceOf(StoreIOException.class).hasMessageContaining("k");
        assertThat(s.get("big/0.0")).isEqualTo(big);
        assertThat(s.getRange("big/0.0", 99_990, 10)).isEqualTo(java.util.Arrays.copyOfRange(big, 99_990, 100_000));
        Store.Tail t = s.getTail("big/0.0", 16);
        assertThat(t.valueSize()).isEqualTo(100_000);
        assertThat(t.bytes()).isEqualTo(java.util.Arrays.copyOfRange(big, 100_000 - 16, 100_000));
        Store.Tail whole = s.getTail("k", 50);
        assertThat(whole.valueSize()).isEqualTo(7);
        assertThat(whole.bytes()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void concurrentReadsAllSeeTheirValues() throws Exception {
        Map<String, byte[]> values = new java.util.HashMap<>();
        for (int i = 0; i < 64; i++) {
            byte[] v = new byte[1000 + i];
            java.util.Arrays.fill(v, (byte) i);
            values.put("c/" + i, v);
        }
        Store s = storeHolding(values);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> fs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String key = "c/" + i;
                fs.add(pool.submit(() -> s.getRange(key, 10, 990)));
            }
            for (int i = 0; i < 64; i++) {
                byte[] expected = new byte[990];
                java.util.Arrays.fill(expected, (byte) i);
                assertThat(fs.get(i).get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }
}
