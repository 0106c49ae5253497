package org.rasteragg.zarr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStoreTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return new FileSystemStore(dir.resolve("store"));
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        store.put("a/b", new byte[10]);
        try (var s = Files.walk(dir)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList())
                    .containsExactly("b");
        }
    }

    @Test
    void keysCannotEscapeTheRoot() {
        assertThatThrownBy(() -> store.get("../outside")).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("escapes");
    }
}
