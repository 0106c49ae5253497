package org.rasteragg.zarr.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.NoSuchNodeException;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.codec.ZstdConfig;
import org.rasteragg.zarr.store.FileSystemStore;

/**
 * One test per kind of bad input: each fails with a {@link ZarrFormatException} or
 * {@link NoSuchNodeException} whose message names the store, the array, the chunk key and what was
 * expected; none hangs or crashes the JVM.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadInputTest {

    @TempDir
    Path dir;

    private Path v2() {
        return Fixtures.copyStore("v2.zarr", dir);
    }

    private Path v3() {
        return Fixtures.copyStore("v3.zarr", dir);
    }

    private static void truncate(Path file, int keep) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, keep));
    }

    private static void flip(Path file, int from, int to) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (int i = from; i < Math.min(to, b.length); i++) {
            b[i] = (byte) (b[i] ^ 0x5A);
        }
        Files.write(file, b);
    }

    private static Object buffer(ZarrArray a) {
        return a.dtype().allocate(a.grid().chunkElements());
    }

    @Test
    void truncatedBloscChunk() throws IOException {
        Path root = v2();
        truncate(root.resolve("comp_blosc_lz4_1_u2/0.0"), 100);
        ZarrArray a = Zarr.open(root, "comp_blosc_lz4_1_u2");
        assertThatThrownBy(() -> a.readChunk(new long[] {0, 0}, buffer(a)))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("array 'comp_blosc_lz4_1_u2'")
                .hasMessageContaining("chunk key 'comp_blosc_lz4_1_u2/0.0'")
                .hasMessageContaining("blosc: truncated frame, header says")
                .hasMessageContaining("but 100 are present");
    }

    @Test
    void truncatedZstdGzipZlibAndLz4Chunks() throws IOException {
        Path root = v2();
        for (String name : new String[] {"comp_zstd_u2", "comp_gzip_u2", "comp_zlib_u2", "comp_lz4_u2"}) {
            Path chunk = root.resolve(name + "/0.0");
            truncate(chunk, (int) Files.size(chunk) / 2);
            ZarrArray a = Zarr.open(root, name);
            String codec = name.substring(5, name.length() - 3);
            assertThatThrownBy(() -> a.readChunk(new long[] {0, 0}, buffer(a)))
                    .as(name).isInstanceOf(ZarrFormatException.class)
                    .hasMessageContaining("chunk key '" + name + "/0.0'")
                    .hasMessageContaining(codec + ":");
        }
    }

    @Test
    void corruptCompressedStreams() throws IOException {
        Path root = v2();
        // Not numcodecs lz4 alone: an LZ4 block has no checksum, and a corrupted one can decode to the
        // right size (its truncation is caught, see above).
        String[] names = {"comp_blosc_lz4_1_u2", "comp_blosc_blosclz_1_u2", "comp_blosc_zstd_2_u2",
            "comp_blosc_zlib_0_u2", "comp_zstd_u2", "comp_gzip_u2", "comp_zlib_u2"};
        java.util.List<String> undetected = new java.util.ArrayList<>();
        for (String name : names) {
            Path chunk = root.resolve(name + "/0.0");
            // Past the headers, inside the compressed streams.
            flip(chunk, 40, (int) Files.size(chunk) - 8);
            ZarrArray a = Zarr.open(root, name);
            try {
                a.readChunk(new long[] {0, 0}, buffer(a));
                undetected.add(name);
            } catch (ZarrFormatException e) {
                assertThat(e).as(name).hasMessageContaining("store " + root)
                        .hasMessageContaining("chunk key '" + name + "/0.0'");
            }
        }
        assertThat(undetected).isEmpty();
    }

    @Test
    void wrongChunkSizeAfterDecompression() throws IOException {
        Path root = v2();
        // An uncompressed int16 chunk of 5x6 elements must hold 60 bytes.
        Files.write(root.resolve("dtype_le_i2/1.1"), new byte[58]);
        ZarrArray a = Zarr.open(root, "dtype_le_i2");
        assertThatThrownBy(() -> a.readChunk(new long[] {1, 1}, buffer(a)))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("chunk key 'dtype_le_i2/1.1'")
                .hasMessageContaining("58 bytes after decompression, expected 60");
        // A zstd frame that is valid but holds the wrong amount of data.
        Files.write(root.resolve("comp_zstd_u2/0.1"), ZstdConfig.compress(new byte[100], 0, 100, 3, false));
        ZarrArray z = Zarr.open(root, "comp_zstd_u2");
        assertThatThrownBy(() -> z.readChunk(new long[] {0, 1}, buffer(z)))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("chunk key 'comp_zstd_u2/0.1'")
                .hasMessageContaining("zstd");
        // A blosc frame whose header promises another size.
        Path b = root.resolve("comp_blosc_lz4_1_u2/0.0");
        byte[] frame = Files.readAllBytes(b);
        frame[4] = (byte) (frame[4] + 2);
        Files.write(b, frame);
        ZarrArray bl = Zarr.open(root, "comp_blosc_lz4_1_u2");
        assertThatThrownBy(() -> bl.readChunk(new long[] {0, 0}, buffer(bl)))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("expected 2560");
    }

    @Test
    void unknownCodec() throws IOException {
        Path root = v2();
        Path meta = root.resolve("comp_zstd_u2/.zarray");
        Files.writeString(meta, Files.readString(meta).replace("\"zstd\"", "\"snappyx\""));
        assertThatThrownBy(() -> Zarr.open(root, "comp_zstd_u2"))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(root.resolve("comp_zstd_u2/.zarray").toString().replace("\\", "/")
                        .substring(root.toString().length()))
                .hasMessageContaining("unknown compressor 'snappyx'")
                .hasMessageContaining("supported: [blosc, gzip, lz4, zlib, zstd]");
        Path root3 = v3();
        Path meta3 = root3.resolve("u2_zstd/zarr.json");
        Files.writeString(meta3, Files.readString(meta3).replace("\"name\": \"zstd\"", "\"name\": \"jpeg2k\""));
        assertThatThrownBy(() -> Zarr.open(root3, "u2_zstd"))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("u2_zstd/zarr.json")
                .hasMessageContaining("unknown codec 'jpeg2k'");
    }

    @Test
    void unsupportedDtypes() throws IOException {
        Path root = v2();
        Path meta = root.resolve("dtype_le_i2/.zarray");
        Files.writeString(meta, Files.readString(meta).replace("\"<i2\"", "\"<c8\""));
        assertThatThrownBy(() -> Zarr.open(root, "dtype_le_i2"))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("dtype_le_i2/.zarray")
                .hasMessageContaining("unsupported dtype '<c8'")
                .hasMessageContaining("supported: int8..int64");
        Path root3 = v3();
        Path meta3 = root3.resolve("u2_zstd/zarr.json");
        Files.writeString(meta3, Files.readString(meta3).replace("\"uint16\"", "\"bool\""));
        assertThatThrownBy(() -> Zarr.open(root3, "u2_zstd"))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("unsupported dtype 'bool'");
    }

    @Test
    void malformedJson() throws IOException {
        Path root = v2();
        Files.writeString(root.resolve("dtype_le_i2/.zarray"), "{\"zarr_format\": 2, \"shape\": [13,");
        assertThatThrownBy(() -> Zarr.open(root, "dtype_le_i2"))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("dtype_le_i2/.zarray")
                .hasMessageContaining("malformed JSON");
        Files.writeString(root.resolve("dtype_le_u2/.zarray"), "[1, 2]");
        assertThatThrownBy(() -> Zarr.open(root, "dtype_le_u2"))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("expected a JSON object, found ARRAY");
        Files.writeString(root.resolve("dtype_le_i4/.zarray"), "{\"zarr_format\": 2, \"chunks\": [5, 6]}");
        assertThatThrownBy(() -> Zarr.open(root, "dtype_le_i4"))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("dtype_le_i4/.zarray: missing field 'shape'");
    }

    @Test
    void pathThatIsNotAZarrStore() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain/sub"));
        Files.writeString(plain.resolve("readme.txt"), "hello", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Zarr.open(dir.resolve("plain"), "x"))
                .isInstanceOf(NoSuchNodeException.class)
                .hasMessageContaining(dir.resolve("plain") + " is not a Zarr store");
        assertThatThrownBy(() -> Zarr.open(dir.resolve("absent"), "x"))
                .isInstanceOf(NoSuchNodeException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Zarr.open(plain.resolve("readme.txt"), "x"))
                .isInstanceOf(NoSuchNodeException.class).hasMessageContaining("is a file");
        Path root = v2();
        assertThatThrownBy(() -> Zarr.open(root, "nope"))
                .isInstanceOf(NoSuchNodeException.class)
                .hasMessageContaining("no Zarr array at 'nope'")
                .hasMessageContaining("comp_zstd_u2");
    }

    @Test
    void shardIndexChecksumMismatchAndOutOfRangeEntries() throws IOException {
        Path root = v3();
        Path shard = root.resolve("u1_sharded/c/0/0");
        byte[] b = Files.readAllBytes(shard);
        b[b.length - 10] ^= 1;
        Files.write(shard, b);
        ZarrArray a = Zarr.open(root, "u1_sharded");
        assertThatThrownBy(() -> a.readChunk(new long[] {0, 0}, buffer(a)))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("chunk key 'u1_sharded/c/0/0'")
                .hasMessageContaining("crc32c: checksum mismatch");

        Path root2 = Fixtures.copyStore("v3.zarr", dir.resolve("second"));
        FileSystemStore s = new FileSystemStore(root2);
        // Rewrite the index of shard (0, 1): first entry pointing past the shard, with a valid crc.
        String key = "u1_sharded/c/0/1";
        byte[] shardBytes = s.get(key);
        int indexStart = shardBytes.length - (16 * 4 + 4);
        java.nio.ByteBuffer idx = java.nio.ByteBuffer.wrap(shardBytes, indexStart, 16 * 4).order(
                java.nio.ByteOrder.LITTLE_ENDIAN);
        idx.putLong(indexStart, 1_000_000L);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(shardBytes, indexStart, 64);
        java.nio.ByteBuffer.wrap(shardBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(shardBytes.length - 4, (int) crc.getValue());
        s.put(key, shardBytes);
        ZarrArray a2 = Zarr.open(root2, "u1_sharded");
        assertThatThrownBy(() -> a2.readChunk(new long[] {0, 2}, buffer(a2)))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("chunk key 'u1_sharded/c/0/1'")
                .hasMessageContaining("inner chunk 0 at offset 1000000")
                .hasMessageContaining("outside the shard");
    }

    @Test
    void truncatedShard() throws IOException {
        Path root = v3();
        truncate(root.resolve("u1_sharded/c/0/0"), 30);
        ZarrArray a = Zarr.open(root, "u1_sharded");
        assertThatThrownBy(() -> a.readChunk(new long[] {0, 0}, buffer(a)))
                .isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("chunk key 'u1_sharded/c/0/0'")
                .hasMessageContaining("shard of 30 bytes cannot hold its index of 68 bytes");
    }

    @Test
    void wrongDestinationBufferIsRejected() {
        ZarrArray a = Zarr.open(Fixtures.root().resolve("v2.zarr"), "dtype_le_i2");
        assertThat(a.dtype()).isEqualTo(DType.INT16);
        assertThatThrownBy(() -> a.readChunk(new long[] {0, 0}, new int[30]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int16 buffer of at least 30");
        assertThatThrownBy(() -> a.readChunk(new long[] {9, 0}, new short[30]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("outside grid");
    }
}
