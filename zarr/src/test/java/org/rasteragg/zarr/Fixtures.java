package org.rasteragg.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rasteragg.core.array.DType;

/**
 * Access to the committed fixtures written by tools/fixtures/zarr/make_zarr_fixtures.py (zarr-python,
 * numcodecs) and tools/fixtures/zarr/zarrita/make_zarrita_fixtures.mjs (zarrita).
 */
public final class Fixtures {

    private static final com.fasterxml.jackson.databind.ObjectMapper TEST_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One array of the manifest. */
    public record Entry(String store, String array, DType dtype, long[] shape, String expected, String note) {
    }

    private Fixtures() {
    }

    private static Path extracted;

    /**
     * The fixtures folder. Within this module it is target/test-classes/fixtures; other modules
     * (zarr-s3) see it inside zarr's test jar once the build has packaged it, and then get a copy
     * unpacked once into a temporary folder, since the tests read the stores as files.
     */
    public static synchronized Path root() {
        try {
            URI uri = Fixtures.class.getResource("/fixtures/manifest.json").toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri).getParent();
            }
            if (extracted == null) {
                extracted = unpack(uri);
            }
            return extracted;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path unpack(URI manifestInJar) throws IOException {
        Path dir = Files.createTempDirectory("rasteragg-fixtures");
        try (FileSystem jar = FileSystems.newFileSystem(manifestInJar, Map.of());
                var walk = Files.walk(jar.getPath("/fixtures"))) {
            Path src = jar.getPath("/fixtures");
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dir;
    }

    public static List<Entry> manifest() {
        return manifest("manifest.json");
    }

    /** The entries of another manifest of the fixtures folder ("zarrita-manifest.json"). */
    public static List<Entry> manifest(String file) {
        try {
            JsonNode m = TEST_JSON.readTree(root().resolve(file).toFile());
            List<Entry> list = new ArrayList<>();
            for (JsonNode a : m.get("arrays")) {
                long[] shape = new long[a.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = a.get("shape").get(i).asLong();
                }
                list.add(new Entry(a.get("store").asText(), a.get("array").asText(),
                        DType.fromNumpyName(a.get("dtype").asText()), shape, a.get("expected").asText(),
                        a.get("note").asText()));
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expected values of an entry as a primitive array of its dtype. */
    public static Object expected(Entry e) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(root().resolve(e.expected())))
                    .order(ByteOrder.LITTLE_ENDIAN);
            int n = b.remaining() / e.dtype().byteSize();
            Object out = e.dtype().allocate(n);
            if (out instanceof byte[] a) {
                b.get(a);
            } else if (out instanceof short[] a) {
                b.asShortBuffer().get(a);
            } else if (out instanceof int[] a) {
                b.asIntBuffer().get(a);
            } else if (out instanceof long[] a) {
                b.asLongBuffer().get(a);
            } else if (out instanceof float[] a) {
                b.asFloatBuffer().get(a);
            } else {
                b.asDoubleBuffer().get((double[]) out);
            }
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A copy of a fixture store in {@code dir} (tests that corrupt files work on copies). */
    public static Path copyStore(String store, Path dir) {
        Path src = root().resolve(store);
        Path dst = dir.resolve(store);
        try (var walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst;
    }
}
