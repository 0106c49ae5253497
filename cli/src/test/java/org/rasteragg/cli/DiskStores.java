package org.rasteragg.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rasteragg.cli.io.ZarrBackend;
import org.rasteragg.core.array.DType;
import org.rasteragg.zarr.array.ZarrArrayWriter;
import org.rasteragg.zarr.store.FileSystemStore;

/** Small Zarr stores on disk for the tests that run the real backend, and what a directory holds. */
final class DiskStores {

    private DiskStores() {
    }

    /** A Zarr v2 int32 mask of {@code h x w} whose label at (y, x) is {@code 1 + (y * w + x) % labels}. */
    static Path mask(Path store, int h, int w, int labels) {
        int[] data = new int[h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = 1 + i % labels;
        }
        try {
            Files.createDirectories(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ZarrArrayWriter.builder(new FileSystemStore(store), "").zarrFormat(2).shape(h, w)
                .chunks(Math.min(h, 64), Math.min(w, 64)).dtype(DType.INT32).create().writeAll(data);
        return store;
    }

    /** Runs the command on the real (file-system) backend, in-process. */
    static Cli run(String... args) {
        return Cli.run(new ZarrBackend(), args);
    }

    /** Every path under {@code dir} (recursively), relative, sorted: to assert that nothing was left behind. */
    static List<String> listing(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<String> out = new ArrayList<>();
            s.filter(p -> !p.equals(dir)).forEach(p -> out.add(dir.relativize(p).toString()));
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names under {@code dir} that look like temporaries (".NAME.*tmp*"). */
    static List<String> temporaries(Path dir) {
        return listing(dir).stream().filter(n -> Path.of(n).getFileName().toString().startsWith(".")
                && n.contains("tmp")).toList();
    }
}
