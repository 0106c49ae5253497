package org.rasteragg.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rasteragg.cli.demo.DemoDataset;
import org.rasteragg.cli.io.SpatialData;
import org.rasteragg.cli.io.StoreBackend;
import org.rasteragg.core.array.ChunkedArray;
import org.rasteragg.job.JobException;
import org.rasteragg.job.io.Raster;
import org.rasteragg.zarr.anndata.SpatialDataTableWriter;

/** An in-memory StoreBackend for tests: arrays and SpatialData stores registered by path. */
final class MemoryBackend implements StoreBackend {

    final Map<Path, Raster> rasters = new LinkedHashMap<>();
    final Map<Path, MemorySpatialData> stores = new LinkedHashMap<>();
    /** When set, writeTable throws after nothing was written (to test that no partial output is left). */
    boolean failTableWrites;

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    MemoryBackend raster(Path path, ChunkedArray array, List<String> channels) {
        rasters.put(key(path), new Raster(array, channels, null, path.toString()));
        return this;
    }

    MemorySpatialData store(Path path) {
        return stores.computeIfAbsent(key(path), p -> new MemorySpatialData(p));
    }

    @Override
    public Raster openRaster(Path path, int level) {
        Raster r = rasters.get(key(path));
        if (r == null) {
            throw JobException.data(path + ": no such Zarr array or OME-Zarr image");
        }
        if (level != 0) {
            throw JobException.data(path + ": no level " + level + "; levels: [0]");
        }
        return r;
    }

    @Override
    public SpatialData openSpatialData(Path store) {
        MemorySpatialData s = stores.get(key(store));
        if (s == null) {
            throw JobException.data(store + ": no such SpatialData store");
        }
        return s;
    }

    @Override
    public void writeDemoStore(Path store, DemoDataset data) {
        MemorySpatialData s = new MemorySpatialData(key(store));
        stores.put(key(store), s);
        s.images.put(DemoCommand.IMAGE, new Raster(data.image(), DemoDataset.CHANNELS, null, store + "/images/image"));
        s.labels.put(DemoCommand.LABELS, new Raster(data.mask(), null, null, store + "/labels/cells"));
    }

    @Override
    public List<ElementInfo> describe(Path path) {
        MemorySpatialData s = stores.get(key(path));
        if (s == null) {
            throw JobException.data(path + ": no such store");
        }
        List<ElementInfo> out = new ArrayList<>();
        s.images.forEach((n, r) -> out.add(info("image", n, r)));
        s.labels.forEach((n, r) -> out.add(info("labels", n, r)));
        return out;
    }

    private static ElementInfo info(String kind, String name, Raster r) {
        return new ElementInfo(kind, name, null, r.channelNames(), List.of(new Level("0", r.array().shape(),
                r.array().chunkShape(), r.array().dtype().numpyName(), List.of(), null)));
    }

    final class MemorySpatialData implements SpatialData {
        final Path path;
        final Map<String, Raster> images = new LinkedHashMap<>();
        final Map<String, Raster> labels = new LinkedHashMap<>();
        /** The first (or only) field of view of each table written. */
        final Map<String, SpatialDataTableWriter.Input> tables = new LinkedHashMap<>();
        /** Every field of view of each table written. */
        final Map<String, List<SpatialDataTableWriter.Input>> tableFovs = new LinkedHashMap<>();

        MemorySpatialData(Path path) {
            this.path = path;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public List<String> imageNames() {
            return List.copyOf(images.keySet());
        }

        @Override
        public List<String> labelsNames() {
            return List.copyOf(labels.keySet());
        }

        @Override
        public List<String> tableNames() {
            return List.copyOf(tables.keySet());
        }

        @Override
        public Raster image(String name, int level) {
            Raster r = images.get(name);
            if (r == null) {
                throw JobException.data(path + ": no element images/" + name + "; images: " + imageNames());
            }
            return r;
        }

        @Override
        public Raster labels(String name, int level) {
            Raster r = labels.get(name);
            if (r == null) {
                throw JobException.data(path + ": no element labels/" + name + "; labels: " + labelsNames());
            }
            return r;
        }

        @Override
        public void writeTable(String name, List<SpatialDataTableWriter.Input> fovs, boolean overwrite) {
            if (failTableWrites) {
                throw JobException.data(path + ": cannot write tables/" + name + ": simulated failure");
            }
            if (tables.containsKey(name) && !overwrite) {
                throw JobException.data(path + ": table '" + name + "' exists");
            }
            tables.put(name, fovs.get(0));
            tableFovs.put(name, List.copyOf(fovs));
        }
    }
}
