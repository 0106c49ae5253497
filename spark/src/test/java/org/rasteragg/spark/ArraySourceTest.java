package org.rasteragg.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.InvalidInputException;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.store.FileSystemStore;

/** What tasks carry must survive Java serialization and reopen the same array. */
class ArraySourceTest {

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void zarrSourceTravelsAsAPathAndReopensTheArray(@TempDir Path dir) throws Exception {
        Path store = Files.createDirectories(dir.resolve("m.zarr"));
        int[] data = new int[6 * 7];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 5;
        }
        ZarrArrayWriter.builder(new FileSystemStore(store), "").shape(6, 7).chunks(4, 4).dtype(DType.INT32).create()
                .writeAll(data);
        ZarrSource source = roundTrip(ZarrSource.resolve(store, 0));
        ChunkedArray a = source.open();
        assertThat(a.shape()).containsExactly(6, 7);
        int[] chunk = new int[16];
        a.readChunk(new long[] {1, 1}, chunk);
        assertThat(chunk[0]).isEqualTo(data[4 * 7 + 4]);
        assertThat(source.description()).endsWith("m.zarr");
        assertThatThrownBy(() -> ZarrSource.resolve(store, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("level 1");
    }

    @Test
    void syntheticAndInMemorySourcesRoundTrip() throws Exception {
        SyntheticSource s = roundTrip(SyntheticSource.mask(new long[] {1, 40, 50}, 30, 2, 3, new int[] {1, 16, 16}));
        assertThat(s.open().shape()).containsExactly(1, 40, 50);
        InMemorySource m = roundTrip(Fixtures.mask3d(1));
        assertThat(m.open().dtype()).isEqualTo(DType.UINT32);
    }
}
