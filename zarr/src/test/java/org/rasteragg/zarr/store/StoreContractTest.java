package org.rasteragg.zarr.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every writable {@link Store} must have; each implementation's test extends this. */
public abstract class StoreContractTest extends ReadableStoreContractTest {

    protected Store store;

    /** A new, empty store. */
    protected abstract Store newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    @Override
    protected Store storeHolding(Map<String, byte[]> values) {
        Store s = newStore();
        values.forEach(s::put);
        return s;
    }

    @Test
    void absentKeyReadsAsNull() {
        assertThat(store.get("nope")).isNull();
        assertThat(store.exists("nope")).isFalse();
        assertThat(store.size("nope")).isEqualTo(-1);
        assertThat(store.getRange("nope", 0, 1)).isNull();
    }

    @Test
    void putThenGetReturnsTheBytes() {
        store.put("a/b/c", "hello".getBytes(UTF_8));
        assertThat(store.get("a/b/c")).isEqualTo("hello".getBytes(UTF_8));
        assertThat(store.exists("a/b/c")).isTrue();
        assertThat(store.exists("a/b")).isFalse();
        assertThat(store.size("a/b/c")).isEqualTo(5);
        store.put("a/b/c", "x".getBytes(UTF_8));
        assertThat(store.get("a/b/c")).isEqualTo("x".getBytes(UTF_8));
    }

    @Test
    void rangeReadsReturnThePart() {
        store.put("k", new byte[] {0, 1, 2, 3, 4, 5, 6});
        assertThat(store.getRange("k", 2, 3)).containsExactly(2, 3, 4);
        assertThat(store.getRange("k", 7, 0)).isEmpty();
        assertThatThrownBy(() -> store.getRange("k", 5, 3)).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("k");
    }

    @Test
    void listAndChildren() {
        store.put("g/x/.zarray", new byte[1]);
        store.put("g/x/0.0", new byte[1]);
        store.put("g/y/zarr.json", new byte[1]);
        store.put("g/.zgroup", new byte[1]);
        store.put("h", new byte[1]);
        assertThat(store.list("g/")).containsExactly("g/.zgroup", "g/x/.zarray", "g/x/0.0", "g/y/zarr.json");
        assertThat(store.list("g/x")).containsExactly("g/x/.zarray", "g/x/0.0");
        assertThat(store.children("g")).containsExactly(".zgroup", "x", "y");
        assertThat(store.children("")).containsExactly("g", "h");
        assertThat(store.children("missing")).isEmpty();
    }

    @Test
    void deleteRemovesTheWholeNode() {
        store.put("t/a", new byte[1]);
        store.put("t/b/c", new byte[1]);
        store.put("tt", new byte[1]);
        store.delete("t");
        assertThat(store.list("t")).containsExactly("tt");
        store.delete("absent");
    }

    @Test
    void renameMovesANodeAndRefusesAnExistingTarget() {
        store.put("tmp/a", new byte[] {1});
        store.put("tmp/b/c", new byte[] {2});
        store.rename("tmp", "final");
        assertThat(store.get("final/a")).containsExactly(1);
        assertThat(store.get("final/b/c")).containsExactly(2);
        assertThat(store.list("tmp")).isEmpty();
        store.put("other/a", new byte[] {3});
        assertThatThrownBy(() -> store.rename("other", "final")).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("final");
        assertThatThrownBy(() -> store.rename("absent", "x")).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void concurrentPutsOfDistinctKeysAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int k = i;
                fs.add(pool.submit(() -> store.put("c/" + k, new byte[] {(byte) k})));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.list("c/")).hasSize(200);
        assertThat(store.get("c/17")).containsExactly(17);
    }
}
