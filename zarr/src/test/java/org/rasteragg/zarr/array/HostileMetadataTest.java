package org.rasteragg.zarr.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasteragg.zarr.Fixtures;
import org.rasteragg.zarr.Json;
import org.rasteragg.zarr.Zarr;
import org.rasteragg.zarr.ZarrFormatException;
import org.rasteragg.zarr.store.FileSystemStore;

/**
 * Metadata no reader can honour, or that the specification says must be refused, fails when the
 * array is opened, with one line naming the document and the offending value; and the codec
 * chain {@code [sharding_indexed, gzip]} is read as the specification defines it.
 */
class HostileMetadataTest {

    @TempDir
    Path dir;

    private Path v2Array(String shape, String chunks) throws IOException {
        Path root = dir.resolve("a.zarr");
        Files.createDirectories(root);
        Files.writeString(root.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": " + shape + ", \"chunks\": " + chunks
                + ", \"dtype\": \"<u2\", \"compressor\": null, \"fill_value\": 0, \"filters\": null, \"order\": \"C\"}");
        return root;
    }

    private Path v3Array(String extraFields) throws IOException {
        Path root = dir.resolve("b.zarr");
        Files.createDirectories(root);
        Files.writeString(root.resolve("zarr.json"), "{\"zarr_format\": 3, \"node_type\": \"array\", \"shape\": [4, 4],"
                + " \"data_type\": \"uint8\", \"chunk_grid\": {\"name\": \"regular\", \"configuration\": {\"chunk_shape\":"
                + " [2, 2]}}, \"chunk_key_encoding\": {\"name\": \"default\"}, \"fill_value\": 7,"
                + " \"codecs\": [{\"name\": \"bytes\"}]" + extraFields + "}");
        return root;
    }

    @Test
    void aShapeWhoseElementCountOverflows64BitsIsRefusedNamingArrayAndShape() throws IOException {
        Path root = v2Array("[4294967296, 4294967296]", "[1024, 1024]");
        assertThatThrownBy(() -> Zarr.open(root, "")).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(root + "/.zarray")
                .hasMessageContaining("shape [4294967296, 4294967296] holds more than 2^63-1 elements");
    }

    private Path v2Float32(String fill) throws IOException {
        Path root = dir.resolve("f.zarr");
        Files.createDirectories(root);
        Files.writeString(root.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4], \"chunks\": [2],"
                + " \"dtype\": \"<f4\", \"compressor\": null, \"fill_value\": \"" + fill + "\", \"filters\": null,"
                + " \"order\": \"C\"}");
        return root;
    }

    @Test
    void aHexFillValueThatIsNotTheTypesRawBitsIsRefusedNotACrash() throws IOException {
        // Found by the fuzzer: "0xN" reached Long.parseUnsignedLong and escaped as NumberFormatException.
        for (String fill : List.of("0xN", "0x", "0x7fc0000", "0x7fc000000", "0x-7fc0000", "0x7fc0000g")) {
            Path root = v2Float32(fill);
            assertThatThrownBy(() -> Zarr.open(root, "")).as(fill).isInstanceOf(ZarrFormatException.class)
                    .hasMessageContaining(root + "/.zarray")
                    .hasMessageContaining("fill_value '" + fill + "' is not valid for float32");
        }
    }

    @Test
    void aHexFillValueOfExactlyTheTypesWidthIsItsRawBits() throws IOException {
        Path root = v2Float32("0x7fc00001");
        assertThat(Zarr.open(root, "").metadata().fillValue().bits()).isEqualTo(0x7fc00001L);
    }

    @Test
    void anEmptyAxisMakesAnyOtherExtentHarmless() throws IOException {
        Path root = v2Array("[0, 9223372036854775807, 9223372036854775807]", "[1, 1, 1]");
        assertThat(Zarr.open(root, "").metadata().elementCount()).isZero();
    }

    @Test
    void aChunkLargerThanAJavaArrayIsRefused() throws IOException {
        Path root = v2Array("[100000, 100000]", "[100000, 100000]");
        assertThatThrownBy(() -> Zarr.open(root, "")).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(root + "/.zarray")
                .hasMessageContaining("chunk shape [100000, 100000] of uint16 holds more than 2147483639 bytes");
    }

    @Test
    void aChunkFarLargerThanTheArrayIsRefused() throws IOException {
        Path root = v2Array("[10, 10]", "[8000, 8000]");
        assertThatThrownBy(() -> Zarr.open(root, "")).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(root + "/.zarray")
                .hasMessageContaining("chunk shape [8000, 8000] (128000000 bytes) is far larger than the array's shape"
                        + " [10, 10]");
    }

    @Test
    void aChunkSomewhatLargerThanTheArrayIsFine() throws IOException {
        // zarr-python's default chunks often exceed a small array; that must keep working.
        Path root = v2Array("[10, 10]", "[64, 64]");
        assertThat(Zarr.open(root, "").chunkShape()).containsExactly(64, 64);
    }

    @Test
    void anUnknownFieldThatMustBeUnderstoodIsRefusedNamingIt() throws IOException {
        Path root = v3Array(", \"rasteragg_future\": {\"must_understand\": true, \"x\": 1}");
        assertThatThrownBy(() -> Zarr.open(root, "")).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(root + "/zarr.json")
                .hasMessageContaining("unknown metadata field 'rasteragg_future' with must_understand true");
    }

    @Test
    void anUnknownFieldWithoutMustUnderstandIsRefusedAsTheSpecificationSays() throws IOException {
        Path root = v3Array(", \"surprise\": 1");
        assertThatThrownBy(() -> Zarr.open(root, "")).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("unknown metadata field 'surprise'");
    }

    @Test
    void anUnknownFieldThatNeedNotBeUnderstoodIsIgnored() throws IOException {
        Path root = v3Array(", \"optional_extra\": {\"must_understand\": false, \"anything\": [1, 2]}");
        byte[] chunk = new byte[4];
        Zarr.open(root, "").readChunk(new long[] {1, 1}, chunk);
        assertThat(chunk).containsExactly(7, 7, 7, 7);
    }

    @Test
    void trailingTextAfterTheJsonDocumentIsRefused() throws IOException {
        Path root = v2Array("[4, 4]", "[2, 2]");
        Files.writeString(root.resolve(".zarray"), Files.readString(root.resolve(".zarray")) + "\n{\"shape\": [1]}");
        assertThatThrownBy(() -> Zarr.open(root, "")).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(root + "/.zarray").hasMessageContaining("malformed JSON")
                .hasMessageContaining("Trailing token");
    }

    @Test
    void gzipAfterShardingCompressesWholeShardsAndIsApplied() throws IOException {
        // The spec-built sharded fixture, each shard then gzipped whole by java.util.zip (independent of
        // our codec), and gzip appended to the codec list: the values must be the fixture's (numpy's).
        Path root = Fixtures.copyStore("v3.zarr", dir);
        Path array = root.resolve("u1_sharded");
        ObjectNode meta = Json.parseObject(Files.readAllBytes(array.resolve("zarr.json")), "zarr.json");
        ((com.fasterxml.jackson.databind.node.ArrayNode) meta.get("codecs")).addObject().put("name", "gzip")
                .putObject("configuration").put("level", 6);
        Files.write(array.resolve("zarr.json"), Json.bytes(meta));
        List<String> shards = new FileSystemStore(array).list("c/");
        assertThat(shards).hasSize(3);
        for (String key : shards) {
            Path p = array.resolve(key);
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                gz.write(Files.readAllBytes(p));
            }
            Files.write(p, bos.toByteArray());
        }
        Fixtures.Entry e = Fixtures.manifest().stream()
                .filter(x -> x.store().equals("v3.zarr") && x.array().equals("u1_sharded")).findFirst().orElseThrow();
        ZarrArray a = Zarr.open(root, "u1_sharded");
        assertThat(a.metadata().codecs()).hasSize(2);
        assertThat((byte[]) a.readAll()).isEqualTo((byte[]) Fixtures.expected(e));
    }
}
